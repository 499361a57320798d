using System;
using System.Text;
using FairnessGovernor.Errors;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// The one error type for bad input. It names the source, the position where known, the item
    /// and field, and what was expected; <see cref="FairnessException.ErrorId"/> is stable (SPEC.md 1.7).
    /// </summary>
    [Serializable]
    public sealed class FairnessInputException : FairnessException
    {
        /// <summary>Creates the error and composes its message.</summary>
        public FairnessInputException(string errorId, string source, string? item, string? field, string problem, int line = 0, int column = 0, Exception? inner = null)
            : base(errorId, CategoryOf(errorId), source, problem, Compose(source, line, column, item, field, problem), inner)
        {
            Item = item;
            Field = field;
            Line = line;
            Column = column;
        }

        /// <summary>The file path or description of the objects.</summary>
        public string SourceName => TargetName;

        /// <summary>The item, e.g. <c>agents[1] (id 'agent-b')</c>; null for document-level errors.</summary>
        public string? Item { get; }

        /// <summary>The field, e.g. weight; null when the error is not about one field.</summary>
        public string? Field { get; }

        /// <summary>1-based line, 0 when unknown.</summary>
        public int Line { get; }

        /// <summary>1-based column, 0 when unknown.</summary>
        public int Column { get; }

        /// <inheritdoc />
        public override string? RecommendedAction => Field != null
            ? "Correct the field '" + Field + "'" + (Item != null ? " of " + Item : "") + " in " + SourceName + " and run the command again."
            : "Correct " + SourceName + " and run the command again.";

        /// <summary>The category of each input error id; every other id is a rule the content broke.</summary>
        private static FairnessErrorCategory CategoryOf(string errorId)
        {
            switch (errorId)
            {
                case "InputFileNotFound": return FairnessErrorCategory.ObjectNotFound;
                case "InputFileUnreadable": return FairnessErrorCategory.ReadError;
                case "InputPathIsDirectory":
                case "InputNotAFile":
                case "UnsupportedInputFormat": return FairnessErrorCategory.InvalidArgument;
                case "InputTooLarge":
                case "InputTooDeep":
                case "AliasExpansionLimit": return FairnessErrorCategory.LimitsExceeded;
                default: return FairnessErrorCategory.InvalidData;
            }
        }

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
