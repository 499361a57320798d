using System;
using System.Linq;
using FairnessGovernor.Allocation;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.Tests
{
    /// <summary>SPEC.md 6.6: weight-aware metrics, the worked example and the edge cases.</summary>
    public class MetricsTests
    {
        private static readonly FairnessPolicy Policy = new FairnessPolicy("p", true, 2.0);

        [Fact]
        public void Spec_6_6_sample_figures()
        {
            var r = Allocator.Allocate(TaskLoader.FromFile(TestPaths.Fixture("tasks.json")), AgentLoader.FromFile(TestPaths.Fixture("agents.json")), PolicyLoader.FromFile(TestPaths.Fixture("policy.json")));
            var m = AllocationMetrics.Of(r);
            Assert.Equal(0.857, m.JainIndex, 3);
            Assert.Equal(0.931, m.WeightedJainIndex, 3);
            Assert.Equal(0.222, m.Gini, 3);
            Assert.Equal(0.148, m.WeightedGini, 3);
            Assert.Equal(2.0, m.WeightedSkewRatio);
            Assert.Equal("mild_imbalance", m.WeightedFairnessLabel);
            Assert.Equal(3.0, m.SkewRatio);
            Assert.Equal("strong_imbalance", m.FairnessLabel);
            Assert.Equal(0.5, m.MaxAbsLag);
            Assert.Equal(new object[] { "agent-a", "agent-b", "agent-c" }, m.Entitlement.Keys.Cast<object>());
            Assert.Equal(new object[] { 1.5, 3.0, 1.5 }, m.Entitlement.Values.Cast<object>());
            Assert.Equal(new object[] { 0.5, 0.0, -0.5 }, m.Lag.Values.Cast<object>());
            Assert.True(m.Entitlement.IsReadOnly);
            Assert.True(m.Lag.IsReadOnly);
            Assert.IsType<double>(m.Lag["agent-a"]);
        }

        [Fact]
        public void Spec_6_6_water_filling_gives_capped_agents_their_cap()
        {
            var agents = new[] { new FairAgent("A", 1, 1), new FairAgent("B", 1), new FairAgent("C", 2) };
            var r = Allocator.Allocate(Enumerable.Range(1, 8).Select(i => new FairTask("t" + i)).ToArray(), agents, Policy);
            Assert.Equal(new[] { 1, 3, 4 }, r.AgentTaskCounts);
            var m = AllocationMetrics.Of(r);
            var e = m.GetEntitlements();
            Assert.Equal(1.0, e[0]);
            Assert.Equal(7.0 / 3, e[1], 12);
            Assert.Equal(14.0 / 3, e[2], 12);
            Assert.Equal(2.0 / 3, m.MaxAbsLag, 12);
        }

        [Fact]
        public void Water_filling_counts_max_share_as_a_limit_and_weight_zero_as_nothing()
        {
            var e = Fairness.Entitlements(new[] { 0, 0, 0, 0 }, new long[] { 1, 1, 0, 2 }, new long[] { 0, long.MaxValue, long.MaxValue, 1 }, 6);
            Assert.Equal(new[] { 0.0, 5.0, 0.0, 1.0 }, e);
        }

        [Fact]
        public void Spec_6_6_no_agents()
        {
            var m = AllocationMetrics.Of(Allocator.Allocate(new[] { new FairTask("t1") }, Array.Empty<FairAgent>(), Policy));
            Assert.Equal((1.0, 1.0, 0.0, 0.0, 0.0, 0.0), (m.JainIndex, m.WeightedJainIndex, m.Gini, m.WeightedGini, m.WeightedSkewRatio, m.MaxAbsLag));
            Assert.Equal("balanced", m.WeightedFairnessLabel);
            Assert.Empty(m.Entitlement);
            Assert.Equal(0.0, m.WaitMean);
        }

        [Fact]
        public void Spec_6_6_no_tasks()
        {
            var m = AllocationMetrics.Of(Allocator.Allocate(Array.Empty<FairTask>(), new[] { new FairAgent("a"), new FairAgent("b", 2) }, Policy));
            Assert.Equal((1.0, 1.0, 0.0, 0.0, 0.0, 0.0), (m.JainIndex, m.WeightedJainIndex, m.Gini, m.WeightedGini, m.WeightedSkewRatio, m.MaxAbsLag));
            Assert.Equal(new object[] { 0.0, 0.0 }, m.Entitlement.Values.Cast<object>());
        }

        [Fact]
        public void Spec_6_6_all_weights_zero()
        {
            var m = AllocationMetrics.Of(Allocator.Allocate(new[] { new FairTask("t1") }, new[] { new FairAgent("a", 0), new FairAgent("b", 0) }, Policy));
            Assert.Equal((1.0, 1.0, 0.0, 0.0, 0.0), (m.JainIndex, m.WeightedJainIndex, m.Gini, m.WeightedGini, m.WeightedSkewRatio));
            Assert.Equal(new object[] { 0.0, 0.0 }, m.Entitlement.Values.Cast<object>());
        }

        [Fact]
        public void Spec_6_6_weighted_skew_with_an_idle_agent_counts_it_as_one_task()
        {
            // counts 4, 0 with weights 2, 1: max 4/2 = 2; min over max(x,1)/w = min(2, 1) = 1 -> 2.0
            var m = AllocationMetrics.FromCounts(new[] { new FairAgent("a", 2), new FairAgent("b", 1) }, new[] { 4, 0 }, 0, Policy);
            Assert.Equal(2.0, m.WeightedSkewRatio);
            Assert.Equal(4.0, m.SkewRatio);
            // weights all 1: the weighted skew is the prototype's skew.
            var plain = AllocationMetrics.FromCounts(new[] { "a", "b", "c" }, new[] { 5, 0, 2 }, 0, "p", 2.0);
            Assert.Equal(plain.SkewRatio, plain.WeightedSkewRatio);
        }

        [Fact]
        public void Jain_and_gini_bounds()
        {
            Assert.Equal(1.0 / 4, Fairness.Jain(new double[] { 0, 0, 0, 7 }), 12);
            Assert.Equal(0.75, Fairness.Gini(new double[] { 0, 0, 0, 7 }), 12);
            Assert.Equal(1.0, Fairness.Jain(new double[] { 3, 3 }));
            Assert.Equal(0.0, Fairness.Gini(new double[] { 3, 3 }));
        }
    }
}
