using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.Tests
{
    public class AllocatorTests
    {
        private static FairTask[] Tasks(int n, TaskPriority p = TaskPriority.Normal) => Enumerable.Range(1, n).Select(i => new FairTask("t" + i, p)).ToArray();

        private static readonly FairnessPolicy Policy = new FairnessPolicy("p", true, 2.0);

        [Fact]
        public void Zero_weight_agents_get_nothing_but_are_counted()
        {
            var agents = new[] { new FairAgent("a", 1), new FairAgent("z", 0), new FairAgent("b", 1) };
            var r = Allocator.Allocate(Tasks(4), agents, Policy);
            Assert.Equal(new[] { "a", "b", "a", "b" }, r.Decisions().Select(d => d.AgentId));
            var m = AllocationMetrics.Of(r);
            Assert.Equal(new[] { 2, 0, 2 }, m.TaskCounts);
            Assert.Equal(0, m.MinTasks);
            Assert.Equal(2.0, m.SkewRatio); // max / max(1, 0)
        }

        [Fact]
        public void Zero_capacity_agents_are_skipped()
        {
            var agents = new[] { new FairAgent("a", 3, 0), new FairAgent("b", 1) };
            var r = Allocator.Allocate(Tasks(3), agents, Policy);
            Assert.All(r.Decisions(), d => Assert.Equal("b", d.AgentId));
        }

        [Fact]
        public void No_agents_leaves_every_task_unassigned()
        {
            var r = Allocator.Allocate(Tasks(3), Array.Empty<FairAgent>(), Policy);
            Assert.All(r.Decisions(), d => Assert.Equal(DecisionStatus.Unassigned, d.Status));
            var m = AllocationMetrics.Of(r);
            Assert.Equal(0, m.MaxTasks);
            Assert.Equal(0, m.MinTasks);
            Assert.Equal(0.0, m.SkewRatio);
            Assert.Equal("balanced", m.FairnessLabel);
            Assert.Equal(3, m.UnassignedCount);
            Assert.Equal(0, m.AgentCount);
        }

        [Fact]
        public void No_tasks_gives_zero_counts_and_balanced()
        {
            var r = Allocator.Allocate(Array.Empty<FairTask>(), new[] { new FairAgent("a"), new FairAgent("b", 2) }, Policy);
            Assert.Equal(0, r.Count);
            var m = AllocationMetrics.Of(r);
            Assert.Equal(new[] { 0, 0 }, m.TaskCounts);
            Assert.Equal(0.0, m.SkewRatio);
            Assert.Equal("balanced", m.FairnessLabel);
        }

        [Fact]
        public void All_agents_full_leaves_the_rest_unassigned()
        {
            var agents = new[] { new FairAgent("a", 1, 1), new FairAgent("b", 1, 1) };
            var r = Allocator.Allocate(Tasks(5), agents, Policy);
            Assert.Equal(new string?[] { "a", "b", null, null, null }, r.Decisions().Select(d => d.AgentId));
            Assert.Equal(3, r.UnassignedCount);
        }

        [Theory]
        [InlineData(1.0, 2.0, "balanced")]
        [InlineData(1.5, 2.0, "balanced")]
        [InlineData(1.5000001, 2.0, "mild_imbalance")]
        [InlineData(2.0, 2.0, "mild_imbalance")]
        [InlineData(2.0000001, 2.0, "strong_imbalance")]
        [InlineData(1.4, 1.2, "balanced")]
        [InlineData(1.6, 1.2, "strong_imbalance")]
        public void Label_boundaries(double skew, double max, string label) => Assert.Equal(label, FairnessLabels.For(skew, max));

        [Fact]
        public void Large_weights_do_not_materialise_the_rotation()
        {
            var agents = new[] { new FairAgent("a", 1_000_000), new FairAgent("b", 1_000_000), new FairAgent("c", int.MaxValue) };
            var r = Allocator.Allocate(Tasks(2_500_000), agents, Policy);
            Assert.Equal(new[] { 1_000_000, 1_000_000, 500_000 }, r.AgentTaskCounts);
            Assert.Equal("a", r.GetDecision(999_999).AgentId);
            Assert.Equal("b", r.GetDecision(1_000_000).AgentId);
        }

        [Fact]
        public void Priority_sort_is_stable_within_a_level()
        {
            var tasks = new[] { new FairTask("l1", TaskPriority.Low), new FairTask("n1"), new FairTask("h1", TaskPriority.High), new FairTask("n2"), new FairTask("h2", TaskPriority.High), new FairTask("l2", TaskPriority.Low) };
            var r = Allocator.Allocate(tasks, new[] { new FairAgent("a") }, Policy);
            Assert.Equal(new[] { "h1", "h2", "n1", "n2", "l1", "l2" }, r.Decisions().Select(d => d.TaskId));
        }

        /// <summary>The prototype's rules written plainly: a materialised rotation and a scanning pointer.</summary>
        internal static string?[] Reference(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, bool respectPriority)
        {
            var ordered = respectPriority ? tasks.Select((t, i) => (t, i)).OrderBy(x => (int)x.t.Level).ThenBy(x => x.i).Select(x => x.t).ToList() : tasks.ToList();
            var rotation = new List<int>();
            for (int i = 0; i < agents.Count; i++) for (int k = 0; k < agents[i].Weight; k++) rotation.Add(i);
            var counts = new int[agents.Count];
            int ptr = 0;
            var result = new string?[ordered.Count];
            for (int t = 0; t < ordered.Count; t++)
            {
                result[t] = null;
                for (int step = 0; step < rotation.Count; step++)
                {
                    int a = rotation[ptr % rotation.Count];
                    ptr++;
                    if (agents[a].Capacity is int cap && counts[a] >= cap) continue;
                    counts[a]++;
                    result[t] = agents[a].Id;
                    break;
                }
            }
            return result;
        }

        [Fact]
        public void Matches_the_plain_reference_rules_on_random_inputs()
        {
            var genAgent = Gen.Select(Gen.Int[0, 4], Gen.Int[-1, 6]);
            var gen = Gen.Select(genAgent.Array[0, 7], Gen.Int[0, 2].Array[0, 40], Gen.Bool);
            gen.Sample((agentSpecs, priorities, respect) =>
            {
                var agents = agentSpecs.Select((s, i) => new FairAgent("a" + i, s.Item1, s.Item2 < 0 ? null : s.Item2)).ToArray();
                var tasks = priorities.Select((p, i) => new FairTask("t" + i, (TaskPriority)p)).ToArray();
                var r = Allocator.Allocate(tasks, agents, new FairnessPolicy("p", respect, 2.0));
                var expected = Reference(tasks, agents, respect);
                Assert.Equal(expected, r.Decisions().Select(d => d.AgentId).ToArray());
                for (int i = 0; i < agents.Length; i++)
                    if (agents[i].Capacity is int cap) Assert.True(r.AgentTaskCounts[i] <= cap);
                Assert.Equal(tasks.Length, r.Count);
                Assert.Equal(tasks.Select(t => t.Id).OrderBy(x => x, StringComparer.Ordinal), r.Decisions().Select(d => d.TaskId).OrderBy(x => x, StringComparer.Ordinal));
            }, iter: 3000);
        }
    }
}
