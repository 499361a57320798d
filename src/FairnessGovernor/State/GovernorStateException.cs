using System;

namespace FairnessGovernor.State
{
    /// <summary>
    /// A problem with a governor state file (SPEC.md 7.5), with a stable <see cref="ErrorId"/>:
    /// InvalidStateFile, UnsupportedStateVersion, StateFileUnreadable, StateFileUnwritable, StateFileLocked,
    /// StateLockDisabled, StatePathIsDirectory. A run that fails with it leaves the file unchanged.
    /// </summary>
    public sealed class GovernorStateException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public GovernorStateException(string errorId, string path, string problem, Exception? inner = null)
            : base(path + ": " + problem, inner)
        {
            ErrorId = errorId;
            Path = path;
            Problem = problem;
        }

        /// <summary>The stable error id.</summary>
        public string ErrorId { get; }

        /// <summary>The state file.</summary>
        public string Path { get; }

        /// <summary>What is wrong.</summary>
        public string Problem { get; }
    }
}
