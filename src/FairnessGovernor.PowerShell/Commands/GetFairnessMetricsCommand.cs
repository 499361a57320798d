using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using FairnessGovernor.Allocation;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Computes fairness metrics from allocation decisions: one object per run.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "FairnessMetrics")]
    [OutputType("FairnessGovernor.Metrics.AllocationMetrics")]
    public sealed class GetFairnessMetricsCommand : InputLimitsCmdlet
    {
        // Groups in first-seen order; each is a MetricsGroup (kept as object so no engine type appears in the cmdlet's shape).
        private readonly List<object> _groups = new List<object>();
        private object? _agents; // the -AgentPath / -Agent agents once read (an engine list, kept as object)
        private readonly Dictionary<object, object> _byKey = new Dictionary<object, object>();
        private int _received;

        /// <summary>Decisions from Invoke-FairAllocation, or objects with TaskId, AgentId and (optionally) RunId and PolicyId properties.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>For decisions without their run (read back from CSV or JSON): the run's agents as objects.</summary>
        [Parameter]
        public object?[]? Agent { get; set; }

        /// <summary>For decisions without their run: the agent file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AgentPath { get; set; }

        /// <summary>For decisions without their run: the skew ratio above which a run is strong_imbalance (default 2.0).</summary>
        [Parameter]
        [ValidateRange(1.0, 1e9)]
        public double MaxSkewRatio { get; set; } = FairnessPolicy.DefaultMaxSkewRatio;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            _received++;
            try
            {
                Add(InputObject);
            }
            catch (FairnessInputException ex)
            {
                ThrowInputError(ex, InputObject);
            }
        }

        private void Add(PSObject input)
        {
            if (input.BaseObject is AllocationDecision streamed && streamed.GetStream() is AllocationStream stream)
            {
                // A streamed run (SPEC.md 7.7): metrics of the decisions received, with the stream's agents and policy.
                if (!_byKey.TryGetValue(stream, out var sg))
                {
                    sg = new MetricsGroup(new DecisionTally(stream.Agents, stream.Policy));
                    _byKey.Add(stream, sg);
                    _groups.Add(sg);
                }
                TaskPriorityNames.TryParse(streamed.Priority, out var sl);
                ((MetricsGroup)sg).Tally.Add(streamed.AgentId, "pipeline input", "decision " + streamed.Sequence, sl, streamed.Wait);
                return;
            }
            if (input.BaseObject is AllocationDecision decision)
            {
                var run = decision.GetRun()!;
                if (!_byKey.TryGetValue(run, out var g))
                {
                    g = new MetricsGroup(run);
                    _byKey.Add(run, g);
                    _groups.Add(g);
                }
                ((MetricsGroup)g).Add(decision);
                return;
            }
            string taskId = Property(input, "TaskId") ?? throw new FairnessInputException("InvalidDecision", "pipeline input", "object #" + _received, "TaskId",
                "expected a decision from Invoke-FairAllocation or an object with TaskId and AgentId properties.");
            string runKey = "run:" + (Property(input, "RunId") ?? "");
            if (!_byKey.TryGetValue(runKey, out var group))
            {
                // Read once per call, however many runs the input holds.
                var agents = AgentPath != null || Agent != null
                    ? (IReadOnlyList<FairAgent>)(_agents ??= EngineInput.Agents(AgentPath != null ? ResolveInputPath(AgentPath, false, "AgentPath") : null, EngineInput.Flatten(Agent), "Agent", GetLimits()))
                    : null;
                group = new MetricsGroup(new DecisionTally(agents, new FairnessPolicy(NonBlank(Property(input, "PolicyId")) ?? FairnessPolicy.DefaultPolicyId, true, MaxSkewRatio)));
                _byKey.Add(runKey, group);
                _groups.Add(group);
            }
            var agentId = Property(input, "AgentId");
            var status = Property(input, "Status");
            if (string.Equals(status, DecisionStatus.Unassigned, StringComparison.OrdinalIgnoreCase)) agentId = null;
            TaskPriorityNames.TryParse(Property(input, "Priority"), out var level);
            double? wait = double.TryParse(Property(input, "Wait"), NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? w : (double?)null;
            ((MetricsGroup)group).Tally.Add(agentId, "pipeline input", "decision for task '" + taskId + "'", level, wait);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            foreach (var g in _groups) WriteObject(((MetricsGroup)g).ToMetrics());
        }

        private static string? NonBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

        private static string? Property(PSObject o, string name)
        {
            var p = o.Properties[name];
            if (p == null) return null;
            var v = p.Value;
            if (v is PSObject ps) v = ps.BaseObject;
            return v == null ? null : Convert.ToString(v, CultureInfo.InvariantCulture);
        }

        /// <summary>The decisions of one run seen so far.</summary>
        private sealed class MetricsGroup
        {
            private readonly AllocationResult? _run;
            private readonly bool[]? _seen;
            private readonly DecisionTally? _tally;
            private int[] _received = new int[0]; // module decisions: sequences in arrival order, tallied only if needed
            private int _receivedCount;
            private int _distinct;

            public MetricsGroup(AllocationResult run)
            {
                _run = run;
                _seen = new bool[run.Count];
            }

            public MetricsGroup(DecisionTally tally) => _tally = tally;

            /// <summary>The tally of objects read back from files (not used for module decisions).</summary>
            public DecisionTally Tally => _tally!;

            public void Add(AllocationDecision d)
            {
                // Per object: a flag and an int. The decision's fields come from the run's arrays when tallied.
                int k = d.Sequence - 1;
                if (!_seen![k]) { _seen[k] = true; _distinct++; }
                if (_receivedCount == _received.Length) System.Array.Resize(ref _received, Math.Max(1024, _received.Length * 2));
                _received[_receivedCount++] = k;
            }

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
}
