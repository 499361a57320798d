using System;
using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Allocation
{
    /// <summary>Runs one allocation: dispatch order, strategy, capacity. Deterministic.</summary>
    public static class Allocator
    {
        /// <summary>Allocates <paramref name="tasks"/> among <paramref name="agents"/> under <paramref name="policy"/>.</summary>
        public static AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy)
        {
            if (tasks == null) throw new ArgumentNullException(nameof(tasks));
            if (agents == null) throw new ArgumentNullException(nameof(agents));
            if (policy == null) throw new ArgumentNullException(nameof(policy));

            int n = tasks.Count;
            var order = DispatchOrder.Of(tasks, policy.RespectPriority);
            var table = new FairAgentTable(agents);
            var open = new OpenAgents(table.Count);
            var counts = new int[table.Count];
            for (int a = 0; a < table.Count; a++)
                if (table.Weights[a] == 0 || table.Capacities[a] == 0) open.Close(a);

            IAgentSelector selector = new WeightedRoundRobin(table, open);
            var agentOf = new int[n];
            var caps = table.Capacities;
            int unassigned = 0;
            for (int k = 0; k < n; k++)
            {
                int a = selector.Pick();
                agentOf[k] = a;
                if (a < 0) { unassigned++; continue; }
                if (++counts[a] >= caps[a])
                {
                    open.Close(a);
                    selector.Close(a);
                }
            }
            return new AllocationResult(tasks, agents, policy, order, agentOf, counts, unassigned);
        }
    }

    /// <summary>The order tasks are dispatched in.</summary>
    internal static class DispatchOrder
    {
        /// <summary>Input order, or a stable sort high, normal, low (a counting sort: linear time).</summary>
        public static int[] Of(IReadOnlyList<FairTask> tasks, bool respectPriority)
        {
            int n = tasks.Count;
            var order = new int[n];
            if (!respectPriority)
            {
                for (int i = 0; i < n; i++) order[i] = i;
                return order;
            }
            var starts = new int[4];
            for (int i = 0; i < n; i++) starts[(int)tasks[i].Level + 1]++;
            for (int p = 1; p < 4; p++) starts[p] += starts[p - 1];
            for (int i = 0; i < n; i++) order[starts[(int)tasks[i].Level]++] = i;
            return order;
        }
    }
}
