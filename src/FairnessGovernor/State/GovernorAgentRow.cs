namespace FairnessGovernor.State
{
    /// <summary>One agent's cumulative figures in a <see cref="GovernorStateReport"/> (SPEC.md 7.9).</summary>
    public sealed class GovernorAgentRow
    {
        internal GovernorAgentRow(string agentId, int weight, long count, double entitlement, double lag)
        {
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

        /// <summary>Its weighted share of every assigned task: assigned x weight / sum of weights.</summary>
        public double Entitlement { get; }

        /// <summary>Count - Entitlement.</summary>
        public double Lag { get; }
    }
}
