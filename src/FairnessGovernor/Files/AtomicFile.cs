using System;
using System.IO;

namespace FairnessGovernor.Files
{
    /// <summary>
    /// Replaces a file so that readers never see it torn (SPEC.md 7.5): the new content goes to a temporary file in
    /// the same folder, is flushed to disk, then renamed over the target.
    /// </summary>
    internal static class AtomicFile
    {
        /// <summary>
        /// Writes <paramref name="path"/> through <paramref name="write"/> and swaps it in; on an I/O error the old
        /// file is unchanged and the error (IOException or UnauthorizedAccessException) propagates.
        /// </summary>
        public static void Replace(string path, Action<Stream> write)
        {
            var full = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(full) ?? ".";
            var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 12))
                {
                    write(stream);
                    stream.Flush(true);
                }
                if (File.Exists(full)) File.Replace(temp, full, null);
                else File.Move(temp, full);
            }
            finally
            {
                try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { }
            }
        }
    }
}
