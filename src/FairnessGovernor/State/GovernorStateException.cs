using System;
using FairnessGovernor.Errors;

namespace FairnessGovernor.State
{
    /// <summary>
    /// A problem with a governor state file (SPEC.md 7.5), with a stable error id:
    /// InvalidStateFile, UnsupportedStateVersion, StateFileUnreadable, StateFileUnwritable, StateFileLocked,
    /// StateLockDisabled, StatePathIsDirectory. A run that fails with it leaves the file unchanged.
    /// </summary>
    [Serializable]
    public sealed class GovernorStateException : FairnessException
    {
        /// <summary>Creates the exception.</summary>
        public GovernorStateException(string errorId, string path, string problem, Exception? inner = null)
            : base(errorId, CategoryOf(errorId), path, problem, path + ": " + problem, inner)
        {
        }

        /// <summary>The state file.</summary>
        public string Path => TargetName;

        /// <summary>The category of each state-file error id; every other id is a file that breaks the format.</summary>
        private static FairnessErrorCategory CategoryOf(string errorId)
        {
            switch (errorId)
            {
                case "StateFileLocked": return FairnessErrorCategory.ResourceBusy;
                case "StateFileUnreadable": return FairnessErrorCategory.ReadError;
                case "StateFileUnwritable": return FairnessErrorCategory.WriteError;
                case "StatePathIsDirectory": return FairnessErrorCategory.InvalidArgument;
                case "StateLockDisabled": return FairnessErrorCategory.NotEnabled;
                default: return FairnessErrorCategory.InvalidData;
            }
        }
    }
}
