using System;
using System.Collections.Generic;
using System.Linq;
using FairnessGovernor.Model;

namespace FairnessGovernor.Tests
{
    /// <summary>The rules of SPEC.md section 6 written plainly, O(m) or O(n) per step, for comparison.</summary>
    internal static class Reference
    {
        public static long Limit(FairAgent a, int taskCount) =>
            Math.Min(a.Capacity ?? long.MaxValue, a.MaxShare.HasValue ? (long)Math.Floor((decimal)a.MaxShare.Value * taskCount) : long.MaxValue);

        /// <summary>max_bypass dispatch order: each step, count for every waiting task the dispatched tasks after it in input order.</summary>
        public static int[] BypassOrder(IReadOnlyList<FairTask> tasks, int maxBypass)
        {
            int n = tasks.Count;
            var priority = Enumerable.Range(0, n).OrderBy(i => (int)tasks[i].GetPriorityLevel()).ThenBy(i => i).ToList();
            var done = new bool[n];
            var order = new List<int>();
            while (order.Count < n)
            {
                int starving = -1;
                for (int t = 0; t < n && starving < 0; t++)
                    if (!done[t] && order.Count(d => d > t) >= maxBypass) starving = t;
                int next = starving >= 0 ? starving : priority.First(t => !done[t]);
                done[next] = true;
                order.Add(next);
            }
            return order.ToArray();
        }

        /// <summary>
        /// Runs a selection rule over the tasks in the given dispatch order with capacities, max_share and group quotas.
        /// <paramref name="pick"/> gets the open set and the counts and returns the agent.
        /// </summary>
        public static int[] Run(IReadOnlyList<FairTask> tasks, int[] order, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, Func<bool[], int[], int> pick)
        {
            int m = agents.Count;
            var limits = agents.Select(a => Limit(a, tasks.Count)).ToArray();
            var open = agents.Select((a, i) => a.Weight > 0 && limits[i] > 0).ToArray();
            var counts = new int[m];
            var used = new Dictionary<string, int>();
            var result = new int[order.Length];
            for (int k = 0; k < order.Length; k++)
            {
                var t = tasks[order[k]];
                var quota = policy.GetGroupQuota(t.Group);
                if (quota.HasValue && used.GetValueOrDefault(t.Group!) >= quota.Value) { result[k] = -1; continue; }
                if (!open.Any(o => o)) { result[k] = -1; continue; }
                int a = pick(open, counts);
                result[k] = a;
                counts[a]++;
                if (quota.HasValue) used[t.Group!] = used.GetValueOrDefault(t.Group!) + 1;
                if (counts[a] >= limits[a]) open[a] = false;
            }
            return result;
        }

        /// <summary>nginx smooth WRR: c_i += w_i over the open set; argmax (lowest index on ties); c_j -= sum.</summary>
        public static Func<bool[], int[], int> Smooth(IReadOnlyList<FairAgent> agents)
        {
            var c = new long[agents.Count];
            return (open, counts) =>
            {
                long total = 0;
                int best = -1;
                for (int i = 0; i < c.Length; i++)
                {
                    if (!open[i]) continue;
                    c[i] += agents[i].Weight;
                    total += agents[i].Weight;
                    if (best < 0 || c[i] > c[best]) best = i;
                }
                c[best] -= total;
                return best;
            };
        }

        /// <summary>Tijdeman's rule with epochs restarting whenever the open set changes, by scanning all agents.</summary>
        public static Func<bool[], int[], int> Tijdeman(IReadOnlyList<FairAgent> agents)
        {
            bool[]? epochSet = null;
            var x = new long[agents.Count];
            long k = 0;
            return (open, counts) =>
            {
                if (epochSet == null || !epochSet.SequenceEqual(open))
                {
                    epochSet = (bool[])open.Clone();
                    Array.Clear(x);
                    k = 0;
                }
                int members = open.Count(o => o);
                if (members == 1) return Array.IndexOf(open, true);
                System.Numerics.BigInteger W = agents.Where((a, i) => open[i]).Sum(a => (long)a.Weight), D = 2L * (members - 1);
                k++;
                int best = -1;
                for (int i = 0; i < open.Length; i++)
                {
                    if (!open[i]) continue;
                    System.Numerics.BigInteger w = agents[i].Weight;
                    if (k * D * w < W * (D * x[i] + 1)) continue; // lag below delta
                    // deadline (x + 1 - delta) / p  ~  (D (x + 1) - 1) / w
                    if (best < 0 || (D * (x[i] + 1) - 1) * agents[best].Weight < (D * (x[best] + 1) - 1) * w) best = i;
                }
                Assert.True(best >= 0, "some agent is always eligible");
                x[best]++;
                return best;
            };
        }
    }
}
