using System;

namespace FairnessGovernor.Model
{
    /// <summary>The text names of <see cref="TaskPriority"/> as inputs and outputs spell them (SPEC.md 1.3).</summary>
    public static class TaskPriorityNames
    {
        /// <summary>The accepted names, in rank order.</summary>
        public static readonly string[] All = { "high", "normal", "low" };

        /// <summary>The lower-case name of a priority: high, normal or low.</summary>
        public static string ToName(TaskPriority priority) => All[(int)priority];

        /// <summary>Parses high, normal or low, ignoring case and surrounding white space.</summary>
        public static bool TryParse(string? text, out TaskPriority priority)
        {
            priority = TaskPriority.Normal;
            if (text == null) return false;
            var t = text.Trim();
            for (int i = 0; i < All.Length; i++)
            {
                if (string.Equals(t, All[i], StringComparison.OrdinalIgnoreCase))
                {
                    priority = (TaskPriority)i;
                    return true;
                }
            }
            return false;
        }
    }
}
