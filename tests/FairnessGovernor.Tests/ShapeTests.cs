using System;
using System.Collections.Specialized;
using System.Linq;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;

namespace FairnessGovernor.Tests
{
    /// <summary>SPEC.md 2.3 and 6.6: output objects stay flat enough for ConvertTo-Json and Export-Csv.</summary>
    public class ShapeTests
    {
        [Fact]
        public void Decision_properties_are_primitives_strings_nullable_numbers_or_a_string_list()
        {
            var allowed = new[] { typeof(string), typeof(int), typeof(double?), typeof(SkippedList) };
            foreach (var p in typeof(AllocationDecision).GetProperties())
                Assert.True(allowed.Contains(p.PropertyType), p.Name + " is " + p.PropertyType);
            Assert.Equal(new[] { "Sequence", "TaskId", "AgentId", "Status", "Priority", "Group", "Reason", "Bypassed", "Wait", "Skipped", "PolicyId", "RunId" },
                typeof(AllocationDecision).GetProperties().Select(p => p.Name));
            // Skipped is a read-only list of strings (JSON: an array) with nothing but Count and the indexer.
            Assert.True(typeof(SkippedList).IsSealed);
            Assert.True(typeof(System.Collections.Generic.IReadOnlyList<string>).IsAssignableFrom(typeof(SkippedList)));
            Assert.Equal(new[] { "Count", "Item" }, typeof(SkippedList).GetProperties().Where(p => p.GetMethod!.IsPublic && !p.GetMethod.IsStatic).Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Exported_text_of_dictionaries_and_extra_metrics_is_their_entries()
        {
            // SPEC 8.7: Export-Csv writes a property's ToString(); issue 22 item 11 saw type names there.
            var m = AllocationMetrics.Of(Allocator.Allocate(new[] { new Model.FairTask("t1"), new Model.FairTask("t2") },
                new[] { new Model.FairAgent("a", 1), new Model.FairAgent("b", 3) }, Model.FairnessPolicy.Default));
            Assert.Equal("a=1; b=1", m.TaskCountPerAgent.ToString());
            Assert.Equal("a=0.5; b=1.5", m.Entitlement.ToString());
            Assert.Equal("high=0.0; normal=0.0; low=0.0", m.WaitMeanByPriority.ToString());
            Assert.True(m.Lag.IsReadOnly);
            Assert.Equal(-0.5, m.Lag["b"]);
            Assert.Throws<NotSupportedException>(() => ((System.Collections.IDictionary)m.Lag).Add("c", 1.0));
            var entry = Evidence.EvidenceEntry.For(Allocator.Allocate(new[] { new Model.FairTask("t") }, new[] { new Model.FairAgent("a") }, Model.FairnessPolicy.Default),
                new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567), new[] { new Evidence.EvidenceMetric("gini", 0.25), new Evidence.EvidenceMetric("jain_index", 1) });
            Assert.Equal("gini=0.25; jain_index=1.0", entry.ExtraMetrics.ToString());
            Assert.Equal(0.25, ((System.Collections.IDictionary)entry.ExtraMetrics)["gini"]);
            Assert.Equal(new[] { "gini", "jain_index" }, entry.ExtraMetrics.Select(x => x.Name));
            Assert.Equal("2026-01-02T03:04:05.123456Z", entry.TimestampText);
        }

        [Fact]
        public void An_empty_run_is_its_id_policy_and_counts()
        {
            // SPEC 1.8: what Invoke-FairAllocation emits for a run without tasks.
            Assert.Equal(new[] { "RunId", "PolicyId", "AgentCount", "TaskCount" }, typeof(EmptyRun).GetProperties().Select(p => p.Name));
            var run = Allocator.Allocate(new Model.FairTask[0], new[] { new Model.FairAgent("a") }, Model.FairnessPolicy.Default);
            var empty = new EmptyRun(run);
            Assert.Equal(run.RunId, empty.RunId);
            Assert.Same(run, empty.GetRun());
            Assert.Equal(1, empty.AgentCount);
            Assert.Throws<ArgumentException>(() => new EmptyRun(Allocator.Allocate(new[] { new Model.FairTask("t") }, new Model.FairAgent[0], Model.FairnessPolicy.Default)));
        }

        [Fact]
        public void Metric_properties_are_numbers_strings_ordered_dictionaries_or_wait_statistics()
        {
            // Per-agent and per-priority values are NamedValues: dictionaries whose text is their entries (Export-Csv, SPEC 8.7).
            var allowed = new[] { typeof(string), typeof(int), typeof(double), typeof(NamedValues), typeof(WaitStatistics) };
            foreach (var p in typeof(AllocationMetrics).GetProperties())
                Assert.True(allowed.Contains(p.PropertyType), p.Name + " is " + p.PropertyType);
            foreach (var p in typeof(WaitStatistics).GetProperties())
                Assert.True(p.PropertyType == typeof(int) || p.PropertyType == typeof(double), p.Name);
        }
    }
}
