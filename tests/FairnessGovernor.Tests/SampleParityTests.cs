using System.Linq;
using FairnessGovernor.Allocation;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;
using FairnessGovernor.Output;

namespace FairnessGovernor.Tests
{
    public class SampleParityTests
    {
        private static readonly (string Task, string Agent)[] SampleAllocation =
        {
            ("t2", "agent-a"), ("t5", "agent-b"), ("t1", "agent-b"), ("t3", "agent-c"), ("t6", "agent-a"), ("t4", "agent-b"),
        };

        private static AllocationResult Run(string tasks, string agents, string policy) =>
            Allocator.Allocate(TaskLoader.FromFile(TestPaths.Fixture(tasks)), AgentLoader.FromFile(TestPaths.Fixture(agents)), PolicyLoader.FromFile(TestPaths.Fixture(policy)));

        [Theory]
        [InlineData("tasks.json", "agents.json", "policy.json")]
        [InlineData("tasks.yaml", "agents.yaml", "policy.yaml")]
        [InlineData("tasks.yaml", "agents.json", "policy.yaml")]
        public void Fixtures_reproduce_the_prototype_sample(string tasks, string agents, string policy)
        {
            var result = Run(tasks, agents, policy);
            var pairs = result.Decisions().Select(d => (d.TaskId, d.AgentId!)).ToArray();
            Assert.Equal(SampleAllocation, pairs);
            var m = AllocationMetrics.Of(result);
            Assert.Equal(new[] { "agent-a", "agent-b", "agent-c" }, m.AgentIds);
            Assert.Equal(new[] { 2, 3, 1 }, m.TaskCounts);
            Assert.Equal(new object[] { "agent-a", "agent-b", "agent-c" }, m.TaskCountPerAgent.Keys.Cast<object>());
            Assert.Equal(new object[] { 2, 3, 1 }, m.TaskCountPerAgent.Values.Cast<object>());
            Assert.True(m.TaskCountPerAgent.IsReadOnly);
            Assert.Equal(3, m.MaxTasks);
            Assert.Equal(1, m.MinTasks);
            Assert.Equal(3.0, m.SkewRatio);
            Assert.Equal("strong_imbalance", m.FairnessLabel);
            Assert.Equal(0, m.UnassignedCount);
        }

        [Fact]
        public void Output_document_matches_the_prototype_format()
        {
            var result = Run("tasks.json", "agents.json", "policy.json");
            var text = AllocationDocument.ToText(result, AllocationMetrics.Of(result));
            const string expected = "{\n" +
                "  \"allocation\": [\n" +
                "    {\n      \"task_id\": \"t2\",\n      \"agent_id\": \"agent-a\"\n    },\n" +
                "    {\n      \"task_id\": \"t5\",\n      \"agent_id\": \"agent-b\"\n    },\n" +
                "    {\n      \"task_id\": \"t1\",\n      \"agent_id\": \"agent-b\"\n    },\n" +
                "    {\n      \"task_id\": \"t3\",\n      \"agent_id\": \"agent-c\"\n    },\n" +
                "    {\n      \"task_id\": \"t6\",\n      \"agent_id\": \"agent-a\"\n    },\n" +
                "    {\n      \"task_id\": \"t4\",\n      \"agent_id\": \"agent-b\"\n    }\n" +
                "  ],\n" +
                "  \"unassigned\": [],\n" +
                "  \"metrics\": {\n" +
                "    \"task_count_per_agent\": {\n      \"agent-a\": 2,\n      \"agent-b\": 3,\n      \"agent-c\": 1\n    },\n" +
                "    \"max_tasks\": 3,\n    \"min_tasks\": 1,\n    \"skew_ratio\": 3.0,\n    \"fairness_label\": \"strong_imbalance\",\n    \"unassigned_count\": 0\n" +
                "  }\n" +
                "}\n";
            Assert.Equal(expected, text.Replace("\r\n", "\n"));
        }

        [Fact]
        public void Capacity_fixture_skips_full_agents_and_leaves_the_rest_unassigned()
        {
            var result = Run("tasks.json", "agents_with_capacity.json", "policy.json");
            var pairs = result.Decisions().Select(d => (d.TaskId, d.AgentId)).ToArray();
            Assert.Equal(new (string, string?)[] { ("t2", "agent-a"), ("t5", "agent-b"), ("t1", "agent-b"), ("t3", "agent-c"), ("t6", "agent-c"), ("t4", null) }, pairs);
            var m = AllocationMetrics.Of(result);
            Assert.Equal(new[] { 1, 2, 2 }, m.TaskCounts);
            Assert.Equal(2.0, m.SkewRatio);
            Assert.Equal("mild_imbalance", m.FairnessLabel);
            Assert.Equal(1, m.UnassignedCount);
            Assert.Equal("Unassigned", result.GetDecision(5).Status);
        }

        [Fact]
        public void Priority_off_dispatches_in_input_order()
        {
            var result = Run("tasks.json", "agents.json", "policy_no_priority.json");
            var pairs = result.Decisions().Select(d => (d.TaskId, d.AgentId!)).ToArray();
            Assert.Equal(new[] { ("t1", "agent-a"), ("t2", "agent-b"), ("t3", "agent-b"), ("t4", "agent-c"), ("t5", "agent-a"), ("t6", "agent-b") }, pairs);
        }

        [Fact]
        public void Same_input_gives_identical_output_bytes()
        {
            var a = Run("tasks.json", "agents.json", "policy.json");
            var b = Run("tasks.yaml", "agents.yaml", "policy.yaml");
            Assert.Equal(AllocationDocument.ToText(a, AllocationMetrics.Of(a)), AllocationDocument.ToText(b, AllocationMetrics.Of(b)));
            Assert.Equal(a.RunId, b.RunId);
            Assert.Equal(16, a.RunId.Length);
            Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, a.Decisions().Select(d => d.Sequence));
            Assert.All(a.Decisions(), d => Assert.Equal("priority-weighted-rr", d.PolicyId));
        }
    }
}
