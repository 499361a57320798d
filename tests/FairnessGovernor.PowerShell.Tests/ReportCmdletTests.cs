using System;
using System.IO;
using System.Linq;
using System.Text;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>SPEC.md 9 through the cmdlet: Export-FairnessReport's inputs, file writing and errors.</summary>
    public class ReportCmdletTests
    {
        private const string Sample = "-TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json";
        private const string Pinned = "-GeneratedAt ([datetime]::SpecifyKind([datetime]'2026-12-02T12:00:00', 'Utc'))";
        private const string Cmdlet = ",FairnessGovernor.PowerShell.Commands.ExportFairnessReportCommand";

        private static int Count(string text, string what) => (text.Length - text.Replace(what, "").Length) / what.Length;

        [Fact]
        public void Pipeline_run_writes_a_deterministic_report_and_PassThru_returns_the_file()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var a = dir.File("a.html");
            var b = dir.File("b.html");
            var info = ps.Run("param($p) Invoke-FairAllocation " + Sample + " | Export-FairnessReport -Path $p " + Pinned + " -PassThru", a).Single();
            Assert.IsType<FileInfo>(info.BaseObject);
            Assert.Equal(a, ((FileInfo)info.BaseObject).FullName);
            Assert.Empty(ps.Run("param($p) Invoke-FairAllocation " + Sample + " | Export-FairnessReport $p " + Pinned, b));
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
            var html = File.ReadAllText(a, Encoding.UTF8);
            Assert.StartsWith("<!DOCTYPE html>", html);
            foreach (var s in new[] { "headline", "agents", "over-run", "waits", "decisions" }) Assert.Contains("data-section=\"" + s + "\"", html);
            Assert.Contains("cff6b5f97fd9cd45", html);
            Assert.Contains("Generated 2026-12-02T12:00:00Z", html);
            Assert.Contains("<title>Fairness report</title>", html);
            Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        }

        [Fact]
        public void Streams_subsets_and_several_runs_each_get_their_sections()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var p = dir.File("r.html");
            ps.Run("param($p) Invoke-FairAllocation " + Sample + " -Stream | Export-FairnessReport $p -Title 'Stream' " + Pinned, p);
            var html = File.ReadAllText(p);
            Assert.Contains("(stream)", html);
            Assert.Contains("<title>Stream</title>", html);
            // A subset: only the normal tasks came through (3 of 6).
            ps.Run("param($p) Invoke-FairAllocation " + Sample + " | Where-Object Priority -eq 'normal' | Export-FairnessReport $p " + Pinned, p);
            html = File.ReadAllText(p);
            Assert.Contains("<dt>Tasks</dt><dd>3</dd>", html);
            // Two runs (two policies): two run sections, in the order the runs first came.
            ps.Run("param($p) & { Invoke-FairAllocation " + Sample + "; Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy_smooth.json } | Export-FairnessReport $p " + Pinned, p);
            html = File.ReadAllText(p);
            Assert.Equal(2, Count(html, "data-section=\"headline\""));
            Assert.True(html.IndexOf("Run 1: priority-weighted-rr", StringComparison.Ordinal) < html.IndexOf("Run 2: priority-smooth-wrr", StringComparison.Ordinal));
        }

        [Fact]
        public void Evidence_history_is_selected_by_policy_and_time_and_the_state_is_shown()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("ev.jsonl");
            var state = dir.File("state.json");
            var p = dir.File("h.html");
            ps.Run("param($l, $s) 1..3 | ForEach-Object { Invoke-FairAllocation " + Sample + " -StatePath $s | Add-AllocationEvidence -Path $l }; " +
                   "Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy_smooth.json | Add-AllocationEvidence -Path $l", log, state);
            ps.Run("param($p, $l, $s) Export-FairnessReport $p -EvidencePath $l -StatePath $s " + Pinned, p, log, state);
            var html = File.ReadAllText(p);
            Assert.Contains("data-section=\"history\"", html);
            Assert.Contains("4 runs from the evidence log <code>ev.jsonl</code>", html);
            Assert.Contains("data-section=\"state\"", html);
            Assert.Contains("<dt>Runs</dt><dd>3</dd>", html);
            Assert.DoesNotContain("data-section=\"headline\"", html);
            ps.Run("param($p, $l) Export-FairnessReport $p -EvidencePath $l -PolicyId '*SMOOTH*' " + Pinned, p, log);
            html = File.ReadAllText(p);
            Assert.Contains("1 runs from the evidence log <code>ev.jsonl</code> (policy *SMOOTH*)", html);
            ps.Run("param($p, $l) Export-FairnessReport $p -EvidencePath $l -After ([datetime]::SpecifyKind([datetime]'2100-01-01', 'Utc')) " + Pinned, p, log);
            Assert.Contains("0 runs from the evidence log", File.ReadAllText(p));
        }

        [Fact]
        public void WhatIf_writes_nothing_and_a_failed_run_leaves_the_old_file()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var p = dir.File("r.html");
            ps.Run("param($p) Invoke-FairAllocation " + Sample + " | Export-FairnessReport $p -WhatIf", p);
            Assert.False(File.Exists(p));
            File.WriteAllText(p, "old");
            var state = dir.File("bad-state.json");
            File.WriteAllText(state, "{\"allocation\": {}}");
            var err = ps.RunExpectingError("param($p, $s) Invoke-FairAllocation " + Sample + " | Export-FairnessReport $p -StatePath $s", p, state);
            Assert.Equal("InvalidStateFile" + Cmdlet, err.FullyQualifiedErrorId);
            Assert.Equal("old", File.ReadAllText(p));
            Assert.Equal(new[] { "bad-state.json", "r.html" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Bad_input_stops_with_a_stable_error_id()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var p = dir.File("r.html");
            Assert.Equal("ReportNeedsInput" + Cmdlet, ps.RunExpectingError("param($p) Export-FairnessReport $p", p).FullyQualifiedErrorId);
            Assert.Equal("ReportNeedsDecisions" + Cmdlet, ps.RunExpectingError("param($p) @{ TaskId = 't1'; AgentId = 'a' } | Export-FairnessReport $p", p).FullyQualifiedErrorId);
            Assert.Equal("ReportFilterWithoutEvidence" + Cmdlet, ps.RunExpectingError("param($p) Invoke-FairAllocation " + Sample + " | Export-FairnessReport $p -PolicyId x", p).FullyQualifiedErrorId);
            Assert.Equal("ReportPathIsDirectory" + Cmdlet, ps.RunExpectingError("param($p) Invoke-FairAllocation " + Sample + " | Export-FairnessReport $p", dir.Path).FullyQualifiedErrorId);
            var missing = Path.Combine(dir.Path, "no-such-folder", "r.html");
            var write = ps.RunExpectingError("param($p) Invoke-FairAllocation " + Sample + " | Export-FairnessReport $p", missing);
            Assert.Equal("ReportWriteFailed" + Cmdlet, write.FullyQualifiedErrorId);
            Assert.Contains("no-such-folder", write.Exception.Message);
            Assert.DoesNotContain(".tmp", write.Exception.Message);
            Assert.Equal("InputFileNotFound" + Cmdlet, ps.RunExpectingError("param($p, $l) Export-FairnessReport $p -EvidencePath $l", p, Path.Combine(dir.Path, "none.jsonl")).FullyQualifiedErrorId);
            Assert.False(File.Exists(p));
        }
    }
}
