using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Allocation
{
    /// <summary>The run's agents as parallel arrays for the decision loop, read in one pass (SPEC.md 6.1).</summary>
    internal sealed class FairAgentTable
    {
        private WeightClasses? _classes;

        public FairAgentTable(IReadOnlyList<FairAgent> agents)
        {
            Count = agents.Count;
            Weights = new int[Count];
            Capacities = new long[Count];
            var array = agents as FairAgent[]; // no interface call per agent for an array
            List<int>? shares = null;
            for (int i = 0; i < Count; i++)
            {
                var agent = array != null ? array[i] : agents[i];
                Weights[i] = agent.Weight;
                Capacities[i] = agent.Capacity ?? long.MaxValue;
                if (agent.MaxShare.HasValue) (shares ??= new List<int>()).Add(i);
            }
            WithMaxShare = shares?.ToArray() ?? new int[0];
        }

        public int Count { get; }
        public int[] Weights { get; }
        public long[] Capacities { get; }

        /// <summary>The agents with a max_share, in index order.</summary>
        public int[] WithMaxShare { get; }

        /// <summary>The agents grouped by weight (computed on first use).</summary>
        public WeightClasses Classes => _classes ??= new WeightClasses(Weights);
    }
}
