using System.Management.Automation;
using FairnessGovernor.Errors;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// The one mapping from an engine error to a PowerShell ErrorRecord (SPEC.md 8.6): the engine's ErrorId,
    /// its category as an <see cref="ErrorCategory"/>, the message as ErrorDetails with the engine's
    /// recommended action, and the file or source as the target unless the cmdlet names another.
    /// </summary>
    internal static class EngineErrors
    {
        /// <summary>The ErrorRecord for <paramref name="ex"/>; <paramref name="target"/> overrides the engine's target name.</summary>
        public static ErrorRecord ToErrorRecord(FairnessException ex, object? target)
        {
            var record = new ErrorRecord(ex, ex.ErrorId, CategoryOf(ex.Category), target ?? ex.TargetName);
            record.ErrorDetails = new ErrorDetails(ex.Message);
            var action = ex.RecommendedAction;
            if (action != null) record.ErrorDetails.RecommendedAction = action;
            return record;
        }

        /// <summary>The PowerShell category of an engine category.</summary>
        public static ErrorCategory CategoryOf(FairnessErrorCategory category)
        {
            switch (category)
            {
                case FairnessErrorCategory.InvalidArgument: return ErrorCategory.InvalidArgument;
                case FairnessErrorCategory.ObjectNotFound: return ErrorCategory.ObjectNotFound;
                case FairnessErrorCategory.ReadError: return ErrorCategory.ReadError;
                case FairnessErrorCategory.WriteError: return ErrorCategory.WriteError;
                case FairnessErrorCategory.ResourceBusy: return ErrorCategory.ResourceBusy;
                case FairnessErrorCategory.NotEnabled: return ErrorCategory.NotEnabled;
                case FairnessErrorCategory.LimitsExceeded: return ErrorCategory.LimitsExceeded;
                case FairnessErrorCategory.ResourceUnavailable: return ErrorCategory.ResourceUnavailable;
                default: return ErrorCategory.InvalidData;
            }
        }
    }
}
