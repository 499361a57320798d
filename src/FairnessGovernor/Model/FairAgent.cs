using System;

namespace FairnessGovernor.Model
{
    /// <summary>A worker that receives tasks. Immutable and validated.</summary>
    public sealed class FairAgent
    {
        /// <summary>The largest weight or capacity accepted.</summary>
        public const int MaxWeight = int.MaxValue;

        /// <summary>Creates an agent. Weight 0 takes no tasks; capacity null is unlimited.</summary>
        public FairAgent(string id, int weight = 1, int? capacity = null)
            : this(id, weight, capacity, null)
        {
        }

        /// <summary>Creates an agent with a max_share (a number from 0 to 1, or null for none; SPEC.md 6.3).</summary>
        public FairAgent(string id, int weight, int? capacity, double? maxShare)
        {
            if (id == null) throw new ArgumentNullException(nameof(id));
            if (id.Trim().Length == 0) throw new ArgumentException("An agent id must not be empty or white space.", nameof(id));
            if (weight < 0) throw new ArgumentOutOfRangeException(nameof(weight), "A weight must be 0 or more.");
            if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), "A capacity must be 0 or more.");
            if (maxShare.HasValue && (double.IsNaN(maxShare.Value) || maxShare.Value < 0 || maxShare.Value > 1))
                throw new ArgumentOutOfRangeException(nameof(maxShare), "max_share must be a number from 0 to 1.");
            Id = id;
            Weight = weight;
            Capacity = capacity;
            MaxShare = maxShare;
        }

        /// <summary>The largest fraction of the run's tasks the agent may take: at most floor(max_share x task count); null = none.</summary>
        public double? MaxShare { get; }

        /// <summary>The most tasks <see cref="MaxShare"/> allows in a run of <paramref name="taskCount"/> tasks (long.MaxValue when none).</summary>
        public long ShareLimit(int taskCount) => MaxShare.HasValue ? (long)decimal.Floor((decimal)MaxShare.Value * taskCount) : long.MaxValue;

        /// <summary>The agent's unique id (ordinal comparison).</summary>
        public string Id { get; }

        /// <summary>Share of the rotation: the agent appears this many times in it. 0 = never chosen.</summary>
        public int Weight { get; }

        /// <summary>The most tasks the agent takes in one run; null = unlimited.</summary>
        public int? Capacity { get; }

        /// <inheritdoc />
        public override string ToString() => Id;
    }
}
