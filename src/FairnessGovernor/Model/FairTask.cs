using System;

namespace FairnessGovernor.Model
{
    /// <summary>A unit of work to hand to one agent. Immutable and validated.</summary>
    public sealed class FairTask
    {
        /// <summary>Creates a task; <paramref name="id"/> must be a non-blank string.</summary>
        public FairTask(string id, TaskPriority priority = TaskPriority.Normal)
        {
            if (id == null) throw new ArgumentNullException(nameof(id));
            if (id.Trim().Length == 0) throw new ArgumentException("A task id must not be empty or white space.", nameof(id));
            if (priority < TaskPriority.High || priority > TaskPriority.Low) throw new ArgumentOutOfRangeException(nameof(priority));
            Id = id;
            Level = priority;
        }

        /// <summary>The task's unique id (ordinal comparison).</summary>
        public string Id { get; }

        /// <summary>The priority's name: high, normal or low.</summary>
        public string Priority => TaskPriorityNames.ToName(Level);

        /// <summary>The priority as a value (not a property, so it never shows twice in JSON).</summary>
        public TaskPriority GetPriorityLevel() => Level;

        internal TaskPriority Level { get; }

        /// <inheritdoc />
        public override string ToString() => Id;
    }
}
