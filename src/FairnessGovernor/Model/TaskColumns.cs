using System.Collections.Generic;

namespace FairnessGovernor.Model
{
    /// <summary>The one place that asks whether a task list is held as columns (<see cref="ITaskColumns"/>).</summary>
    internal static class TaskColumns
    {
        /// <summary>The columns behind <paramref name="tasks"/>, or null for any other list (then read the tasks).</summary>
        public static ITaskColumns? Of(IReadOnlyList<FairTask> tasks) => tasks as ITaskColumns;
    }
}
