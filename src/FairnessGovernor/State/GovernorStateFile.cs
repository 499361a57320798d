using System;
using System.IO;
using FairnessGovernor.Files;
using FairnessGovernor.Model;

namespace FairnessGovernor.State
{
    /// <summary>
    /// A governor state kept in a file (SPEC.md 7.5). Updates hold the exclusive lock on
    /// <c>&lt;path&gt;.lock</c> (the sidecar lock the evidence log uses too, <see cref="FileLock"/>: FileShare.None with bounded retry) from reading the
    /// state until the new one has replaced it: written to a temporary file in the same folder, flushed
    /// to disk, then renamed over the file. Readers never see a torn file and concurrent updates never lose one.
    /// </summary>
    public static class GovernorStateFile
    {
        /// <summary>The default time an update waits for another process's lock: 10 s.</summary>
        public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(10);

        /// <summary>Reads the state; a missing file is <see cref="GovernorState.Empty"/>.</summary>
        /// <exception cref="GovernorStateException">InvalidStateFile, UnsupportedStateVersion, StateFileUnreadable, StatePathIsDirectory.</exception>
        public static GovernorState Load(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (Directory.Exists(path)) throw new GovernorStateException("StatePathIsDirectory", path, "the path names a directory, not a state file.");
            if (!File.Exists(path)) return GovernorState.Empty;
            byte[] bytes;
            try
            {
                using (var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var ms = new MemoryStream())
                {
                    s.CopyTo(ms);
                    bytes = ms.ToArray();
                }
            }
            catch (FileNotFoundException)
            {
                return GovernorState.Empty;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new GovernorStateException("StateFileUnreadable", path, "cannot read the state file: " + ex.Message, ex);
            }
            return GovernorStateSerializer.Read(bytes, path);
        }

        /// <summary>
        /// Takes the file's lock (waiting up to <paramref name="lockTimeout"/>, null = 10 s) and reads the state.
        /// Dispose the returned handle to release the lock; call <see cref="GovernorStateLock.Save"/> before to replace the state.
        /// </summary>
        public static GovernorStateLock Open(string path, TimeSpan? lockTimeout = null) => Open(path, lockTimeout, read: true);

        private static GovernorStateLock Open(string path, TimeSpan? lockTimeout, bool read)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (Directory.Exists(path)) throw new GovernorStateException("StatePathIsDirectory", path, "the path names a directory, not a state file.");
            FileStream? handle;
            try
            {
                handle = FileLock.Acquire(path, lockTimeout ?? DefaultLockTimeout, optional: false);
            }
            catch (FileLockException ex)
            {
                throw LockError(path, ex);
            }
            try
            {
                return new GovernorStateLock(path, handle!, read ? Load(path) : GovernorState.Empty);
            }
            catch
            {
                handle!.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Reads the state under the lock, passes it to <paramref name="update"/>, and saves what it returns.
        /// When <paramref name="update"/> throws, nothing is written.
        /// </summary>
        public static GovernorState Update(string path, Func<GovernorState, GovernorState> update, TimeSpan? lockTimeout = null)
        {
            if (update == null) throw new ArgumentNullException(nameof(update));
            using (var l = Open(path, lockTimeout))
            {
                var next = update(l.State) ?? throw new InvalidOperationException("The update returned no state.");
                l.Save(next);
                return next;
            }
        }

        /// <summary>Replaces the state with <see cref="GovernorState.Empty"/> (under the lock); the old file is not read, so a corrupt one can be reset.</summary>
        public static void Reset(string path, TimeSpan? lockTimeout = null)
        {
            using (var l = Open(path, lockTimeout, read: false))
                l.Save(GovernorState.Empty);
        }

        /// <summary>The state file's error for a lock that could not be taken (SPEC.md 7.5).</summary>
        private static GovernorStateException LockError(string path, FileLockException ex)
        {
            switch (ex.Failure)
            {
                case FileLockFailure.Disabled:
                    return new GovernorStateException("StateLockDisabled", path,
                        "file locking is disabled in this process (DOTNET_SYSTEM_IO_DISABLEFILELOCKING or System.IO.DisableFileLocking), so concurrent updates could be lost; unset it to keep state.", ex);
                case FileLockFailure.Unwritable:
                    return new GovernorStateException("StateFileUnwritable", path, "cannot create the lock file '" + ex.LockPath + "': " + ex.Detail, ex);
                default:
                    return new GovernorStateException("StateFileLocked", path,
                        "could not lock '" + ex.LockPath + "' within " + ex.TimeoutSeconds
                        + " s: another process is updating the state, or the file cannot be locked (" + ex.Detail + "). Try again; the state was not changed.", ex);
            }
        }

        /// <summary>Writes the file atomically (<see cref="AtomicFile"/>): temporary file, flush to disk, rename over the target.</summary>
        internal static void WriteAtomically(string path, GovernorState state)
        {
            try
            {
                AtomicFile.Replace(path, stream => GovernorStateSerializer.Write(stream, state));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new GovernorStateException("StateFileUnwritable", path, "cannot write the state file (" + ex.Message + "); the previous state is unchanged.", ex);
            }
        }
    }
}
