using System;

namespace FairnessGovernor.Errors
{
    /// <summary>
    /// The common base of the engine's errors (bad input, state files, evidence logs): a stable
    /// <see cref="ErrorId"/>, its <see cref="Category"/>, the file or source it is about and the problem.
    /// The cmdlet layer turns any of them into an ErrorRecord in one place (SPEC.md 1.7 and 8.6).
    /// </summary>
    [Serializable]
    public abstract class FairnessException : Exception
    {
        /// <summary>Creates the error with its composed message.</summary>
        protected FairnessException(string errorId, FairnessErrorCategory category, string targetName, string problem, string message, Exception? inner)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            TargetName = targetName;
            Problem = problem;
        }

        /// <summary>A stable identifier of the rule that failed, e.g. InvalidWeight.</summary>
        public string ErrorId { get; }

        /// <summary>What kind of failure this is; fixed for each <see cref="ErrorId"/>.</summary>
        public FairnessErrorCategory Category { get; }

        /// <summary>The file path, or the description of the objects, the error is about.</summary>
        public string TargetName { get; }

        /// <summary>What was wrong and what was expected.</summary>
        public string Problem { get; }

        /// <summary>What the user can do about it, or null when there is nothing more to say than the message.</summary>
        public virtual string? RecommendedAction => null;
    }
}
