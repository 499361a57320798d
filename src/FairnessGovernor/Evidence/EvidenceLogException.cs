using System;
using System.Text;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// The one error type for evidence-log problems: a bad line, a torn or corrupt tail, a lock
    /// that could not be taken, a failed write. <see cref="ErrorId"/> is stable (SPEC.md 1.7 and 5).
    /// </summary>
    [Serializable]
    public sealed class EvidenceLogException : Exception
    {
        /// <summary>Creates the error and composes its message: <c>path:line: problem</c>.</summary>
        public EvidenceLogException(string errorId, string path, string problem, int line = 0, string? field = null, long truncateTo = -1, Exception? inner = null)
            : base(Compose(path, line, field, problem), inner)
        {
            ErrorId = errorId;
            Path = path;
            Problem = problem;
            Line = line;
            Field = field;
            TruncateTo = truncateTo;
        }

        /// <summary>A stable identifier of the rule that failed, e.g. EvidenceTornLine.</summary>
        public string ErrorId { get; }

        /// <summary>The evidence log (or a phrase naming the text) the error is about.</summary>
        public string Path { get; }

        /// <summary>What was wrong, and for a corrupt tail how to recover.</summary>
        public string Problem { get; }

        /// <summary>1-based line, 0 when the error is not about one line.</summary>
        public int Line { get; }

        /// <summary>The field of the line, when the error is about one field; otherwise null.</summary>
        public string? Field { get; }

        /// <summary>
        /// For a torn or corrupt tail: the length in bytes to truncate the log to (the end of the
        /// last good line) once a person has checked it; -1 otherwise.
        /// </summary>
        public long TruncateTo { get; }

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
