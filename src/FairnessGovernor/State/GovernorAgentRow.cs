namespace FairnessGovernor.State
{
    /// <summary>One agent's cumulative figures in a <see cref="GovernorStateReport"/> (SPEC.md 7.9).</summary>
    public sealed class GovernorAgentRow
    {
        internal GovernorAgentRow(string agentId, int weight, long count, double decayedCount, double entitlement, double lag)
        {
            DecayedCount = decayedCount;
            AgentId = agentId;
            Weight = weight;
            Count = count;
            Entitlement = entitlement;
            Lag = lag;
        }

        /// <summary>The agent's id.</summary>
        public string AgentId { get; }

        /// <summary>Its latest weight.</summary>
        public int Weight { get; }

        /// <summary>Tasks assigned to it over every run.</summary>
        public long Count { get; }

        /// <summary>The count with usage decay applied (SPEC.md 7.10); the count itself without usage_half_life.</summary>
        public double DecayedCount { get; }

        /// <summary>
        /// Its weighted share (weight / the sum of the run's weights, no limits) of the tasks assigned in every run it
        /// took part in, decayed as the count is (SPEC.md 7.9, 7.10).
        /// </summary>
        public double Entitlement { get; }

        /// <summary>DecayedCount - Entitlement: below 0 a deficit, above 0 a surplus.</summary>
        public double Lag { get; }
    }
}
