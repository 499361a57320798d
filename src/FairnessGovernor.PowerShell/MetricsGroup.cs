using System;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// The decisions of one run that reached Get-FairnessMetrics (SPEC.md 8.4). For a batch run it keeps
    /// only which decisions came, in order, and gives the whole run's metrics when each came once; for a
    /// stream or for objects read back from files it tallies each decision as it comes.
    /// </summary>
    internal sealed class MetricsGroup
    {
        private readonly AllocationResult? _run;
        private readonly bool[]? _seen;
        private readonly DecisionTally? _tally;
        private int[] _received = new int[0]; // batch decisions: sequences in arrival order, tallied only if needed
        private int _receivedCount;
        private int _distinct;

        public MetricsGroup(AllocationResult run)
        {
            _run = run;
            _seen = new bool[run.Count];
        }

        public MetricsGroup(DecisionTally tally) => _tally = tally;

        /// <summary>Adds a decision of the run.</summary>
        public void Add(AllocationDecision d)
        {
            if (_run == null)
            {
                TaskPriorityNames.TryParse(d.Priority, out var level);
                _tally!.Add(d.AgentId, "pipeline input", "decision " + d.Sequence, level, d.Wait);
                return;
            }
            // Per object: a flag and an int. The decision's fields come from the run's arrays when tallied.
            int k = d.Sequence - 1;
            if (!_seen![k]) { _seen[k] = true; _distinct++; }
            if (_receivedCount == _received.Length) Array.Resize(ref _received, Math.Max(1024, _received.Length * 2));
            _received[_receivedCount++] = k;
        }

        /// <summary>Adds a decision read back from a file: its agent (null when unassigned), a label for errors, its priority and wait.</summary>
        public void Add(string? agentId, string item, TaskPriority priority, double? wait) => _tally!.Add(agentId, "pipeline input", item, priority, wait);

        /// <summary>The whole run's metrics when every decision came through once; otherwise those of what came.</summary>
        public AllocationMetrics ToMetrics()
        {
            if (_run == null) return _tally!.ToMetrics();
            if (_distinct == _run.Count && _receivedCount == _run.Count) return AllocationMetrics.Of(_run);
            // A subset (or repeats): tally what came, in the order it came.
            var tally = new DecisionTally(_run.Agents, _run.Policy);
            for (int i = 0; i < _receivedCount; i++)
            {
                var d = _run.GetDecision(_received[i]);
                TaskPriorityNames.TryParse(d.Priority, out var level);
                tally.Add(d.AgentId, "pipeline input", "decision " + d.Sequence, level, d.Wait);
            }
            return tally.ToMetrics();
        }
    }
}
