using System;
using System.Collections.Generic;
using FairnessGovernor.Input;
using FairnessGovernor.Model;

namespace FairnessGovernor.Metrics
{
    /// <summary>
    /// Counts decisions one at a time (for example decisions that came back from a pipeline, a CSV or
    /// JSON file) and turns the counts into <see cref="AllocationMetrics"/>. With a known agent list,
    /// every agent is reported (zeros included) in that order, weights and limits apply, and an unknown
    /// agent id is an error; without one, agents are reported in the order their ids first appear,
    /// each with weight 1.
    /// </summary>
    public sealed class DecisionTally
    {
        private readonly List<FairAgent> _agents = new List<FairAgent>();
        private readonly List<int> _counts = new List<int>();
        private readonly Dictionary<string, int> _index = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<double> _waits = new List<double>();
        private readonly List<double>[] _waitsByLevel = { new List<double>(), new List<double>(), new List<double>() };
        private readonly bool _fixedAgents;
        private readonly FairnessPolicy _policy;
        private int _unassigned;

        /// <summary>A tally over a known agent list (or, when null, the agents the decisions name).</summary>
        public DecisionTally(IReadOnlyList<FairAgent>? agents, FairnessPolicy policy)
        {
            _policy = policy ?? throw new ArgumentNullException(nameof(policy));
            if (agents == null) return;
            _fixedAgents = true;
            foreach (var a in agents) Add(a);
        }

        /// <summary>How many decisions were counted.</summary>
        public int Count { get; private set; }

        /// <summary>
        /// Counts a decision; a null or empty <paramref name="agentId"/> is an unassigned task. A wait,
        /// when known, counts towards the wait figures overall and for <paramref name="priority"/>.
        /// </summary>
        /// <exception cref="FairnessInputException">UnknownAgent, when the agent list is fixed and lacks the id.</exception>
        public void Add(string? agentId, string source, string item, TaskPriority priority = TaskPriority.Normal, double? wait = null)
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
                i = Add(new FairAgent(agentId!));
            }
            _counts[i]++;
            if (wait.HasValue)
            {
                _waits.Add(wait.Value);
                _waitsByLevel[(int)priority].Add(wait.Value);
            }
        }

        private int Add(FairAgent agent)
        {
            _index[agent.Id] = _agents.Count;
            _agents.Add(agent);
            _counts.Add(0);
            return _agents.Count - 1;
        }

        /// <summary>The metrics over the counted decisions.</summary>
        public AllocationMetrics ToMetrics() => AllocationMetrics.FromTally(_agents, _counts.ToArray(), _unassigned, _policy, _waits, _waitsByLevel);
    }
}
