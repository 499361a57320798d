using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace FairnessGovernor.Files
{
    /// <summary>
    /// The sidecar lock shared by the evidence log and the state file (SPEC.md 5.4 and 7.5): an exclusive handle
    /// on <c>&lt;path&gt;.lock</c> (FileShare.None: flock(LOCK_EX) on Unix, a sharing lock on Windows), retried
    /// with a bounded, jittered back-off until a timeout.
    /// </summary>
    internal static class FileLock
    {
        /// <summary>The lock file of <paramref name="path"/>: its full path + ".lock".</summary>
        public static string LockPath(string path) => Path.GetFullPath(path) + ".lock";

        /// <summary>
        /// Takes the exclusive lock on <c>&lt;path&gt;.lock</c>, retrying until <paramref name="timeout"/>. With
        /// <paramref name="optional"/> (readers), a lock file that cannot be created (read-only folder) gives null
        /// instead of an error, and disabled file locking is not an error.
        /// </summary>
        /// <exception cref="FileLockException">The lock could not be taken (see <see cref="FileLockFailure"/>).</exception>
        public static FileStream? Acquire(string path, TimeSpan timeout, bool optional)
        {
            string lockPath = LockPath(path);
            if (!optional && FileLockingDisabled()) throw new FileLockException(FileLockFailure.Disabled, lockPath, timeout, null);
            var clock = Stopwatch.StartNew();
            int delay = 2;
            var random = new Random(Environment.TickCount ^ Thread.CurrentThread.ManagedThreadId);
            Exception? last = null;
            while (true)
            {
                try
                {
                    // Read access suffices for the lock (flock on Unix, sharing mode on Windows) and works on read-only media once the file exists.
                    return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None, 1, FileOptions.None);
                }
                catch (Exception ex) when (ex is DirectoryNotFoundException || ex is UnauthorizedAccessException || ex is PathTooLongException || ex is NotSupportedException || ex is ArgumentException)
                {
                    if (optional) return null;
                    throw new FileLockException(FileLockFailure.Unwritable, lockPath, timeout, ex);
                }
                catch (IOException ex)
                {
                    // A sharing violation (another process holds the lock); or, when the lock file
                    // does not exist, a file system refusing to create it (read-only).
                    last = ex;
                    if (!File.Exists(lockPath))
                    {
                        if (optional) return null;
                        throw new FileLockException(FileLockFailure.Unwritable, lockPath, timeout, ex);
                    }
                }
                if (clock.Elapsed >= timeout) throw new FileLockException(FileLockFailure.Locked, lockPath, timeout, last);
                Thread.Sleep(1 + random.Next(delay + 1));
                delay = Math.Min(delay * 2, 16);
            }
        }

        /// <summary>True when .NET was told not to lock files (then FileShare.None does nothing on Unix).</summary>
        private static bool FileLockingDisabled()
        {
            if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)) return false;
            if (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out bool disabled) && disabled) return true;
            var env = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
            return env != null && (env == "1" || env.Equals("true", StringComparison.OrdinalIgnoreCase));
        }
    }
}
