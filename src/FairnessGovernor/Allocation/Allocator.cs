using System;
using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Allocation
{
    /// <summary>Runs one allocation: dispatch order, strategy, capacity, quotas. Deterministic.</summary>
    public static class Allocator
    {
        /// <summary>Allocates <paramref name="tasks"/> among <paramref name="agents"/> under <paramref name="policy"/>.</summary>
        public static AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy) =>
            Allocate(tasks, agents, policy, null);

        /// <summary>
        /// Allocates <paramref name="tasks"/> among <paramref name="agents"/> under <paramref name="policy"/>;
        /// <paramref name="options"/> (null = <see cref="AllocationOptions.Default"/>) never changes a decision.
        /// </summary>
        public static AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions? options)
        {
            if (tasks == null) throw new ArgumentNullException(nameof(tasks));
            if (agents == null) throw new ArgumentNullException(nameof(agents));
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            options ??= AllocationOptions.Default;

            int n = tasks.Count;
            bool[]? promoted = null;
            var order = policy.MaxBypass.HasValue && policy.RespectPriority
                ? DispatchOrder.WithBypass(tasks, policy.MaxBypass.Value, out promoted)
                : DispatchOrder.Of(tasks, policy.RespectPriority);
            var table = new FairAgentTable(agents);
            int m = table.Count;
            var open = new OpenAgents(m);
            var counts = new int[m];
            var caps = table.Capacities;
            long[]? shares = null;
            for (int a = 0; a < m; a++)
            {
                if (agents[a].MaxShare.HasValue)
                {
                    shares ??= Fill(m, long.MaxValue);
                    shares[a] = agents[a].ShareLimit(n);
                }
            }

            int weighted = 0, fullByCapacity = 0, fullByShare = 0;
            for (int a = 0; a < m; a++)
            {
                if (table.Weights[a] == 0) { open.Close(a); continue; }
                weighted++;
                bool capFull = caps[a] == 0, shareFull = shares != null && shares[a] == 0;
                if (capFull) fullByCapacity++;
                if (shareFull) fullByShare++;
                if (capFull || shareFull) open.Close(a);
            }

            IAgentSelector selector;
            WeightedRoundRobin? wrr = null;
            switch (policy.Strategy)
            {
                case FairnessStrategies.SmoothWeightedRoundRobin: selector = new SmoothWeightedRoundRobin(table, open); break;
                case FairnessStrategies.LagBounded: selector = new LagBounded(table, open); break;
                default: selector = wrr = new WeightedRoundRobin(table, open); break;
            }

            bool quotas = policy.GroupQuotaCount > 0;
            var groupUsed = quotas ? new int[policy.GroupQuotaCount] : null;
            var skipped = options.Explain ? new string[]?[n] : null;
            var reasons = new byte[n];
            var agentOf = new int[n];
            int unassigned = 0;
            for (int k = 0; k < n; k++)
            {
                int code;
                int group = quotas ? policy.GroupIndex(tasks[order[k]].Group) : -1;
                int pointer = wrr != null && skipped != null ? wrr.PointerAgent : -1;
                int a;
                if (group >= 0 && groupUsed![group] >= policy.GroupLimitAt(group))
                {
                    a = -1;
                    code = DecisionReasons.CodeGroupQuota | (open.OpenCount == 0 ? AgentCode(weighted, fullByCapacity, fullByShare) : 0);
                }
                else
                {
                    a = selector.Pick();
                    if (a < 0) code = AgentCode(weighted, fullByCapacity, fullByShare);
                    else
                    {
                        code = selector.LastReason;
                        if (group >= 0) groupUsed![group]++;
                    }
                }
                if (skipped != null) skipped[k] = Explain(tasks[order[k]], a, code, pointer, wrr != null, selector, agents, table, counts, caps, shares, open);
                agentOf[k] = a;
                if (promoted != null && promoted[k]) code |= DecisionReasons.CodeMaxBypass;
                reasons[k] = (byte)code;
                if (a < 0) { unassigned++; continue; }
                int c = ++counts[a];
                bool byCap = c >= caps[a], byShare = shares != null && c >= shares[a];
                if (byCap || byShare)
                {
                    if (byCap) fullByCapacity++;
                    if (byShare) fullByShare++;
                    open.Close(a);
                    selector.Close(a);
                }
            }
            return new AllocationResult(tasks, agents, policy, order, agentOf, counts, unassigned, reasons, skipped);
        }

        private static long[] Fill(int m, long value)
        {
            var r = new long[m];
            for (int i = 0; i < m; i++) r[i] = value;
            return r;
        }

        private static int AgentCode(int weighted, int fullByCapacity, int fullByShare)
        {
            if (weighted == 0) return DecisionReasons.CodeNoAgents;
            return (fullByCapacity > 0 ? DecisionReasons.CodeCapacity : 0) | (fullByShare > 0 ? DecisionReasons.CodeMaxShare : 0);
        }

        /// <summary>Explain mode (SPEC.md 6.4): the agents passed over for this decision and why.</summary>
        private static string[] Explain(FairTask task, int chosen, int code, int pointer, bool rotation, IAgentSelector selector, IReadOnlyList<FairAgent> agents,
            FairAgentTable table, int[] counts, long[] caps, long[]? shares, OpenAgents open)
        {
            var list = new List<string>();
            if ((code & DecisionReasons.CodeGroupQuota) != 0) list.Add("group '" + task.Group + "': " + DecisionReasons.GroupQuota);
            int m = table.Count;
            if (rotation && chosen >= 0)
            {
                // The agents the rotation pointer passed over, from the pointer's agent to the chosen one.
                for (int a = pointer < 0 ? 0 : pointer; a != chosen; a = (a + 1) % m)
                    if (table.Weights[a] > 0) list.Add(agents[a].Id + ": " + Full(a, counts, caps, shares));
            }
            else
            {
                for (int a = 0; a < m; a++)
                {
                    if (a == chosen || table.Weights[a] == 0) continue;
                    if (!open.IsOpen(a)) list.Add(agents[a].Id + ": " + Full(a, counts, caps, shares));
                    else if (chosen >= 0 && selector.WhyNot(a) is string why) list.Add(agents[a].Id + ": " + why);
                }
            }
            return list.ToArray();
        }

        private static string Full(int a, int[] counts, long[] caps, long[]? shares)
        {
            bool byCap = counts[a] >= caps[a], byShare = shares != null && counts[a] >= shares[a];
            return byCap && byShare ? DecisionReasons.Capacity + "+" + DecisionReasons.MaxShare : byShare ? DecisionReasons.MaxShare : DecisionReasons.Capacity;
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

        /// <summary>
        /// The priority order with max_bypass (SPEC.md 6.2): before each dispatch, the earliest waiting task
        /// in input order (r) has been overtaken by exactly (dispatched so far) - r tasks, the most of any
        /// waiting task; when that reaches <paramref name="maxBypass"/>, r goes next. Linear time.
        /// </summary>
        public static int[] WithBypass(IReadOnlyList<FairTask> tasks, int maxBypass, out bool[] promoted)
        {
            int n = tasks.Count;
            var priority = Of(tasks, true);
            var order = new int[n];
            var done = new bool[n];
            promoted = new bool[n];
            int r = 0, p = 0;
            for (int k = 0; k < n; k++)
            {
                while (r < n && done[r]) r++;
                while (done[priority[p]]) p++;
                int next = priority[p];
                if (k - r >= maxBypass && next != r)
                {
                    next = r;
                    promoted[k] = true;
                }
                done[next] = true;
                order[k] = next;
            }
            return order;
        }
    }
}
