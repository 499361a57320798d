using System;

namespace FairnessGovernor.Model
{
    /// <summary>A unit of work to hand to one agent. Immutable and validated.</summary>
    public sealed class FairTask
    {
        /// <summary>Creates a task; <paramref name="id"/> must be a non-blank string.</summary>
        public FairTask(string id, TaskPriority priority = TaskPriority.Normal)
            : this(id, priority, null, DefaultDuration, DefaultArrival)
        {
        }

        /// <summary>
        /// Creates a task with a quota group, a duration (finite, &gt; 0) and an arrival time (finite, &gt;= 0)
        /// (SPEC.md 6.3 and 6.5).
        /// </summary>
        public FairTask(string id, TaskPriority priority, string? group, double duration = DefaultDuration, double arrival = DefaultArrival)
        {
            if (id == null) throw new ArgumentNullException(nameof(id));
            if (id.Trim().Length == 0) throw new ArgumentException("A task id must not be empty or white space.", nameof(id));
            if (priority < TaskPriority.High || priority > TaskPriority.Low) throw new ArgumentOutOfRangeException(nameof(priority));
            if (group != null && group.Trim().Length == 0) throw new ArgumentException("A group must not be empty or white space.", nameof(group));
            if (double.IsNaN(duration) || double.IsInfinity(duration) || duration <= 0) throw new ArgumentOutOfRangeException(nameof(duration), "A duration must be a finite number greater than 0.");
            if (double.IsNaN(arrival) || double.IsInfinity(arrival) || arrival < 0) throw new ArgumentOutOfRangeException(nameof(arrival), "An arrival must be a finite number of 0 or more.");
            Id = id;
            Level = priority;
            Group = group;
            Duration = duration;
            Arrival = arrival;
        }

        /// <summary>The duration used when none is given.</summary>
        public const double DefaultDuration = 1.0;

        /// <summary>The arrival time used when none is given.</summary>
        public const double DefaultArrival = 0.0;

        /// <summary>The quota group (policy group_quotas); null = none.</summary>
        public string? Group { get; }

        /// <summary>How long the task occupies its agent (finite, &gt; 0).</summary>
        public double Duration { get; }

        /// <summary>When the task becomes available (finite, &gt;= 0).</summary>
        public double Arrival { get; }

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
