using System;
using System.IO;
using System.Reflection;

namespace FairnessGovernor.Files
{
    /// <summary>
    /// Replaces a file so that readers never see it torn (SPEC.md 7.5, 8.3): the new content goes to a temporary file in
    /// the same folder, is flushed to disk, then renamed over the target. A symbolic link is written through: its final
    /// target is replaced and the link stays. On Unix the new file takes the mode of the file it replaces (a 600 state
    /// file stays 600).
    /// </summary>
    public static class AtomicFile
    {
        /// <summary>
        /// Writes <paramref name="path"/> through <paramref name="write"/> and swaps it in; on an I/O error the old
        /// file is unchanged and the error (IOException or UnauthorizedAccessException) propagates.
        /// </summary>
        public static void Replace(string path, Action<Stream> write)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (write == null) throw new ArgumentNullException(nameof(write));
            var full = FinalTarget(Path.GetFullPath(path));
            var dir = Path.GetDirectoryName(full) ?? ".";
            var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    write(stream);
                    stream.Flush(true);
                }
                if (File.Exists(full))
                {
                    CopyUnixMode(full, temp);
                    File.Replace(temp, full, null);
                }
                else File.Move(temp, full);
            }
            finally
            {
                try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { }
            }
        }

        // The .NET 6/7 file APIs, reached by reflection: the engine targets netstandard2.0, and runs on .NET 8 or later
        // under PowerShell 7. Where they are missing (Windows PowerShell, .NET Framework) a link is replaced and the mode
        // is not copied, as before.
        private static readonly MethodInfo? ResolveLinkTarget = typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });
        private static readonly Type? UnixFileModeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode");
        private static readonly MethodInfo? GetUnixFileMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
        private static readonly MethodInfo? SetUnixFileMode = UnixFileModeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), UnixFileModeType });

        /// <summary>The file a symbolic link at <paramref name="full"/> finally names (itself when not a link).</summary>
        private static string FinalTarget(string full)
        {
            if (ResolveLinkTarget == null) return full;
            try
            {
                var target = ResolveLinkTarget.Invoke(new FileInfo(full), new object[] { true }) as FileSystemInfo;
                return target == null ? full : Path.GetFullPath(target.FullName);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is IOException || ex.InnerException is UnauthorizedAccessException)
            {
                // A link loop or an unreadable link: let the write report it on the path given.
                return full;
            }
        }

        private static void CopyUnixMode(string from, string to)
        {
            if (GetUnixFileMode == null || SetUnixFileMode == null || Path.DirectorySeparatorChar == '\\') return;
            try
            {
                var mode = GetUnixFileMode.Invoke(null, new object[] { from });
                SetUnixFileMode.Invoke(null, new[] { to, mode });
            }
            catch (TargetInvocationException ex) when (ex.InnerException is IOException || ex.InnerException is UnauthorizedAccessException)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }
        }
    }
}
