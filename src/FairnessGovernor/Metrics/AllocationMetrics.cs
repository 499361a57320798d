using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.Metrics
{
    /// <summary>The prototype's metrics of one run, plus assigned and unassigned counts.</summary>
    public sealed class AllocationMetrics
    {
        private AllocationMetrics(string[] agentIds, int[] counts, int maxTasks, int minTasks, double skewRatio, string label, int assigned, int unassigned, string policyId, double maxSkewRatio)
        {
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
        public OrderedDictionary TaskCountPerAgent
        {
            get
            {
                if (_perAgent == null)
                {
                    var d = new OrderedDictionary(AgentIds.Count, StringComparer.Ordinal);
                    for (int i = 0; i < AgentIds.Count; i++) d.Add(AgentIds[i], TaskCounts[i]);
                    _perAgent = d.AsReadOnly();
                }
                return _perAgent;
            }
        }

        private OrderedDictionary? _perAgent;

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
            return FromCounts(result.Agents, counts, result.UnassignedCount, result.Policy);
        }

        /// <summary>Metrics from per-agent counts (aligned with <paramref name="agents"/>).</summary>
        public static AllocationMetrics FromCounts(IReadOnlyList<FairAgent> agents, int[] counts, int unassigned, FairnessPolicy policy)
        {
            var ids = new string[agents.Count];
            for (int i = 0; i < ids.Length; i++) ids[i] = agents[i].Id;
            return FromCounts(ids, counts, unassigned, policy.PolicyId, policy.MaxSkewRatio);
        }

        /// <summary>Metrics from agent ids and their counts.</summary>
        public static AllocationMetrics FromCounts(string[] agentIds, int[] counts, int unassigned, string policyId, double maxSkewRatio)
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
            return new AllocationMetrics(agentIds, counts, max, min, skew, FairnessLabels.For(skew, maxSkewRatio), assigned, unassigned, policyId, maxSkewRatio);
        }
    }
}
