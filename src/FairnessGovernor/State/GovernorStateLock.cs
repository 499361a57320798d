using System;
using System.IO;
using FairnessGovernor.Model;

namespace FairnessGovernor.State
{
    /// <summary>The lock on a state file and the state read under it (SPEC.md 7.5). Dispose to release the lock.</summary>
    public sealed class GovernorStateLock : IDisposable
    {
        private FileStream? _handle;

        internal GovernorStateLock(string path, FileStream handle, GovernorState state)
        {
            Path = path;
            _handle = handle;
            State = state;
        }

        /// <summary>The state file.</summary>
        public string Path { get; }

        /// <summary>The state as read under the lock (or as last saved).</summary>
        public GovernorState State { get; private set; }

        /// <summary>Replaces the file's state atomically.</summary>
        public void Save(GovernorState state)
        {
            if (state == null) throw new ArgumentNullException(nameof(state));
            if (_handle == null) throw new ObjectDisposedException(nameof(GovernorStateLock));
            GovernorStateFile.WriteAtomically(Path, state);
            State = state;
        }

        /// <summary>Releases the lock.</summary>
        public void Dispose()
        {
            _handle?.Dispose();
            _handle = null;
        }
    }
}
