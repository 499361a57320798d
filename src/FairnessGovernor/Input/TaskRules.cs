using FairnessGovernor.Model;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// The rules of a task's fields (SPEC.md 1.3), shared by <see cref="TaskLoader"/> (which reports a broken rule
    /// with these error ids and messages) and the JSON fast path (which leaves a broken rule to the general path).
    /// </summary>
    internal static class TaskRules
    {
        /// <summary>The accepted range of <c>duration</c> (which must also be greater than 0).</summary>
        public const double MinDuration = 0, MaxDuration = double.MaxValue;

        /// <summary>The accepted range of <c>arrival</c>.</summary>
        public const double MinArrival = 0, MaxArrival = double.MaxValue;

        /// <summary>A priority name: high, normal or low, any case, surrounding white space ignored.</summary>
        public static bool TryPriority(string? text, out TaskPriority priority) => TaskPriorityNames.TryParse(text, out priority);

        /// <summary>A group: not empty or white space, at most <paramref name="maxLength"/> characters (the id limit).</summary>
        public static bool IsGroup(string group, int maxLength) => group.Trim().Length != 0 && group.Length <= maxLength;

        /// <summary>A duration in range must also be greater than 0.</summary>
        public static bool IsDuration(double duration) => duration > 0;

        /// <summary>The error id of a bad priority.</summary>
        public const string InvalidPriority = "InvalidPriority";

        /// <summary>The error id of a bad group.</summary>
        public const string InvalidGroup = "InvalidGroup";

        /// <summary>The error id of a duration of 0.</summary>
        public const string InvalidDuration = "InvalidDuration";

        /// <summary>The problem of a bad priority, <paramref name="got"/> describing the value.</summary>
        public static string PriorityProblem(string got) => "expected high, normal or low, got " + got + ".";

        /// <summary>The problem of a bad group.</summary>
        public static string GroupProblem(int maxLength, string got) => "expected a non-empty string of at most " + maxLength + " characters, got " + got + ".";

        /// <summary>The problem of a duration of 0.</summary>
        public static string DurationProblem(string got) => "expected a finite number greater than 0, got " + got + ".";
    }
}
