namespace FairnessGovernor.Report
{
    /// <summary>One agent's row in the report's state section (SPEC.md 9.2).</summary>
    public sealed class StateAgentFigures
    {
        /// <summary>A row: cumulative count, weight, entitlement and lag, and the decayed count when the state has one.</summary>
        public StateAgentFigures(string agentId, int weight, long count, double entitlement, double lag, double? decayedCount = null)
        {
            AgentId = agentId;
            Weight = weight;
            Count = count;
            Entitlement = entitlement;
            Lag = lag;
            DecayedCount = decayedCount;
        }

        /// <summary>The agent's id.</summary>
        public string AgentId { get; }

        /// <summary>Its latest weight.</summary>
        public int Weight { get; }

        /// <summary>Tasks assigned to it over every run.</summary>
        public long Count { get; }

        /// <summary>Its share of the assigned tasks by weight.</summary>
        public double Entitlement { get; }

        /// <summary>Count (or decayed count, when the state decays) minus entitlement.</summary>
        public double Lag { get; }

        /// <summary>The count after usage decay, when the state decays usage; null otherwise.</summary>
        public double? DecayedCount { get; }
    }
}
