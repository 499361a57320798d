using System;

namespace FairnessGovernor.Model
{
    /// <summary>One agent's carried state in a <see cref="GovernorState"/> (SPEC.md 7.2).</summary>
    public sealed class AgentState
    {
        /// <summary>
        /// Creates an agent state whose usage never decayed: the decayed count is the count, and the entitlement is
        /// set as a version 1 state file sets it (<see cref="GovernorState"/> fills it from the totals when it is NaN).
        /// </summary>
        public AgentState(string id, int weight, long count, long currentWeight, bool inEpoch, long epochCount)
            : this(id, weight, count, currentWeight, inEpoch, epochCount, count, double.NaN)
        {
        }

        /// <summary>
        /// Creates an agent state with its carried usage (SPEC.md 7.10): <paramref name="decayedCount"/> and
        /// <paramref name="entitlement"/> (finite, 0 or more; NaN: not known, filled as a version 1 file fills it).
        /// </summary>
        public AgentState(string id, int weight, long count, long currentWeight, bool inEpoch, long epochCount, double decayedCount, double entitlement)
        {
            if (double.IsNaN(decayedCount) || double.IsInfinity(decayedCount) || decayedCount < 0) throw new ArgumentOutOfRangeException(nameof(decayedCount));
            if (double.IsInfinity(entitlement) || entitlement < 0) throw new ArgumentOutOfRangeException(nameof(entitlement));
            DecayedCount = decayedCount;
            Entitlement = entitlement;
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

        /// <summary>SPEC.md 7.10: the count with usage decay applied (equal to <see cref="Count"/> without usage_half_life).</summary>
        public double DecayedCount { get; }

        /// <summary>SPEC.md 7.10: the agent's weighted share of every task assigned in the runs it took part in, decayed as the count is.</summary>
        public double Entitlement { get; }

        /// <summary>SPEC.md 7.10: <see cref="DecayedCount"/> - <see cref="Entitlement"/>; below 0 is a deficit.</summary>
        public double Lag => DecayedCount - Entitlement;

        /// <summary>smooth_weighted_round_robin: the agent's current weight c_i.</summary>
        public long CurrentWeight { get; }

        /// <summary>lag_bounded: whether the agent is a member of the epoch the next run continues.</summary>
        public bool InEpoch { get; }

        /// <summary>lag_bounded: the agent's count x_i within the current epoch.</summary>
        public long EpochCount { get; }

        internal AgentState WithEntitlement(double entitlement) => new AgentState(Id, Weight, Count, CurrentWeight, InEpoch, EpochCount, DecayedCount, entitlement);
    }
}
