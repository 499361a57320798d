using System;
using System.Collections.Generic;
using FairnessGovernor.Input;
using FairnessGovernor.Model;

namespace FairnessGovernor.Metrics
{
    /// <summary>
    /// Counts decisions one at a time (for example decisions that came back from a pipeline, a CSV or
    /// JSON file) and turns the counts into <see cref="AllocationMetrics"/>. With a known agent list,
    /// every agent is reported (zeros included) in that order and an unknown agent id is an error;
    /// without one, agents are reported in the order their ids first appear.
    /// </summary>
    public sealed class DecisionTally
    {
        private readonly List<string> _ids = new List<string>();
        private readonly List<int> _counts = new List<int>();
        private readonly Dictionary<string, int> _index = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly bool _fixedAgents;
        private readonly string _policyId;
        private readonly double _maxSkewRatio;
        private int _unassigned;

        /// <summary>A tally over a known agent list.</summary>
        public DecisionTally(IReadOnlyList<FairAgent>? agents, string policyId, double maxSkewRatio)
        {
            _policyId = policyId;
            _maxSkewRatio = maxSkewRatio;
            if (agents == null) return;
            _fixedAgents = true;
            foreach (var a in agents) Add(a.Id);
        }

        /// <summary>How many decisions were counted.</summary>
        public int Count { get; private set; }

        /// <summary>Counts a decision; a null or empty <paramref name="agentId"/> is an unassigned task.</summary>
        /// <exception cref="FairnessInputException">UnknownAgent, when the agent list is fixed and lacks the id.</exception>
        public void Add(string? agentId, string source, string item)
        {
            Count++;
            if (string.IsNullOrEmpty(agentId))
            {
                _unassigned++;
                return;
            }
            if (!_index.TryGetValue(agentId!, out int i))
            {
                if (_fixedAgents)
                    throw new FairnessInputException("UnknownAgent", source, item, "AgentId", "the agent '" + agentId + "' is not among the run's agents.");
                i = Add(agentId!);
            }
            _counts[i]++;
        }

        private int Add(string id)
        {
            _index[id] = _ids.Count;
            _ids.Add(id);
            _counts.Add(0);
            return _ids.Count - 1;
        }

        /// <summary>The prototype's metrics over the counted decisions.</summary>
        public AllocationMetrics ToMetrics() => AllocationMetrics.FromCounts(_ids.ToArray(), _counts.ToArray(), _unassigned, _policyId, _maxSkewRatio);
    }
}
