using System;
using System.Collections.Generic;
using FairnessGovernor.Allocation;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.Report
{
    /// <summary>
    /// Collects a run's decisions one at a time, in the order they come (a stream, or a subset of a batch run that
    /// passed a filter), and turns them into <see cref="RunFigures"/>.
    /// </summary>
    public sealed class RunRecorder
    {
        private readonly string _runId;
        private readonly bool _streamed;
        private readonly IReadOnlyList<FairAgent> _agents;
        private readonly FairnessPolicy _policy;
        private readonly Dictionary<string, int> _index = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly int[] _counts;
        private readonly List<double> _waits = new List<double>();
        private readonly List<double>[] _waitsByLevel = { new List<double>(), new List<double>(), new List<double>() };
        private readonly Dictionary<string, int> _outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        private int[] _sequence = new int[64];
        private int _count;
        private int _unassigned;

        /// <summary>A recorder for decisions of the run <paramref name="runId"/> over <paramref name="agents"/>.</summary>
        public RunRecorder(string runId, bool streamed, IReadOnlyList<FairAgent> agents, FairnessPolicy policy)
        {
            _runId = runId ?? throw new ArgumentNullException(nameof(runId));
            _streamed = streamed;
            _agents = agents ?? throw new ArgumentNullException(nameof(agents));
            _policy = policy ?? throw new ArgumentNullException(nameof(policy));
            _counts = new int[agents.Count];
            for (int i = 0; i < agents.Count; i++) _index[agents[i].Id] = i;
        }

        /// <summary>How many decisions were recorded.</summary>
        public int Count => _count;

        /// <summary>Records a decision of the run.</summary>
        /// <exception cref="FairnessInputException">UnknownAgent, when the decision names an agent the run does not have.</exception>
        public void Add(AllocationDecision decision)
        {
            if (decision == null) throw new ArgumentNullException(nameof(decision));
            int a = -1;
            if (decision.AgentId != null && !_index.TryGetValue(decision.AgentId, out a))
                throw new FairnessInputException("UnknownAgent", "pipeline input", "decision " + decision.Sequence, "AgentId", "the agent '" + decision.AgentId + "' is not among the run's agents.");
            if (_count == _sequence.Length) Array.Resize(ref _sequence, _sequence.Length * 2);
            _sequence[_count++] = a;
            if (a < 0) _unassigned++;
            else _counts[a]++;
            string key = decision.Status + ": " + decision.Reason;
            _outcomes.TryGetValue(key, out int c);
            _outcomes[key] = c + 1;
            if (decision.Wait.HasValue)
            {
                TaskPriorityNames.TryParse(decision.Priority, out var level);
                _waits.Add(decision.Wait.Value);
                _waitsByLevel[(int)level].Add(decision.Wait.Value);
            }
        }

        /// <summary>The figures of the decisions recorded so far.</summary>
        public RunFigures ToFigures()
        {
            var metrics = AllocationMetrics.FromTally(_agents, (int[])_counts.Clone(), _unassigned, _policy, new List<double>(_waits),
                new[] { new List<double>(_waitsByLevel[0]), new List<double>(_waitsByLevel[1]), new List<double>(_waitsByLevel[2]) });
            var outcomes = new SortedDictionary<string, int>(_outcomes, StringComparer.Ordinal);
            return new RunFigures(_runId, _streamed, _agents, _policy, metrics, _sequence, _count, RunFigures.Sorted(_waitsByLevel), outcomes);
        }
    }
}
