using System.Linq;
using System.Text;
using System.Text.Json;
using FairnessGovernor.Allocation;
using FairnessGovernor.Input;
using FairnessGovernor.Model;

namespace FairnessGovernor.Tests
{
    /// <summary>SPEC.md 1.3 to 1.5 and 1.7: the keys of section 6, their defaults, errors and canonical form.</summary>
    public class NewKeyValidationTests
    {
        private static FairnessInputException Fail(ValidationTests.Kind kind, string fileName, string content, string errorId, string field)
        {
            using var dir = new ScratchFolder();
            var path = dir.Write(fileName, content);
            var ex = Assert.Throws<FairnessInputException>(() =>
            {
                switch (kind)
                {
                    case ValidationTests.Kind.Tasks: TaskLoader.FromFile(path); break;
                    case ValidationTests.Kind.Agents: AgentLoader.FromFile(path); break;
                    default: PolicyLoader.FromFile(path); break;
                }
            });
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(field, ex.Field);
            Assert.StartsWith(path, ex.Message);
            Assert.Contains("'" + field + "'", ex.Message);
            return ex;
        }

        [Fact]
        public void InvalidStrategy()
        {
            var ex = Fail(ValidationTests.Kind.Policy, "p.json", "{\"strategy\": \"fastest\"}", "InvalidStrategy", "strategy");
            Assert.Contains("weighted_round_robin, smooth_weighted_round_robin, lag_bounded", ex.Message);
            Fail(ValidationTests.Kind.Policy, "p.yaml", "strategy: 3\n", "InvalidStrategy", "strategy");
        }

        [Fact]
        public void InvalidMaxBypass()
        {
            Fail(ValidationTests.Kind.Policy, "p.json", "{\"max_bypass\": -1}", "InvalidMaxBypass", "max_bypass");
            Fail(ValidationTests.Kind.Policy, "p.json", "{\"max_bypass\": 1.5}", "InvalidMaxBypass", "max_bypass");
        }

        [Fact]
        public void InvalidMaxShare()
        {
            Fail(ValidationTests.Kind.Agents, "a.json", "[{\"id\": \"a\", \"max_share\": 1.5}]", "InvalidMaxShare", "max_share");
            Fail(ValidationTests.Kind.Agents, "a.yaml", "- id: a\n  max_share: .nan\n", "InvalidMaxShare", "max_share");
        }

        [Fact]
        public void InvalidGroup()
        {
            Fail(ValidationTests.Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"group\": 7}]", "InvalidGroup", "group");
            Fail(ValidationTests.Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"group\": \"  \"}]", "InvalidGroup", "group");
        }

        [Fact]
        public void InvalidGroupQuotas()
        {
            Fail(ValidationTests.Kind.Policy, "p.json", "{\"group_quotas\": [1]}", "InvalidGroupQuotas", "group_quotas");
            var ex = Fail(ValidationTests.Kind.Policy, "p.yaml", "group_quotas:\n  batch: -2\n", "InvalidGroupQuotas", "group_quotas");
            Assert.Contains("group 'batch'", ex.Message);
            Assert.Equal(2, ex.Line);
        }

        [Fact]
        public void InvalidDuration()
        {
            Fail(ValidationTests.Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"duration\": 0}]", "InvalidDuration", "duration");
            Fail(ValidationTests.Kind.Tasks, "t.yaml", "- id: t1\n  duration: .inf\n", "InvalidDuration", "duration");
        }

        [Fact]
        public void InvalidArrival()
        {
            Fail(ValidationTests.Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"arrival\": -1}]", "InvalidArrival", "arrival");
            Fail(ValidationTests.Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"arrival\": \"soon\"}]", "InvalidArrival", "arrival");
        }

        [Fact]
        public void New_keys_load_with_their_defaults_and_values()
        {
            using var dir = new ScratchFolder();
            var tasks = TaskLoader.FromFile(dir.Write("t.yaml", "- id: t1\n- {id: t2, group: batch, duration: 2.5, arrival: 3}\n"));
            Assert.Equal((null, 1.0, 0.0), (tasks[0].Group, tasks[0].Duration, tasks[0].Arrival));
            Assert.Equal(("batch", 2.5, 3.0), (tasks[1].Group, tasks[1].Duration, tasks[1].Arrival));
            var agents = AgentLoader.FromFile(dir.Write("a.json", "[{\"id\": \"a\"}, {\"id\": \"b\", \"max_share\": 0.5}]"));
            Assert.Equal(new double?[] { null, 0.5 }, agents.Select(a => a.MaxShare));
            var policy = PolicyLoader.FromFile(dir.Write("p.json", "{}"));
            Assert.Equal((FairnessStrategies.WeightedRoundRobin, (int?)null, 0), (policy.Strategy, policy.MaxBypass, policy.GroupQuotas.Count));
            var full = PolicyLoader.FromFile(dir.Write("p.yaml", "strategy: SMOOTH_weighted_round_robin\nmax_bypass: 3\ngroup_quotas: {zeta: 1, batch: 0}\n"));
            Assert.Equal((FairnessStrategies.SmoothWeightedRoundRobin, (int?)3), (full.Strategy, full.MaxBypass));
            Assert.Equal(new object[] { "batch", "zeta" }, full.GroupQuotas.Keys.Cast<object>());
            Assert.Equal(0, full.GetGroupQuota("batch"));
            Assert.Null(full.GetGroupQuota("other"));
        }

        private static string Canonical(System.Action<Utf8JsonWriter> write)
        {
            using var ms = new System.IO.MemoryStream();
            using (var w = new Utf8JsonWriter(ms)) write(w);
            return Encoding.UTF8.GetString(ms.ToArray());
        }

        [Fact]
        public void Spec_4_2_canonical_form_writes_every_new_key_with_its_default()
        {
            Assert.Equal("[{\"id\":\"t1\",\"priority\":\"normal\",\"group\":null,\"duration\":1.0,\"arrival\":0.0},{\"id\":\"t2\",\"priority\":\"high\",\"group\":\"batch\",\"duration\":2.5,\"arrival\":3.0}]",
                Canonical(w => CanonicalInput.WriteTasks(w, new[] { new FairTask("t1"), new FairTask("t2", TaskPriority.High, "batch", 2.5, 3) })));
            Assert.Equal("[{\"id\":\"a\",\"weight\":1,\"capacity\":null,\"max_share\":null},{\"id\":\"b\",\"weight\":2,\"capacity\":3,\"max_share\":0.5}]",
                Canonical(w => CanonicalInput.WriteAgents(w, new[] { new FairAgent("a"), new FairAgent("b", 2, 3, 0.5) })));
            Assert.Equal("{\"policy_id\":\"default\",\"respect_priority\":true,\"max_skew_ratio\":2.0,\"strategy\":\"weighted_round_robin\",\"max_bypass\":null,\"group_quotas\":{}}",
                Canonical(w => CanonicalInput.WritePolicy(w, FairnessPolicy.Default)));
            var p = new FairnessPolicy("p", false, 3, FairnessStrategies.LagBounded, 2, new[] { new System.Collections.Generic.KeyValuePair<string, int>("z", 1), new System.Collections.Generic.KeyValuePair<string, int>("b", 4) });
            Assert.Equal("{\"policy_id\":\"p\",\"respect_priority\":false,\"max_skew_ratio\":3.0,\"strategy\":\"lag_bounded\",\"max_bypass\":2,\"group_quotas\":{\"b\":4,\"z\":1}}",
                Canonical(w => CanonicalInput.WritePolicy(w, p)));
            // A key written out at its default digests like the key left out.
            Assert.Equal(CanonicalInput.PolicyDigest(FairnessPolicy.Default), CanonicalInput.PolicyDigest(new FairnessPolicy("default", true, 2.0, "weighted_round_robin", null, null)));
            Assert.NotEqual(CanonicalInput.PolicyDigest(FairnessPolicy.Default), CanonicalInput.PolicyDigest(new FairnessPolicy("default", true, 2.0, "lag_bounded")));
        }
    }
}
