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
        {
            if (id == null) throw new ArgumentNullException(nameof(id));
            if (id.Trim().Length == 0) throw new ArgumentException("An agent id must not be empty or white space.", nameof(id));
            if (weight < 0) throw new ArgumentOutOfRangeException(nameof(weight), "A weight must be 0 or more.");
            if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), "A capacity must be 0 or more.");
            Id = id;
            Weight = weight;
            Capacity = capacity;
        }

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
