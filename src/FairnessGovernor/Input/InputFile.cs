using System;
using System.IO;

namespace FairnessGovernor.Input
{
    /// <summary>Reads an input file, JSON or YAML chosen by its extension, with file-level errors.</summary>
    public static class InputFile
    {
        /// <summary>True when the extension is .json, .yaml or .yml (any case).</summary>
        public static bool IsSupported(string path) => FormatOf(path) != null;

        /// <summary>Reads and parses <paramref name="path"/>.</summary>
        /// <exception cref="FairnessInputException">InputFileNotFound, InputPathIsDirectory, InputNotAFile, InputFileUnreadable, InputTooLarge, UnsupportedInputFormat and every parse error.</exception>
        public static InputValue Read(string path, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            var format = FormatOf(path);
            if (format == null)
                throw new FairnessInputException("UnsupportedInputFormat", path, null, null, "unknown file type '" + Path.GetExtension(path) + "'; expected .json, .yaml or .yml.");
            var bytes = ReadBytes(path, limits);
            return format == "json" ? JsonDocumentReader.Read(bytes, path, limits) : YamlDocumentReader.Read(bytes, path, limits);
        }

        /// <summary>Reads a file's bytes with the module's file errors and size limit.</summary>
        public static byte[] ReadBytes(string path, InputLimits limits)
        {
            if (Directory.Exists(path))
                throw new FairnessInputException("InputPathIsDirectory", path, null, null, "the path is a directory; expected a file.");
            if (!File.Exists(path))
                throw new FairnessInputException("InputFileNotFound", path, null, null, "no such file.");
            var special = FileKind.SpecialKind(path);
            if (special != null)
                throw new FairnessInputException("InputNotAFile", path, null, null, "the path is " + special + ", not a regular file; expected a JSON or YAML file.");
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                long length = stream.CanSeek ? stream.Length : -1;
                if (length > limits.MaxFileBytes)
                    throw TooLarge(path, limits);
                if (length >= 0)
                {
                    var bytes = new byte[length];
                    int read = 0;
                    while (read < bytes.Length)
                    {
                        int n = stream.Read(bytes, read, bytes.Length - read);
                        if (n == 0) break;
                        read += n;
                    }
                    if (read != bytes.Length) Array.Resize(ref bytes, read);
                    return bytes;
                }
                using var ms = new MemoryStream();
                var buffer = new byte[1 << 16];
                int k;
                while ((k = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    ms.Write(buffer, 0, k);
                    if (ms.Length > limits.MaxFileBytes) throw TooLarge(path, limits);
                }
                return ms.ToArray();
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new FairnessInputException("InputFileUnreadable", path, null, null, "the file cannot be read: " + ex.Message, 0, 0, ex);
            }
            catch (IOException ex)
            {
                throw new FairnessInputException("InputFileUnreadable", path, null, null, "the file cannot be read (" + ex.Message.TrimEnd('.') + "); if another process holds it, try again when it is released.", 0, 0, ex);
            }
        }

        private static FairnessInputException TooLarge(string path, InputLimits limits) =>
            new FairnessInputException("InputTooLarge", path, null, null, "the file is larger than the limit of " + limits.MaxFileBytes + " bytes (raise it with -MaxInputBytes / InputLimits.MaxFileBytes).");

        internal static string? FormatOf(string path)
        {
            var ext = Path.GetExtension(path);
            if (string.Equals(ext, ".json", StringComparison.OrdinalIgnoreCase)) return "json";
            if (string.Equals(ext, ".yaml", StringComparison.OrdinalIgnoreCase) || string.Equals(ext, ".yml", StringComparison.OrdinalIgnoreCase)) return "yaml";
            return null;
        }
    }
}
