using System;
using System.Linq;
using CsCheck;
using FairnessGovernor.Allocation;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.Tests
{
    /// <summary>SPEC.md 6.1: the strategies, their worked examples and their reference rules.</summary>
    public class StrategyTests
    {
        private static FairTask[] Tasks(int n) => Enumerable.Range(1, n).Select(i => new FairTask("t" + i)).ToArray();

        private static FairAgent[] Agents(params int[] weights) => weights.Select((w, i) => new FairAgent(((char)('A' + i)).ToString(), w)).ToArray();

        private static string Sequence(string strategy, FairAgent[] agents, int n) =>
            string.Join(" ", Allocator.Allocate(Tasks(n), agents, new FairnessPolicy("p", true, 2.0, strategy)).Decisions().Select(d => d.AgentId ?? "-"));

        [Fact]
        public void Spec_6_1_2_smooth_wrr_weights_1_2_1()
        {
            Assert.Equal("B A C B B A C B", Sequence(FairnessStrategies.SmoothWeightedRoundRobin, Agents(1, 2, 1), 8));
            var r = Allocator.Allocate(Tasks(1), Agents(1, 2, 1), new FairnessPolicy("p", true, 2.0, FairnessStrategies.SmoothWeightedRoundRobin));
            Assert.Equal(DecisionReasons.SmoothWrr, r.GetDecision(0).Reason);
        }

        [Fact]
        public void Spec_6_1_2_smooth_wrr_full_agents_leave_the_set_and_the_sum()
        {
            var agents = new[] { new FairAgent("A", 1), new FairAgent("B", 2, 1), new FairAgent("C", 1) };
            Assert.Equal("B A C A C A", Sequence(FairnessStrategies.SmoothWeightedRoundRobin, agents, 6));
        }

        [Fact]
        public void Spec_6_1_3_lag_bounded_weights_1_4_4_stays_within_the_bound_where_smooth_wrr_does_not()
        {
            Assert.Equal("B C A B C B C B C", Sequence(FairnessStrategies.SmoothWeightedRoundRobin, Agents(1, 4, 4), 9));
            Assert.Equal("B C B C A B C B C", Sequence(FairnessStrategies.LagBounded, Agents(1, 4, 4), 9));
            Assert.Equal("B A C B B A C B", Sequence(FairnessStrategies.LagBounded, Agents(1, 2, 1), 8));
            var r = Allocator.Allocate(Tasks(1), Agents(1, 4, 4), new FairnessPolicy("p", true, 2.0, FairnessStrategies.LagBounded));
            Assert.Equal(DecisionReasons.LagBoundedDeadline, r.GetDecision(0).Reason);
        }

        [Fact]
        public void Strategy_names_parse_in_any_case_and_unknown_names_are_refused()
        {
            Assert.Equal(FairnessStrategies.LagBounded, new FairnessPolicy("p", true, 2.0, " Lag_Bounded ").Strategy);
            Assert.Throws<ArgumentException>(() => new FairnessPolicy("p", true, 2.0, "fair"));
            Assert.Equal(FairnessStrategies.WeightedRoundRobin, FairnessPolicy.Default.Strategy);
        }

        private static readonly Gen<FairAgent[]> GenAgents =
            Gen.Select(Gen.Int[0, 6], Gen.Int[-1, 8], Gen.Int[-1, 4]).Array[0, 7]
               .Select(specs => specs.Select((s, i) => new FairAgent("a" + i, s.Item1, s.Item2 < 0 ? null : s.Item2, s.Item3 < 0 ? null : s.Item3 / 4.0)).ToArray());

        private static readonly Gen<FairTask[]> GenTasks =
            Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3]).Array[0, 50]
               .Select(specs => specs.Select((s, i) => new FairTask("t" + i, (TaskPriority)s.Item1, s.Item2 == 0 ? null : "g" + s.Item2)).ToArray());

        private static Gen<FairnessPolicy> GenPolicy(string strategy) =>
            Gen.Select(Gen.Bool, Gen.Int[-1, 4], Gen.Int[-1, 6], Gen.Int[-1, 6])
               .Select(p => new FairnessPolicy("p", p.Item1, 2.0, strategy, p.Item2 < 0 ? null : p.Item2,
                   new[] { ("g1", p.Item3), ("g2", p.Item4) }.Where(q => q.Item2 >= 0).Select(q => new System.Collections.Generic.KeyValuePair<string, int>(q.Item1, q.Item2))));

        [Fact]
        public void Smooth_wrr_equals_the_plain_nginx_rule_with_capacities_shares_and_quotas()
        {
            Gen.Select(GenAgents, GenTasks, GenPolicy(FairnessStrategies.SmoothWeightedRoundRobin)).Sample((agents, tasks, policy) =>
            {
                var r = Allocator.Allocate(tasks, agents, policy);
                var order = Enumerable.Range(0, r.Count).Select(r.TaskIndexAt).ToArray();
                Assert.Equal(Reference.Run(tasks, order, agents, policy, Reference.Smooth(agents)), Enumerable.Range(0, r.Count).Select(r.AgentIndexAt));
            }, iter: 2000);
        }

        [Fact]
        public void Smooth_wrr_equals_the_plain_nginx_rule_on_many_agents_and_large_weights()
        {
            Gen.Select(Gen.Int[0, int.MaxValue].Array[2, 40], Gen.Int[1, 300]).Sample((weights, n) =>
            {
                var agents = weights.Select((w, i) => new FairAgent("a" + i, w)).ToArray();
                var tasks = Tasks(n);
                var policy = new FairnessPolicy("p", false, 2.0, FairnessStrategies.SmoothWeightedRoundRobin);
                var r = Allocator.Allocate(tasks, agents, policy);
                Assert.Equal(Reference.Run(tasks, Enumerable.Range(0, n).ToArray(), agents, policy, Reference.Smooth(agents)), Enumerable.Range(0, r.Count).Select(r.AgentIndexAt));
            }, iter: 300);
        }

        [Fact]
        public void Lag_bounded_equals_the_plain_scan_of_tijdemans_rule_with_limits()
        {
            Gen.Select(GenAgents, GenTasks, GenPolicy(FairnessStrategies.LagBounded)).Sample((agents, tasks, policy) =>
            {
                var r = Allocator.Allocate(tasks, agents, policy);
                var order = Enumerable.Range(0, r.Count).Select(r.TaskIndexAt).ToArray();
                Assert.Equal(Reference.Run(tasks, order, agents, policy, Reference.Tijdeman(agents)), Enumerable.Range(0, r.Count).Select(r.AgentIndexAt));
            }, iter: 2000);
        }

        [Fact]
        public void Lag_bounded_equals_the_plain_scan_on_many_agents_and_the_largest_weights()
        {
            Gen.Select(Gen.Int[0, int.MaxValue].Array[2, 40], Gen.Int[1, 300], Gen.Int[0, 3]).Sample((weights, n, cap) =>
            {
                var agents = weights.Select((w, i) => new FairAgent("a" + i, w, i % 4 == 0 ? cap : null)).ToArray();
                var tasks = Tasks(n);
                var policy = new FairnessPolicy("p", false, 2.0, FairnessStrategies.LagBounded);
                var r = Allocator.Allocate(tasks, agents, policy);
                Assert.Equal(Reference.Run(tasks, Enumerable.Range(0, n).ToArray(), agents, policy, Reference.Tijdeman(agents)), Enumerable.Range(0, r.Count).Select(r.AgentIndexAt));
            }, iter: 300);
        }

        [Fact]
        public void Spec_6_1_3_lag_bounded_prefix_bound_holds_without_limits()
        {
            Gen.Select(Gen.Int[1, 12].Array[2, 8], Gen.Int[0, 3].Array[0, 3], Gen.Int[1, 120]).Sample((weights, zeros, n) =>
            {
                var all = weights.Concat(zeros.Select(_ => 0)).ToArray();
                var agents = all.Select((w, i) => new FairAgent("a" + i, w)).ToArray();
                var r = Allocator.Allocate(Tasks(n), agents, new FairnessPolicy("p", false, 2.0, FairnessStrategies.LagBounded));
                int m = weights.Length;
                long W = weights.Sum(), D = 2L * (m - 1);
                var x = new long[all.Length];
                for (int k = 1; k <= n; k++)
                {
                    x[r.AgentIndexAt(k - 1)]++;
                    for (int i = 0; i < all.Length; i++)
                        Assert.True(Math.Abs(x[i] * W - k * (long)all[i]) * D <= (D - 1) * W, $"|x - k p| <= 1 - 1/(2(m-1)) at k={k}, agent {i}"); // exact: |xW - kw| D <= (D-1) W
                    Assert.NotEqual(DecisionReasons.LagBoundedFallback, r.GetDecision(k - 1).Reason);
                }
            }, iter: 1500);
        }

        [Fact]
        public void Every_strategy_assigns_every_task_with_many_agents_large_weights_and_closes()
        {
            // Speed is measured by the benchmarks (docs/performance.md); this checks the large case runs through and
            // that no capped agent goes over its capacity.
            var rnd = new Random(4);
            var agents = Enumerable.Range(0, 20_000).Select(i => new FairAgent("a" + i, rnd.Next(1, int.MaxValue), i % 3 == 0 ? 5 : null)).ToArray();
            var tasks = Tasks(200_000);
            foreach (var s in FairnessStrategies.All)
            {
                var r = Allocator.Allocate(tasks, agents, new FairnessPolicy("p", true, 2.0, s));
                Assert.Equal(0, r.UnassignedCount);
                var counts = new int[agents.Length];
                for (int i = 0; i < r.Count; i++) counts[r.AgentIndexAt(i)]++;
                for (int i = 0; i < agents.Length; i += 3) Assert.True(counts[i] <= 5, s + ": agent " + i + " over its capacity");
            }
        }
    }
}
