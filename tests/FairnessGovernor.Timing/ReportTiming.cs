using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace FairnessGovernor.Timing
{
    /// <summary>
    /// The whole-cmdlet check of issue 21: <c>Invoke-FairAllocation ... | Export-FairnessReport</c> against
    /// <c>Invoke-FairAllocation ... | Get-FairnessMetrics</c> on the same input, in one hosted session (by default
    /// 1,000,000 tasks and 1,000 agents, as the harness's main inputs). The two take turns within each run, so a noisy
    /// neighbour slows both alike; prints each run, the medians, the ratio (target: at most 1.5x) and the report's size
    /// (target: at most 3 MB).
    /// <code>dotnet run -c Release --project tests/FairnessGovernor.Timing -- --report [--tasks 1000000] [--agents 1000] [--runs 3] [--dir DIR]</code>
    /// </summary>
    internal static class ReportTiming
    {
        public static int Run(string dir, int taskCount, int agentCount, int runs)
        {
            runs = Math.Max(1, runs);
            Directory.CreateDirectory(dir);
            string tasks = Path.Combine(dir, "tasks.json"), agents = Path.Combine(dir, "agents.json"), policy = Path.Combine(dir, "policy.json");
            string report = Path.Combine(dir, "report.html");
            InputGenerator.Tasks(tasks, taskCount);
            InputGenerator.Agents(agents, agentCount, Math.Max(1, taskCount / agentCount / 4));
            InputGenerator.Policy(policy);
            Console.WriteLine($"inputs: {taskCount:N0} tasks, {agentCount:N0} agents, in {dir}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

            EnginePhases(tasks, agents, policy);
            using var ps = new Host(Program.FindRoot(), dir);
            string run = "Invoke-FairAllocation -TaskPath '" + Q(tasks) + "' -AgentPath '" + Q(agents) + "' -PolicyPath '" + Q(policy) + "'";
            string[] names = { "| Get-FairnessMetrics", "| Export-FairnessReport" };
            string[] scripts =
            {
                run + " | Get-FairnessMetrics | Out-Null",
                run + " | Export-FairnessReport -Path '" + Q(report) + "' -GeneratedAt ([datetime]::SpecifyKind([datetime]'2026-12-02', 'Utc'))",
            };
            foreach (var s in scripts) ps.Run(s); // warm-up: JIT both paths once
            var seconds = Turns.Time(ps, scripts, names, runs);
            double metrics = Turns.Median(seconds[0]), export = Turns.Median(seconds[1]);
            long size = new FileInfo(report).Length;
            Console.WriteLine();
            Console.WriteLine("| Invoke-FairAllocation ... | median s | vs Get-FairnessMetrics |");
            Console.WriteLine("| --- | ---: | ---: |");
            Console.WriteLine($"| {names[0]} | {metrics:F3} | 1.00x |");
            Console.WriteLine($"| {names[1]} | {export:F3} | {export / metrics:F2}x |");
            Console.WriteLine($"report: {size:N0} bytes ({size / 1048576.0:F2} MiB)");
            bool ok = export <= 1.5 * metrics && size <= 3 * 1024 * 1024;
            Console.WriteLine(ok ? "within 1.5x and 3 MB" : "over 1.5x or 3 MB");
            return ok ? 0 : 1;
        }

        /// <summary>What the engine adds at the end of the pipeline: the metrics (both paths) and the report's figures and HTML (the report path).</summary>
        private static void EnginePhases(string tasks, string agents, string policy)
        {
            var run = FairnessGovernor.Allocation.Allocator.Allocate(FairnessGovernor.Input.TaskLoader.FromFile(tasks), FairnessGovernor.Input.AgentLoader.FromFile(agents),
                FairnessGovernor.Input.PolicyLoader.FromFile(policy));
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                var sw = Stopwatch.StartNew();
                FairnessGovernor.Metrics.AllocationMetrics.Of(run);
                double metrics = sw.Elapsed.TotalSeconds;
                sw.Restart();
                var figures = FairnessGovernor.Report.RunFigures.Of(run);
                double fig = sw.Elapsed.TotalSeconds;
                sw.Restart();
                var report = new FairnessGovernor.Report.FairnessReport(null, DateTime.UtcNow);
                report.AddRun(figures);
                report.ToHtml();
                double html = sw.Elapsed.TotalSeconds;
                sw.Restart();
                FairnessGovernor.Allocation.CanonicalInput.Digest(run.Tasks, run.Agents, run.Policy);
                double digest = sw.Elapsed.TotalSeconds;
                Console.WriteLine($"engine, in memory: AllocationMetrics.Of {metrics:F3} s; RunFigures.Of {fig:F3} s (its metrics included); HTML {html:F3} s; run id digest {digest:F3} s");
            }
        }

        private static string Q(string s) => s.Replace("'", "''");
    }
}
