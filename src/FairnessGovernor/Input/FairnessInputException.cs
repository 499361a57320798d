using System;
using System.Text;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// The one error type for bad input. It names the source, the position where known, the item
    /// and field, and what was expected; <see cref="ErrorId"/> is stable (see SPEC.md, "Errors").
    /// </summary>
    [Serializable]
    public sealed class FairnessInputException : Exception
    {
        /// <summary>Creates the error and composes its message.</summary>
        public FairnessInputException(string errorId, string source, string? item, string? field, string problem, int line = 0, int column = 0, Exception? inner = null)
            : base(Compose(source, line, column, item, field, problem), inner)
        {
            ErrorId = errorId;
            SourceName = source;
            Item = item;
            Field = field;
            Problem = problem;
            Line = line;
            Column = column;
        }

        /// <summary>A stable identifier of the rule that failed, e.g. InvalidWeight.</summary>
        public string ErrorId { get; }

        /// <summary>The file path or description of the objects.</summary>
        public string SourceName { get; }

        /// <summary>The item, e.g. <c>agents[1] (id 'agent-b')</c>; null for document-level errors.</summary>
        public string? Item { get; }

        /// <summary>The field, e.g. weight; null when the error is not about one field.</summary>
        public string? Field { get; }

        /// <summary>What was wrong and what was expected.</summary>
        public string Problem { get; }

        /// <summary>1-based line, 0 when unknown.</summary>
        public int Line { get; }

        /// <summary>1-based column, 0 when unknown.</summary>
        public int Column { get; }

        private static string Compose(string source, int line, int column, string? item, string? field, string problem)
        {
            var sb = new StringBuilder();
            sb.Append(source);
            if (line > 0)
            {
                sb.Append(':').Append(line);
                if (column > 0) sb.Append(':').Append(column);
            }
            sb.Append(": ");
            if (item != null)
            {
                sb.Append(item);
                if (field != null) sb.Append(", field '").Append(field).Append('\'');
                sb.Append(": ");
            }
            else if (field != null)
            {
                sb.Append("field '").Append(field).Append("': ");
            }
            sb.Append(problem);
            return sb.ToString();
        }
    }
}
