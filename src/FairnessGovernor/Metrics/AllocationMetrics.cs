using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.Metrics
{
    /// <summary>The prototype's metrics of one run, plus assigned and unassigned counts, weight-aware fairness figures and waits (SPEC.md 3, 6.5, 6.6).</summary>
    public sealed class AllocationMetrics
    {
        private AllocationMetrics(string[] agentIds, int[] counts, int maxTasks, int minTasks, double skewRatio, string label, int assigned, int unassigned, string policyId, double maxSkewRatio,
            long[] weights, long[] limits, WaitStatistics wait, OrderedDictionary waitByPriority)
        {
            _wait = wait;
            _waitByPriority = waitByPriority;
            _entitlement = Fairness.Entitlements(counts, weights, limits, assigned);
            _lag = new double[counts.Length];
            for (int i = 0; i < counts.Length; i++)
            {
                _lag[i] = counts[i] - _entitlement[i];
                MaxAbsLag = Math.Max(MaxAbsLag, Math.Abs(_lag[i]));
            }
            var all = new double[counts.Length];
            for (int i = 0; i < counts.Length; i++) all[i] = counts[i];
            int positive = 0;
            foreach (var w in weights) if (w > 0) positive++;
            var ratios = new double[positive];
            double maxRatio = 0, minFloor = double.PositiveInfinity;
            for (int i = 0, j = 0; i < counts.Length; i++)
            {
                if (weights[i] <= 0) continue;
                ratios[j++] = counts[i] / (double)weights[i];
                maxRatio = Math.Max(maxRatio, counts[i] / (double)weights[i]);
                minFloor = Math.Min(minFloor, Math.Max(1, counts[i]) / (double)weights[i]);
            }
            WeightedSkewRatio = positive == 0 || maxRatio == 0 ? 0.0 : maxRatio / minFloor;
            WeightedFairnessLabel = FairnessLabels.For(WeightedSkewRatio, maxSkewRatio);
            JainIndex = Fairness.Jain(all);
            WeightedJainIndex = Fairness.Jain(ratios);
            Gini = Fairness.Gini(all);
            WeightedGini = Fairness.Gini(ratios);
            AgentIds = agentIds;
            TaskCounts = counts;
            MaxTasks = maxTasks;
            MinTasks = minTasks;
            SkewRatio = skewRatio;
            FairnessLabel = label;
            AssignedCount = assigned;
            UnassignedCount = unassigned;
            PolicyId = policyId;
            MaxSkewRatio = maxSkewRatio;
        }

        /// <summary>Agent ids in agent order (every agent of the run).</summary>
        internal IReadOnlyList<string> AgentIds { get; }

        /// <summary>Tasks per agent aligned with <see cref="AgentIds"/>, zeros included.</summary>
        internal IReadOnlyList<int> TaskCounts { get; }

        /// <summary>Agent ids in agent order.</summary>
        public string[] GetAgentIds() => System.Linq.Enumerable.ToArray(AgentIds);

        /// <summary>Task counts aligned with <see cref="GetAgentIds"/>.</summary>
        public int[] GetTaskCounts() => System.Linq.Enumerable.ToArray(TaskCounts);

        /// <summary>Tasks per agent, keyed by agent id, in agent order, zeros included (read-only).</summary>
        public NamedValues TaskCountPerAgent
        {
            get
            {
                if (_perAgent == null)
                {
                    var d = new OrderedDictionary(AgentIds.Count, StringComparer.Ordinal);
                    for (int i = 0; i < AgentIds.Count; i++) d.Add(AgentIds[i], TaskCounts[i]);
                    _perAgent = new NamedValues(d);
                }
                return _perAgent;
            }
        }

        private NamedValues? _perAgent;
        private readonly double[] _entitlement;
        private readonly double[] _lag;
        private NamedValues? _entitlementPerAgent;
        private NamedValues? _lagPerAgent;

        /// <summary>
        /// Each agent's weighted max-min fair share of the assigned tasks, respecting its capacity and max_share
        /// (water-filling; SPEC.md 6.6), keyed by agent id in agent order (read-only; values are double).
        /// </summary>
        public NamedValues Entitlement => _entitlementPerAgent ??= PerAgent(_entitlement);

        /// <summary>count - entitlement per agent, keyed by agent id in agent order (read-only; values are double).</summary>
        public NamedValues Lag => _lagPerAgent ??= PerAgent(_lag);

        /// <summary>Entitlements aligned with <see cref="GetAgentIds"/>.</summary>
        public double[] GetEntitlements() => (double[])_entitlement.Clone();

        /// <summary>Lags aligned with <see cref="GetAgentIds"/>.</summary>
        public double[] GetLags() => (double[])_lag.Clone();

        /// <summary>The largest |lag| over agents; 0 with no agents.</summary>
        public double MaxAbsLag { get; }

        /// <summary>max(x_i / w_i) / min(max(x_i, 1) / w_i) over agents with weight &gt; 0; 0 with no such agent or no task.</summary>
        public double WeightedSkewRatio { get; }

        /// <summary>The fairness label of <see cref="WeightedSkewRatio"/> (same thresholds as <see cref="FairnessLabel"/>).</summary>
        public string WeightedFairnessLabel { get; }

        /// <summary>Jain's index of the counts over every agent; 1 when no agent or no task.</summary>
        public double JainIndex { get; }

        /// <summary>Jain's index of count/weight over agents with weight &gt; 0; 1 when none or no task.</summary>
        public double WeightedJainIndex { get; }

        /// <summary>Gini coefficient of the counts over every agent; 0 when no agent or no task.</summary>
        public double Gini { get; }

        /// <summary>Gini coefficient of count/weight over agents with weight &gt; 0; 0 when none or no task.</summary>
        public double WeightedGini { get; }

        private readonly WaitStatistics _wait;
        private readonly OrderedDictionary _waitByPriority;
        private NamedValues? _waitMeanBy, _waitP50By, _waitP95By, _waitMaxBy;

        /// <summary>Waits of all assigned tasks (SPEC.md 6.5). A method, so exported JSON stays flat.</summary>
        public WaitStatistics GetWait() => _wait;

        /// <summary>Mean wait of the assigned tasks; 0 when none.</summary>
        public double WaitMean => _wait.Mean;

        /// <summary>Median wait (nearest rank); 0 when none.</summary>
        public double WaitP50 => _wait.P50;

        /// <summary>95th-percentile wait (nearest rank); 0 when none.</summary>
        public double WaitP95 => _wait.P95;

        /// <summary>Longest wait; 0 when none.</summary>
        public double WaitMax => _wait.Max;

        /// <summary>Mean wait per priority (keys high, normal, low; 0 for a priority with no assigned task).</summary>
        public NamedValues WaitMeanByPriority => _waitMeanBy ??= ByPriorityOf(w => w.Mean);

        /// <summary>Median wait per priority.</summary>
        public NamedValues WaitP50ByPriority => _waitP50By ??= ByPriorityOf(w => w.P50);

        /// <summary>95th-percentile wait per priority.</summary>
        public NamedValues WaitP95ByPriority => _waitP95By ??= ByPriorityOf(w => w.P95);

        /// <summary>Longest wait per priority.</summary>
        public NamedValues WaitMaxByPriority => _waitMaxBy ??= ByPriorityOf(w => w.Max);

        /// <summary>Wait statistics per priority: keys high, normal, low (all three, always), values <see cref="WaitStatistics"/> (read-only).</summary>
        public OrderedDictionary GetWaitByPriority() => _waitByPriority;

        private NamedValues ByPriorityOf(Func<WaitStatistics, double> pick)
        {
            var d = new OrderedDictionary(3, StringComparer.Ordinal);
            foreach (System.Collections.DictionaryEntry e in _waitByPriority) d.Add(e.Key, pick((WaitStatistics)e.Value!));
            return new NamedValues(d);
        }

        private NamedValues PerAgent(double[] values)
        {
            var d = new OrderedDictionary(AgentIds.Count, StringComparer.Ordinal);
            for (int i = 0; i < AgentIds.Count; i++) d.Add(AgentIds[i], values[i]);
            return new NamedValues(d);
        }

        /// <summary>The highest task count; 0 with no agents.</summary>
        public int MaxTasks { get; }

        /// <summary>The lowest task count; 0 with no agents.</summary>
        public int MinTasks { get; }

        /// <summary>max_tasks / max(1, min_tasks).</summary>
        public double SkewRatio { get; }

        /// <summary>balanced, mild_imbalance or strong_imbalance.</summary>
        public string FairnessLabel { get; }

        /// <summary>Tasks given to an agent.</summary>
        public int AssignedCount { get; }

        /// <summary>Tasks no agent could take.</summary>
        public int UnassignedCount { get; }

        /// <summary>All tasks of the run.</summary>
        public int TaskCount => AssignedCount + UnassignedCount;

        /// <summary>All agents of the run.</summary>
        public int AgentCount => AgentIds.Count;

        /// <summary>The policy whose max_skew_ratio labelled the run.</summary>
        public string PolicyId { get; }

        /// <summary>The policy's max_skew_ratio.</summary>
        public double MaxSkewRatio { get; }

        /// <summary>Metrics of a whole run.</summary>
        public static AllocationMetrics Of(AllocationResult result)
        {
            var counts = new int[result.Agents.Count];
            for (int i = 0; i < counts.Length; i++) counts[i] = result.AgentTaskCounts[i];
            var all = new List<double>();
            var byLevel = new[] { new List<double>(), new List<double>(), new List<double>() };
            var store = TaskColumns.Of(result.Tasks);
            for (int k = 0; k < result.Count; k++)
            {
                var w = result.WaitAt(k);
                if (!w.HasValue) continue;
                all.Add(w.Value);
                int t = result.TaskIndexAt(k);
                byLevel[store != null ? (int)store.Level(t) : (int)result.Tasks[t].Level].Add(w.Value);
            }
            return Build(result.Agents, counts, result.UnassignedCount, result.Policy, new WaitStatistics(all), byLevel);
        }

        /// <summary>The metrics of the decisions a stream has made so far (waits included).</summary>
        public static AllocationMetrics Of(AllocationStream stream)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            stream.CopyTally(out var counts, out var waits, out var waitsByLevel);
            return FromTally(stream.Agents, counts, stream.UnassignedCount, stream.Policy, waits, waitsByLevel);
        }

        /// <summary>Metrics from counts and the waits of the counted decisions (all, and per priority level high/normal/low).</summary>
        internal static AllocationMetrics FromTally(IReadOnlyList<FairAgent> agents, int[] counts, int unassigned, FairnessPolicy policy, List<double> waits, List<double>[] waitsByLevel) =>
            Build(agents, counts, unassigned, policy, new WaitStatistics(waits), waitsByLevel);

        /// <summary>Metrics from per-agent counts (aligned with <paramref name="agents"/>).</summary>
        public static AllocationMetrics FromCounts(IReadOnlyList<FairAgent> agents, int[] counts, int unassigned, FairnessPolicy policy)
        {
            var none = new[] { new List<double>(), new List<double>(), new List<double>() };
            return Build(agents, counts, unassigned, policy, new WaitStatistics(new double[0]), none);
        }

        private static AllocationMetrics Build(IReadOnlyList<FairAgent> agents, int[] counts, int unassigned, FairnessPolicy policy, WaitStatistics wait, List<double>[] byLevel)
        {
            var ids = new string[agents.Count];
            var weights = new long[agents.Count];
            var limits = new long[agents.Count];
            int taskCount = unassigned;
            foreach (var c in counts) taskCount += c;
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = agents[i].Id;
                weights[i] = agents[i].Weight;
                limits[i] = Math.Min(agents[i].Capacity ?? long.MaxValue, agents[i].ShareLimit(taskCount));
            }
            return Create(ids, counts, unassigned, policy.PolicyId, policy.MaxSkewRatio, weights, limits, wait, byLevel);
        }

        private static OrderedDictionary ByPriority(List<double>[] byLevel)
        {
            var d = new OrderedDictionary(3, StringComparer.Ordinal);
            for (int p = 0; p < 3; p++) d.Add(TaskPriorityNames.All[p], new WaitStatistics(byLevel[p]));
            return d.AsReadOnly();
        }

        /// <summary>Metrics from agent ids and their counts (every weight taken as 1, no limits, no waits).</summary>
        public static AllocationMetrics FromCounts(string[] agentIds, int[] counts, int unassigned, string policyId, double maxSkewRatio)
        {
            var weights = new long[agentIds.Length];
            var limits = new long[agentIds.Length];
            for (int i = 0; i < weights.Length; i++) { weights[i] = 1; limits[i] = long.MaxValue; }
            var none = new[] { new List<double>(), new List<double>(), new List<double>() };
            return Create(agentIds, counts, unassigned, policyId, maxSkewRatio, weights, limits, new WaitStatistics(new double[0]), none);
        }

        private static AllocationMetrics Create(string[] agentIds, int[] counts, int unassigned, string policyId, double maxSkewRatio, long[] weights, long[] limits, WaitStatistics wait, List<double>[] byLevel)
        {
            if (agentIds.Length != counts.Length) throw new ArgumentException("One count per agent is required.", nameof(counts));
            int max = 0, min = 0, assigned = 0;
            for (int i = 0; i < counts.Length; i++)
            {
                int c = counts[i];
                assigned += c;
                if (i == 0 || c > max) max = c;
                if (i == 0 || c < min) min = c;
            }
            double skew = (double)max / Math.Max(1, min);
            return new AllocationMetrics(agentIds, counts, max, min, skew, FairnessLabels.For(skew, maxSkewRatio), assigned, unassigned, policyId, maxSkewRatio,
                weights, limits, wait, ByPriority(byLevel));
        }
    }
}
