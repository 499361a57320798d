using System;
using System.Collections.Generic;
using System.Linq;
using FairnessGovernor.Allocation;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.Tests
{
    /// <summary>SPEC.md 6.2 to 6.5: the worked examples of max_bypass, quotas, reasons and explain, waits.</summary>
    public class RuleTests
    {
        private static KeyValuePair<string, int> Quota(string g, int n) => new KeyValuePair<string, int>(g, n);

        [Fact]
        public void Spec_6_2_max_bypass_example()
        {
            var tasks = new[]
            {
                new FairTask("t1", TaskPriority.Low), new FairTask("t2", TaskPriority.High), new FairTask("t3", TaskPriority.High),
                new FairTask("t4", TaskPriority.High), new FairTask("t5", TaskPriority.Normal),
            };
            var agents = new[] { new FairAgent("A") };
            var plain = Allocator.Allocate(tasks, agents, FairnessPolicy.Default);
            Assert.Equal(new[] { "t2", "t3", "t4", "t5", "t1" }, plain.Decisions().Select(d => d.TaskId));
            Assert.Equal(new[] { 0, 0, 0, 0, 4 }, plain.Decisions().Select(d => d.Bypassed));

            var r = Allocator.Allocate(tasks, agents, new FairnessPolicy("p", true, 2.0, FairnessStrategies.WeightedRoundRobin, maxBypass: 2));
            Assert.Equal(new[] { "t2", "t3", "t1", "t4", "t5" }, r.Decisions().Select(d => d.TaskId));
            Assert.Equal(new[] { 0, 0, 2, 0, 0 }, r.Decisions().Select(d => d.Bypassed));
            Assert.Equal(new[] { "rotation", "rotation", "rotation+max_bypass", "rotation", "rotation" }, r.Decisions().Select(d => d.Reason));

            var zero = Allocator.Allocate(tasks, agents, new FairnessPolicy("p", true, 2.0, FairnessStrategies.WeightedRoundRobin, maxBypass: 0));
            Assert.Equal(new[] { "t1", "t2", "t3", "t4", "t5" }, zero.Decisions().Select(d => d.TaskId));
        }

        private static (FairTask[] Tasks, FairAgent[] Agents, FairnessPolicy Policy) QuotaExample()
        {
            var tasks = Enumerable.Range(1, 8).Select(i => new FairTask("t" + i, TaskPriority.Normal, i <= 4 ? "batch" : null)).ToArray();
            var agents = new[] { new FairAgent("A", 1, null, 0.25), new FairAgent("B", 1, 3) };
            var policy = new FairnessPolicy("p", false, 2.0, FairnessStrategies.WeightedRoundRobin, null, new[] { Quota("batch", 2) });
            return (tasks, agents, policy);
        }

        [Fact]
        public void Spec_6_3_quota_example()
        {
            var (tasks, agents, policy) = QuotaExample();
            var r = Allocator.Allocate(tasks, agents, policy);
            Assert.Equal(new string?[] { "A", "B", null, null, "A", "B", "B", null }, r.Decisions().Select(d => d.AgentId));
            Assert.Equal(new[] { "rotation", "rotation", "group_quota", "group_quota", "rotation", "rotation", "rotation", "capacity+max_share" }, r.Decisions().Select(d => d.Reason));
            Assert.Equal(new[] { 2, 3 }, r.AgentTaskCounts);
            Assert.All(r.Decisions(), d => Assert.Null(d.Skipped));
        }

        [Fact]
        public void Spec_6_4_explain_example()
        {
            var (tasks, agents, policy) = QuotaExample();
            var r = Allocator.Allocate(tasks, agents, policy, new AllocationOptions { Explain = true });
            Assert.True(r.Explained);
            var skipped = r.Decisions().Select(d => string.Join(", ", d.Skipped!)).ToArray();
            Assert.Equal(new[] { "", "", "group 'batch': group_quota", "group 'batch': group_quota", "", "", "A: max_share", "A: max_share, B: capacity" }, skipped);
            // Explain never changes a decision.
            Assert.Equal(Allocator.Allocate(tasks, agents, policy).Decisions().Select(d => d.AgentId), r.Decisions().Select(d => d.AgentId));
        }

        [Fact]
        public void Spec_6_4_skipped_text_joins_the_entries()
        {
            var (tasks, agents, policy) = QuotaExample();
            var r = Allocator.Allocate(tasks, agents, policy, new AllocationOptions { Explain = true });
            // ToString (what Export-Csv writes) joins with "; "; empty lists give the empty string.
            Assert.Equal(new[] { "", "", "group 'batch': group_quota", "group 'batch': group_quota", "", "", "A: max_share", "A: max_share; B: capacity" },
                r.Decisions().Select(d => d.Skipped!.ToString()));
            // Still a read-only list of strings: counted, indexed, enumerated, never changed.
            var t8 = r.GetDecision(7).Skipped!;
            Assert.Equal(2, t8.Count);
            Assert.Equal("B: capacity", t8[1]);
            Assert.Contains("A: max_share", t8);
            Assert.IsAssignableFrom<IReadOnlyList<string>>(t8);
            Assert.True(((ICollection<string>)t8).IsReadOnly);
            Assert.Throws<NotSupportedException>(() => ((IList<string>)t8).Add("x"));
            Assert.Same(t8, r.SkippedAt(7));
            Assert.Equal("", SkippedList.Empty.ToString());
            // A stream explains the same way.
            var stream = new AllocationStream(new[] { new FairAgent("A", 1, 1), new FairAgent("B", 1, 2) }, FairnessPolicy.Default, new AllocationStreamOptions { Explain = true });
            var streamed = new[] { "w", "x", "y", "z" }.SelectMany(id => stream.Add(new FairTask(id))).Select(d => d.Skipped!.ToString());
            Assert.Equal(new[] { "", "", "A: capacity", "A: capacity; B: capacity" }, streamed);
        }

        [Fact]
        public void Spec_6_4_explain_for_smooth_wrr_and_lag_bounded()
        {
            var agents = new[] { new FairAgent("A", 1), new FairAgent("B", 2, 1), new FairAgent("C", 1) };
            var tasks = Enumerable.Range(1, 3).Select(i => new FairTask("t" + i)).ToArray();
            var opt = new AllocationOptions { Explain = true };
            var s = Allocator.Allocate(tasks, agents, new FairnessPolicy("p", true, 2.0, FairnessStrategies.SmoothWeightedRoundRobin), opt);
            Assert.Equal(new[] { "A: lower_current_weight", "C: lower_current_weight" }, s.GetDecision(0).Skipped);
            Assert.Equal(new[] { "B: capacity", "C: lower_current_weight" }, s.GetDecision(1).Skipped);
            var l = Allocator.Allocate(tasks, new[] { new FairAgent("A", 1), new FairAgent("B", 4), new FairAgent("C", 4) },
                new FairnessPolicy("p", true, 2.0, FairnessStrategies.LagBounded), opt);
            // k=1: delta = 1/4; A's lag 1/9 < 1/4 is not eligible; C (eligible) has a later deadline than B by index.
            Assert.Equal(new[] { "A: not_eligible", "C: later_deadline" }, l.GetDecision(0).Skipped);
        }

        [Fact]
        public void Spec_6_4_no_agents_reason()
        {
            var tasks = new[] { new FairTask("t1") };
            Assert.Equal("no_agents", Allocator.Allocate(tasks, Array.Empty<FairAgent>(), FairnessPolicy.Default).GetDecision(0).Reason);
            Assert.Equal("no_agents", Allocator.Allocate(tasks, new[] { new FairAgent("z", 0) }, FairnessPolicy.Default).GetDecision(0).Reason);
            Assert.Equal("capacity", Allocator.Allocate(tasks, new[] { new FairAgent("a", 1, 0) }, FairnessPolicy.Default).GetDecision(0).Reason);
            var empty = Allocator.Allocate(tasks, Array.Empty<FairAgent>(), FairnessPolicy.Default, new AllocationOptions { Explain = true });
            Assert.Empty(empty.GetDecision(0).Skipped!);
        }

        [Fact]
        public void Spec_6_5_wait_example()
        {
            var tasks = new[]
            {
                new FairTask("t1", TaskPriority.Normal, null, 2, 0), new FairTask("t2", TaskPriority.Normal, null, 1, 0),
                new FairTask("t3", TaskPriority.Normal, null, 1, 5), new FairTask("t4", TaskPriority.High, null, 1, 1),
            };
            var r = Allocator.Allocate(tasks, new[] { new FairAgent("A") }, FairnessPolicy.Default);
            Assert.Equal(new[] { "t4", "t1", "t2", "t3" }, r.Decisions().Select(d => d.TaskId));
            Assert.Equal(new double?[] { 0, 2, 4, 0 }, r.Decisions().Select(d => d.Wait));
            var m = AllocationMetrics.Of(r);
            Assert.Equal(1.5, m.WaitMean);
            Assert.Equal(0.0, m.WaitP50);
            Assert.Equal(4.0, m.WaitP95);
            Assert.Equal(4.0, m.WaitMax);
            var normal = (WaitStatistics)m.GetWaitByPriority()["normal"]!;
            Assert.Equal((3, 2.0, 2.0, 4.0, 4.0), (normal.Count, normal.Mean, normal.P50, normal.P95, normal.Max));
            var high = (WaitStatistics)m.GetWaitByPriority()["high"]!;
            Assert.Equal((1, 0.0), (high.Count, high.Max));
            var low = (WaitStatistics)m.GetWaitByPriority()["low"]!;
            Assert.Equal((0, 0.0, 0.0), (low.Count, low.Mean, low.P95));
            Assert.Equal(new object[] { "high", "normal", "low" }, m.GetWaitByPriority().Keys.Cast<object>());
            Assert.True(m.GetWaitByPriority().IsReadOnly);
            Assert.Equal(new object[] { 0.0, 2.0, 0.0 }, m.WaitMeanByPriority.Values.Cast<object>());
            Assert.Equal(new object[] { 0.0, 4.0, 0.0 }, m.WaitMaxByPriority.Values.Cast<object>());
            Assert.Equal(new object[] { "high", "normal", "low" }, m.WaitP95ByPriority.Keys.Cast<object>());
        }

        [Fact]
        public void Spec_6_5_unassigned_tasks_have_no_wait()
        {
            var r = Allocator.Allocate(new[] { new FairTask("t1"), new FairTask("t2") }, new[] { new FairAgent("A", 1, 1) }, FairnessPolicy.Default);
            Assert.Equal(new double?[] { 0, null }, r.Decisions().Select(d => d.Wait));
        }

        [Fact]
        public void Nearest_rank_percentiles()
        {
            var v = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();
            Assert.Equal(10, WaitStatistics.NearestRank(v, 50));
            Assert.Equal(19, WaitStatistics.NearestRank(v, 95));
            Assert.Equal(1, WaitStatistics.NearestRank(new[] { 1.0 }, 95));
            Assert.Equal(0, WaitStatistics.NearestRank(Array.Empty<double>(), 50));
        }

        [Fact]
        public void Sample_under_the_default_policy_reports_reasons_bypasses_and_waits()
        {
            var r = Allocator.Allocate(TaskLoader.FromFile(TestPaths.Fixture("tasks.json")), AgentLoader.FromFile(TestPaths.Fixture("agents.json")), PolicyLoader.FromFile(TestPaths.Fixture("policy.json")));
            Assert.All(r.Decisions(), d => Assert.Equal("rotation", d.Reason));
            Assert.Equal(new[] { 0, 0, 2, 1, 0, 2 }, r.Decisions().Select(d => d.Bypassed));
            Assert.Equal(new double?[] { 0, 0, 1, 0, 1, 2 }, r.Decisions().Select(d => d.Wait));
            Assert.All(r.Decisions(), d => Assert.Null(d.Skipped));
            var m = AllocationMetrics.Of(r);
            Assert.Equal(4.0 / 6, m.WaitMean, 12);
            Assert.Equal((0.0, 2.0, 2.0), (m.WaitP50, m.WaitP95, m.WaitMax));
        }

        [Fact]
        public void Max_share_is_floor_of_share_times_task_count()
        {
            // In binary floating point 0.29 * 100 is 28.999999999999996; SPEC 6.3 multiplies in decimal.
            Assert.Equal(29, new FairAgent("a", 1, null, 0.29).ShareLimit(100));
            Assert.Equal(2, new FairAgent("a", 1, null, 0.25).ShareLimit(8));
            Assert.Equal(0, new FairAgent("a", 1, null, 0.25).ShareLimit(3));
            Assert.Equal(long.MaxValue, new FairAgent("a").ShareLimit(3));
        }
    }
}
