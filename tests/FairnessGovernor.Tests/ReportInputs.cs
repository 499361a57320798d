using System;
using System.Collections.Generic;
using System.IO;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;
using FairnessGovernor.Report;
using FairnessGovernor.State;

namespace FairnessGovernor.Tests
{
    /// <summary>The three reports of issue 21 (the fixture run, a 20-run evidence history, a 1M-decision run), made by the engine.</summary>
    internal static class ReportInputs
    {
        public static readonly DateTime GeneratedAt = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

        public static AllocationResult FixtureRun() =>
            Allocator.Allocate(TaskLoader.FromFile(TestPaths.Fixture("tasks.json")), AgentLoader.FromFile(TestPaths.Fixture("agents.json")), PolicyLoader.FromFile(TestPaths.Fixture("policy.json")));

        public static byte[] Bytes(FairnessReport report)
        {
            using var m = new MemoryStream();
            report.Write(m);
            return m.ToArray();
        }

        public static FairnessReport FixtureReport()
        {
            var report = new FairnessReport(null, GeneratedAt);
            report.AddRun(RunFigures.Of(FixtureRun()));
            return report;
        }

        /// <summary>20 varied runs (task counts, capacities, strategies) carried in one governor and logged one hour apart.</summary>
        public static FairnessReport HistoryReport(string folder)
        {
            var log = Path.Combine(folder, "evidence.jsonl");
            var governor = new Governor();
            string[] strategies = { FairnessStrategies.WeightedRoundRobin, FairnessStrategies.SmoothWeightedRoundRobin, FairnessStrategies.LagBounded };
            for (int r = 0; r < 20; r++)
            {
                var tasks = new List<FairTask>();
                for (int t = 0; t < 12 + 5 * r; t++) tasks.Add(new FairTask("r" + r + "-t" + t, t % 4 == 0 ? TaskPriority.High : t % 3 == 0 ? TaskPriority.Low : TaskPriority.Normal, null, 1 + t % 3, t / 4.0));
                var agents = new[] { new FairAgent("agent-a", 1), new FairAgent("agent-b", 2), new FairAgent("agent-c", 1, 3 + r % 6), new FairAgent("agent-d", 3, r % 4 == 0 ? 2 : (int?)null) };
                var policy = new FairnessPolicy("nightly", true, 2.0, strategies[r % 3 == 2 ? 2 : 1]);
                var run = governor.Allocate(tasks, agents, policy);
                var metrics = AllocationMetrics.Of(run);
                EvidenceLog.Append(log, EvidenceEntry.For(run, metrics, GeneratedAt.AddDays(-1).AddHours(r), EvidenceEntry.WeightAwareMetrics(metrics)));
            }
            var report = new FairnessReport("Nightly fairness", GeneratedAt)
            {
                History = new EvidenceHistory("evidence.jsonl", new List<EvidenceEntry>(EvidenceReader.Read(log))),
                State = StateFigures.Of(new GovernorStateReport(governor.State, null)),
            };
            return report;
        }

        /// <summary>1,000,000 tasks over 1,000 agents (weights 1-4, every 10th with a small capacity), as the timing harness makes them.</summary>
        public static AllocationResult MillionRun()
        {
            const int n = 1_000_000, m = 1_000;
            var tasks = new FairTask[n];
            for (int i = 0; i < n; i++)
                tasks[i] = new FairTask("task-" + i, i % 10 == 0 ? TaskPriority.High : i % 3 == 0 ? TaskPriority.Low : TaskPriority.Normal, null, 1.0, i / 1000.0);
            var agents = new FairAgent[m];
            for (int i = 0; i < m; i++) agents[i] = new FairAgent("agent-" + i.ToString("D4"), 1 + i % 4, i % 10 == 0 ? 50 + i % 7 : (int?)null);
            return Allocator.Allocate(tasks, agents, new FairnessPolicy("million", true, 2.0, FairnessStrategies.SmoothWeightedRoundRobin));
        }
    }
}
