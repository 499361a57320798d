using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using FairnessGovernor.Allocation;
using FairnessGovernor.Errors;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Computes fairness metrics from allocation decisions: one object per run.</para>
    /// <para>SPEC.md 8.4: decisions are grouped by their run (or, read back from files, by RunId) in the order first seen.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "FairnessMetrics")]
    [OutputType("FairnessGovernor.Metrics.AllocationMetrics")]
    public sealed class GetFairnessMetricsCommand : InputLimitsCmdlet
    {
        private readonly List<MetricsGroup> _groups = new List<MetricsGroup>(); // in first-seen order
        private readonly Dictionary<IRunRecord, MetricsGroup> _byRun = new Dictionary<IRunRecord, MetricsGroup>();
        private readonly Dictionary<string, MetricsGroup> _byRunId = new Dictionary<string, MetricsGroup>(StringComparer.Ordinal);
        private IReadOnlyList<FairAgent>? _agents; // the -AgentPath / -Agent agents, read once per call
        private int _received;
        private bool _warnedRunInputs; // the -Agent/-AgentPath/-MaxSkewRatio warning, once per call

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
        [SupportsWildcards]
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
                if (InputObject.BaseObject is AllocationDecision decision) AddDecision(decision);
                else if (InputObject.BaseObject is EmptyRun empty) GroupOf(RunRecord.OfOutput(empty)!); // zero counts (SPEC.md 1.8)
                else AddReadBack(InputObject);
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex, InputObject);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            foreach (var g in _groups) WriteObject(g.ToMetrics());
        }

        /// <summary>A decision from Invoke-FairAllocation: grouped by the run or stream it came from (SPEC.md 7.7).</summary>
        private void AddDecision(AllocationDecision decision)
        {
            WarnRunInputsIgnored();
            GroupOf(RunRecord.Of(decision)).Add(decision);
        }

        private MetricsGroup GroupOf(IRunRecord run)
        {
            if (!_byRun.TryGetValue(run, out var group))
            {
                group = run.NewMetricsGroup();
                _byRun.Add(run, group);
                _groups.Add(group);
            }
            return group;
        }

        /// <summary>
        /// A decision from Invoke-FairAllocation is measured against its own run's agents and policy (SPEC.md 8.4), so
        /// -Agent, -AgentPath and -MaxSkewRatio, which stand in for them for read-back decisions, do not apply: say so
        /// once, rather than silently measuring something else than the user asked.
        /// </summary>
        private void WarnRunInputsIgnored()
        {
            if (_warnedRunInputs) return;
            _warnedRunInputs = true;
            var given = new List<string>();
            foreach (var name in new[] { "Agent", "AgentPath", "MaxSkewRatio" })
                if (MyInvocation.BoundParameters.ContainsKey(name)) given.Add("-" + name);
            if (given.Count == 0) return;
            WriteWarning(string.Join(", ", given) + (given.Count == 1 ? " applies" : " apply") +
                " only to decisions read back from files (CSV, JSON); decisions from Invoke-FairAllocation are measured against their own run's agents and policy (its max_skew_ratio), so " +
                (given.Count == 1 ? "it is" : "they are") + " ignored for them. To label a run with another skew ratio, run it with that policy.");
        }

        /// <summary>A decision read back from CSV or JSON: grouped by its RunId, counted against the -AgentPath / -Agent agents.</summary>
        private void AddReadBack(PSObject input)
        {
            string? taskId = Property(input, "TaskId");
            // An EmptyRun read back (RunId, PolicyId, TaskCount 0, no TaskId): the run, with no decision to count.
            bool emptyRun = taskId == null && Property(input, "TaskCount") == "0" && NonBlank(Property(input, "RunId")) != null;
            if (taskId == null && !emptyRun)
                throw new FairnessInputException("InvalidDecision", "pipeline input", "object #" + _received, "TaskId",
                    "expected a decision from Invoke-FairAllocation or an object with TaskId and AgentId properties.");
            string runId = Property(input, "RunId") ?? "";
            if (!_byRunId.TryGetValue(runId, out var group))
            {
                if (_agents == null && (AgentPath != null || Agent != null))
                {
                    var inputs = new InputSources(this, GetLimits());
                    _agents = inputs.Agents(inputs.File("Agent", AgentPath), Agent);
                }
                group = new MetricsGroup(new DecisionTally(_agents, new FairnessPolicy(NonBlank(Property(input, "PolicyId")) ?? FairnessPolicy.DefaultPolicyId, true, MaxSkewRatio)));
                _byRunId.Add(runId, group);
                _groups.Add(group);
            }
            if (emptyRun) return;
            var agentId = Property(input, "AgentId");
            var status = Property(input, "Status");
            if (string.Equals(status, DecisionStatus.Unassigned, StringComparison.OrdinalIgnoreCase)) agentId = null;
            TaskPriorityNames.TryParse(Property(input, "Priority"), out var level);
            group.Add(agentId, "decision for task '" + taskId + "'", level, ReadWait(NonBlank(Property(input, "Wait"))));
        }

        /// <summary>
        /// A read-back Wait (SPEC.md 8.4): blank or absent is not set; else a number of 0 or more written in the invariant
        /// culture or the current one (Export-Csv writes `1,5` in de-DE); anything else is InvalidDecision.
        /// </summary>
        private double? ReadWait(string? text)
        {
            if (text == null) return null;
            if ((double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
                 || double.TryParse(text, NumberStyles.Float, CultureInfo.CurrentCulture, out w))
                && !double.IsNaN(w) && !double.IsInfinity(w) && w >= 0)
                return w;
            throw new FairnessInputException("InvalidDecision", "pipeline input", "object #" + _received, "Wait",
                "expected a wait of 0 or more, as a number in the invariant or the current culture; got '" + text + "'.");
        }

        private static string? NonBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

        /// <summary>
        /// A property of a read-back decision: of an object, or the key of a dictionary (ConvertFrom-Json -AsHashtable,
        /// Import-PowerShellDataFile, @{...}), matched exactly first, then ignoring case, as property names are.
        /// </summary>
        private static string? Property(PSObject o, string name)
        {
            object? v;
            if (o.BaseObject is System.Collections.IDictionary dictionary)
            {
                if (!TryKey(dictionary, name, out v)) return null;
            }
            else
            {
                var p = o.Properties[name];
                if (p == null) return null;
                v = p.Value;
            }
            if (v is PSObject ps) v = ps.BaseObject;
            return v == null ? null : Convert.ToString(v, CultureInfo.InvariantCulture);
        }

        private static bool TryKey(System.Collections.IDictionary dictionary, string name, out object? value)
        {
            object? found = null;
            bool any = false;
            foreach (System.Collections.DictionaryEntry entry in dictionary)
            {
                if (!(entry.Key is string key)) continue;
                if (string.Equals(key, name, StringComparison.Ordinal)) { value = entry.Value; return true; }
                if (!any && string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) { found = entry.Value; any = true; }
            }
            value = found;
            return any;
        }
    }
}
