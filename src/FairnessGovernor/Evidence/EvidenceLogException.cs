using System;
using System.Text;
using FairnessGovernor.Errors;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// The one error type for evidence-log problems: a bad line, a torn or corrupt tail, a lock
    /// that could not be taken, a failed write. <see cref="FairnessException.ErrorId"/> is stable (SPEC.md 1.7 and 5).
    /// </summary>
    [Serializable]
    public sealed class EvidenceLogException : FairnessException
    {
        /// <summary>Creates the error and composes its message: <c>path:line: problem</c>.</summary>
        public EvidenceLogException(string errorId, string path, string problem, int line = 0, string? field = null, long truncateTo = -1, Exception? inner = null)
            : base(errorId, CategoryOf(errorId), path, problem, Compose(path, line, field, problem), inner)
        {
            Line = line;
            Field = field;
            TruncateTo = truncateTo;
        }

        /// <summary>The evidence log (or a phrase naming the text) the error is about.</summary>
        public string Path => TargetName;

        /// <summary>1-based line, 0 when the error is not about one line.</summary>
        public int Line { get; }

        /// <summary>The field of the line, when the error is about one field; otherwise null.</summary>
        public string? Field { get; }

        /// <summary>
        /// For a torn or corrupt tail: the length in bytes to truncate the log to (the end of the
        /// last good line) once a person has checked it; -1 otherwise.
        /// </summary>
        public long TruncateTo { get; }

        /// <inheritdoc />
        public override string? RecommendedAction => TruncateTo >= 0
            ? "Check the damaged last line, then truncate the file to " + TruncateTo + " bytes and append again."
            : null;

        /// <summary>The category of each evidence-log error id; every other id is a line that breaks the format.</summary>
        private static FairnessErrorCategory CategoryOf(string errorId)
        {
            switch (errorId)
            {
                case "EvidenceLogNotFound": return FairnessErrorCategory.ObjectNotFound;
                case "EvidenceLogLocked": return FairnessErrorCategory.ResourceBusy;
                case "EvidenceLogUnreadable": return FairnessErrorCategory.ReadError;
                case "EvidenceLogUnwritable":
                case "EvidenceLogWriteFailed": return FairnessErrorCategory.WriteError;
                case "EvidenceLogLockDisabled": return FairnessErrorCategory.NotEnabled;
                default: return FairnessErrorCategory.InvalidData;
            }
        }

        private static string Compose(string path, int line, string? field, string problem)
        {
            var sb = new StringBuilder();
            sb.Append(path);
            if (line > 0) sb.Append(':').Append(line);
            sb.Append(": ");
            if (field != null) sb.Append("field '").Append(field).Append("': ");
            sb.Append(problem);
            return sb.ToString();
        }
    }
}
