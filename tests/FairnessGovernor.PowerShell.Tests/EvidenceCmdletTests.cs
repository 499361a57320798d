using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace FairnessGovernor.PowerShell.Tests
{
    public class EvidenceCmdletTests
    {
        private const string Sample = "Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json";

        [Fact]
        public void Add_appends_one_line_per_run_and_Get_reads_them_back()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("evidence.jsonl");
            var entry = ps.Run(Sample + " | Add-AllocationEvidence -Path $args[0] -PassThru", log).Single();
            Assert.Equal("priority-weighted-rr", entry.Properties["PolicyId"].Value);
            Assert.Equal(6, entry.Properties["TaskCount"].Value);
            Assert.Equal(3, entry.Properties["AgentCount"].Value);
            Assert.Equal(3.0, entry.Properties["SkewRatio"].Value);
            Assert.Equal("strong_imbalance", entry.Properties["FairnessLabel"].Value);
            ps.Run("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy_no_priority.json | Where-Object Status -eq 'Assigned' | Add-AllocationEvidence $args[0]", log);
            var lines = File.ReadAllLines(log);
            Assert.Equal(2, lines.Length);
            Assert.Contains(", \"weighted_skew_ratio\": 2.0, \"max_abs_lag\": 0.5, \"jain_index\": 0.857", lines[0]);
            Assert.Matches("^\\{\"timestamp\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z\", \"policy_id\": \"priority-weighted-rr\", \"task_count\": 6, \"agent_count\": 3, \"skew_ratio\": 3.0, \"fairness_label\": \"strong_imbalance\"", lines[0]);
            var read = ps.Run("Get-AllocationEvidence -Path $args[0]", log);
            Assert.Equal(new object[] { "priority-weighted-rr", "input-order-weighted-rr" }, read.Select(e => e.Properties["PolicyId"].Value));
            Assert.Equal(DateTimeKind.Utc, ((DateTime)read[0].Properties["Timestamp"].Value).Kind);
            var filtered = ps.Run("Get-AllocationEvidence -LiteralPath $args[0] -PolicyId 'input-*'", log);
            Assert.Equal("input-order-weighted-rr", filtered.Single().Properties["PolicyId"].Value);
        }

        [Fact]
        public void Spec_1_8_an_empty_run_gives_zero_metrics_and_an_evidence_line()
        {
            // Issue 22 item 8: with no decisions, nothing reached Get-FairnessMetrics or Add-AllocationEvidence.
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("evidence.jsonl");
            var empty = dir.Write("hour.json", "{\"tasks\": []}");
            var run = ps.Run("Invoke-FairAllocation -LiteralTaskPath $args[0] -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json", empty).Single();
            Assert.Equal("FairnessGovernor.Allocation.EmptyRun", run.BaseObject.GetType().FullName);
            Assert.Equal(0, run.Properties["TaskCount"].Value);
            Assert.Equal(3, run.Properties["AgentCount"].Value);
            Assert.Equal("priority-weighted-rr", run.Properties["PolicyId"].Value);
            Assert.Matches("^[0-9a-f]{16}$", (string)run.Properties["RunId"].Value);

            var metrics = ps.Run("Invoke-FairAllocation -Task @() -AgentPath fixtures/agents.json | Get-FairnessMetrics").Single();
            Assert.Equal(0, metrics.Properties["TaskCount"].Value);
            Assert.Equal(3, metrics.Properties["AgentCount"].Value);
            Assert.Equal(0, metrics.Properties["AssignedCount"].Value);
            Assert.Equal(0.0, metrics.Properties["SkewRatio"].Value);
            Assert.Equal("balanced", metrics.Properties["FairnessLabel"].Value);
            var streamed = ps.Run("@() | Invoke-FairAllocation -Stream -AgentPath fixtures/agents.json | Get-FairnessMetrics").Single();
            Assert.Equal(0, streamed.Properties["TaskCount"].Value);

            // The hourly runbook: an empty hour leaves a line, batch or stream, and the log verifies.
            ps.Run("Invoke-FairAllocation -LiteralTaskPath $args[0] -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json | Add-AllocationEvidence $args[1]", empty, log);
            var entry = ps.Run("@() | Invoke-FairAllocation -Stream -AgentPath fixtures/agents.json | Add-AllocationEvidence $args[0] -PassThru", log).Single();
            Assert.Equal(0, entry.Properties["TaskCount"].Value);
            Assert.Equal(2, entry.Properties["LineNumber"].Value);
            var lines = File.ReadAllLines(log);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("{\"timestamp\": ", lines[0]);
            Assert.Contains("\"policy_id\": \"priority-weighted-rr\", \"task_count\": 0, \"agent_count\": 3, \"skew_ratio\": 0.0, \"fairness_label\": \"balanced\", \"assigned_count\": 0, \"unassigned_count\": 0", lines[0]);
            Assert.Equal(true, ps.Run("(Test-AllocationEvidence $args[0]).IsValid", log).Single().BaseObject);
            // An empty run among others in one pipeline: one line each.
            ps.Run("& { Invoke-FairAllocation -Task @() -AgentPath fixtures/agents.json; " + Sample + " } | Add-AllocationEvidence $args[0]", log);
            Assert.Equal(4, File.ReadAllLines(log).Length);
            // Read back (an Import-Csv row of Export-Csv's), an empty run is its RunId with zero counts.
            var back = ps.Run("[pscustomobject]@{ RunId = '96934c25835c149d'; PolicyId = 'default'; AgentCount = '3'; TaskCount = '0' } | Get-FairnessMetrics -AgentPath fixtures/agents.json").Single();
            Assert.Equal(0, back.Properties["TaskCount"].Value);
            Assert.Equal(3, back.Properties["AgentCount"].Value);
        }

        [Fact]
        public void After_and_Before_read_a_time_without_a_zone_as_UTC_whatever_the_machine_zone()
        {
            // SPEC.md 5.6, in a real pwsh whose zone is UTC+9: a zone-less -After one hour after the entry's UTC time
            // excludes it (read as local, it would be 8 hours earlier and keep it); a [datetime] of kind Local is converted.
            using var dir = new Scratch();
            var log = dir.File("evidence.jsonl");
            var manifest = Path.Combine(PowerShellHost.RepoRoot, "output", "FairnessGovernor", "FairnessGovernor.psd1");
            var script = "$ErrorActionPreference = 'Stop'; Import-Module '" + manifest + "'; Set-Location '" + PowerShellHost.RepoRoot + "'\n" +
                Sample + " | Add-AllocationEvidence -LiteralPath '" + log + "'\n" +
                "$t = (Get-AllocationEvidence -LiteralPath '" + log + "').Timestamp\n" +
                "'offset=' + [TimeZoneInfo]::Local.BaseUtcOffset.TotalHours\n" +
                "'after-later=' + @(Get-AllocationEvidence -LiteralPath '" + log + "' -After $t.AddHours(1).ToString('yyyy-MM-ddTHH:mm:ss')).Count\n" +
                "'after-earlier=' + @(Get-AllocationEvidence -LiteralPath '" + log + "' -After $t.AddHours(-1).ToString('yyyy-MM-ddTHH:mm:ss')).Count\n" +
                "'before-later=' + @(Get-AllocationEvidence -LiteralPath '" + log + "' -Before $t.AddHours(1).ToString('yyyy-MM-ddTHH:mm:ss')).Count\n" +
                "'after-local=' + @(Get-AllocationEvidence -LiteralPath '" + log + "' -After $t.AddHours(1).ToLocalTime()).Count\n" +
                "'before-local=' + @(Get-AllocationEvidence -LiteralPath '" + log + "' -Before $t.AddHours(-1).ToLocalTime()).Count\n";
            var run = RealPwsh.RunCommand(script, dir.Path, TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["TZ"] = "Asia/Tokyo" });
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("offset=9", run.StdOut); // the zone took effect, so the checks below can fail
            Assert.Contains("after-later=0", run.StdOut);
            Assert.Contains("after-earlier=1", run.StdOut);
            Assert.Contains("before-later=1", run.StdOut);
            Assert.Contains("after-local=0", run.StdOut);
            Assert.Contains("before-local=0", run.StdOut);
        }

        [Fact]
        public void PassThru_gives_the_line_number_the_reader_gives()
        {
            // Issue 22 item 9: -PassThru returned LineNumber 0, so the entry could not be fed to -Replay -LineNumber.
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("evidence.jsonl");
            var added = ps.Run(Sample + " | Add-AllocationEvidence -Path $args[0] -PassThru; " + Sample + " | Add-AllocationEvidence -Path $args[0] -PassThru", log);
            Assert.Equal(new object[] { 1, 2 }, added.Select(e => e.Properties["LineNumber"].Value));
            var read = ps.Run("Get-AllocationEvidence -Path $args[0]", log);
            Assert.Equal(read.Select(e => e.Properties["ByteOffset"].Value), added.Select(e => e.Properties["ByteOffset"].Value));
            Assert.Equal(read.Select(e => e.Properties["LineNumber"].Value), added.Select(e => e.Properties["LineNumber"].Value));
            var replay = ps.Run("$e = " + Sample + " | Add-AllocationEvidence -Path $args[0] -PassThru; " +
                "@(Test-AllocationEvidence -Path $args[0] -Replay -LineNumber $e.LineNumber -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json)[-1].IsMatch", log);
            Assert.Equal(true, replay.Single().BaseObject);
        }

        [Fact]
        public void WhatIf_appends_nothing()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("evidence.jsonl");
            ps.Run(Sample + " | Add-AllocationEvidence -Path $args[0] -WhatIf", log);
            Assert.False(File.Exists(log));
        }

        [Fact]
        public void A_failed_pipeline_logs_nothing()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("evidence.jsonl");
            var bad = dir.Write("tasks.json", "[{\"id\": \"t1\", \"priority\": \"urgent\"}]");
            var err = ps.RunExpectingError("Invoke-FairAllocation -LiteralTaskPath $args[0] -AgentPath fixtures/agents.json | Add-AllocationEvidence -Path $args[1]", bad, log);
            Assert.Equal("InvalidPriority,FairnessGovernor.PowerShell.Commands.InvokeFairAllocationCommand", err.FullyQualifiedErrorId);
            Assert.False(File.Exists(log));
        }

        [Fact]
        public void A_corrupt_log_line_is_reported_with_its_number()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.Write("evidence.jsonl", "{\"timestamp\": \"2026-01-02T03:04:05.000000Z\", \"policy_id\": \"p\", \"task_count\": 1, \"agent_count\": 1, \"skew_ratio\": 1.0, \"fairness_label\": \"balanced\"}\nnot json\n");
            var err = ps.RunExpectingError("Get-AllocationEvidence -Path $args[0]", log);
            Assert.Equal("InvalidEvidenceLine,FairnessGovernor.PowerShell.Commands.GetAllocationEvidenceCommand", err.FullyQualifiedErrorId);
            Assert.Contains(":2", err.ErrorDetails.Message);
        }
    
        [Fact]
        public void Test_verifies_the_chain_finds_a_tampered_line_and_replays_a_run()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("evidence.jsonl");
            ps.Run("$log = $args[0]; 1..3 | ForEach-Object { " + Sample + " | Add-AllocationEvidence -Path $log }", log);
            var ok = ps.Run("Test-AllocationEvidence -Path $args[0]", log).Single();
            Assert.Equal(true, ok.Properties["IsValid"].Value);
            Assert.Equal(3, ok.Properties["EntryCount"].Value);
            Assert.Null(ok.Properties["FirstInvalidLine"].Value);

            var replay = ps.Run("Test-AllocationEvidence -Path $args[0] -Replay -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json", log);
            Assert.Equal(2, replay.Count);
            Assert.Equal(true, replay[1].Properties["IsMatch"].Value);
            var wrong = ps.Run("Test-AllocationEvidence -Path $args[0] -Replay -LineNumber 2 -TaskPath fixtures/tasks.json -AgentPath fixtures/agents_with_capacity.json -PolicyPath fixtures/policy.json", log);
            Assert.Equal(false, wrong[1].Properties["IsMatch"].Value);
            Assert.Contains("agents_digest", (string[])wrong[1].Properties["Mismatches"].Value);

            var lines = File.ReadAllLines(log);
            lines[1] = lines[1].Replace("\"task_count\": 6", "\"task_count\": 7");
            File.WriteAllText(log, string.Join("\n", lines) + "\n");
            var bad = ps.Run("Test-AllocationEvidence -LiteralPath $args[0]", log).Single();
            Assert.Equal(false, bad.Properties["IsValid"].Value);
            Assert.Equal(2, bad.Properties["FirstInvalidLine"].Value);
        }

        [Fact]
        public void Signed_lines_verify_with_the_key_only()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("signed.jsonl");
            var keyFile = dir.Write("key.bin", "correct horse battery staple");
            var written = ps.Run(Sample + " | Add-AllocationEvidence -Path $args[0] -KeyPath $args[1] -PassThru", log, keyFile).Single();
            Assert.Equal(true, written.Properties["IsSigned"].Value);
            Assert.Matches("^[0-9a-f]{64}$", (string)written.Properties["Hash"].Value);
            var right = ps.Run("Test-AllocationEvidence -Path $args[0] -KeyPath $args[1] -RequireSignature", log, keyFile).Single();
            Assert.Equal(true, right.Properties["IsValid"].Value);
            Assert.Equal(1, right.Properties["SignedCount"].Value);
            var wrong = ps.Run("$k = [System.Security.SecureString]::new(); 'nope'.ToCharArray() | ForEach-Object { $k.AppendChar($_) }; Test-AllocationEvidence -Path $args[0] -Key $k", log).Single();
            Assert.Equal(false, wrong.Properties["IsValid"].Value);
            Assert.Equal(1, wrong.Properties["BadSignatureCount"].Value);
        }

        [Fact]
        public void A_torn_tail_blocks_appends_and_leaves_the_file_unchanged()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("evidence.jsonl");
            ps.Run(Sample + " | Add-AllocationEvidence -Path $args[0]", log);
            File.AppendAllText(log, "{\"timestamp\": \"2026");
            var before = File.ReadAllBytes(log);
            var err = ps.RunExpectingError(Sample + " | Add-AllocationEvidence -Path $args[0]", log);
            Assert.Equal("EvidenceTornLine,FairnessGovernor.PowerShell.Commands.AddAllocationEvidenceCommand", err.FullyQualifiedErrorId);
            Assert.Contains("truncate", err.ErrorDetails.RecommendedAction);
            Assert.Equal(before, File.ReadAllBytes(log));
        }
    }
}
