using System;

namespace FairnessGovernor.Model
{
    /// <summary>One agent's carried state in a <see cref="GovernorState"/> (SPEC.md 7.2).</summary>
    public sealed class AgentState
    {
        /// <summary>Creates an agent state.</summary>
        public AgentState(string id, int weight, long count, long currentWeight, bool inEpoch, long epochCount)
        {
            if (string.IsNullOrEmpty(id)) throw new ArgumentException("The id is empty.", nameof(id));
            if (weight < 0) throw new ArgumentOutOfRangeException(nameof(weight));
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
            if (epochCount < 0) throw new ArgumentOutOfRangeException(nameof(epochCount));
            Id = id;
            Weight = weight;
            Count = count;
            CurrentWeight = currentWeight;
            InEpoch = inEpoch;
            EpochCount = epochCount;
        }

        /// <summary>The agent's id.</summary>
        public string Id { get; }

        /// <summary>The agent's weight in the last run it took part in.</summary>
        public int Weight { get; }

        /// <summary>Tasks assigned to the agent over every run.</summary>
        public long Count { get; }

        /// <summary>smooth_weighted_round_robin: the agent's current weight c_i.</summary>
        public long CurrentWeight { get; }

        /// <summary>lag_bounded: whether the agent is a member of the epoch the next run continues.</summary>
        public bool InEpoch { get; }

        /// <summary>lag_bounded: the agent's count x_i within the current epoch.</summary>
        public long EpochCount { get; }
    }
}
