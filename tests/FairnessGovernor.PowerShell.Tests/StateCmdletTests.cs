using System;
using System.IO;
using System.Linq;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>SPEC.md 7 through the cmdlets: -StatePath, -Governor, -Stream and the state cmdlets.</summary>
    public class StateCmdletTests
    {
        private const string Sample = "-TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json";

        [Fact]
        public void Spec_7_1_hundred_runs_with_one_state_file_follow_the_weights()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var state = dir.File("state.json");
            var counts = ps.Run("param($s) $c = @{}; 1..100 | ForEach-Object { Invoke-FairAllocation " + Sample + " -StatePath $s | ForEach-Object { $c[$_.AgentId]++ } }; $c['agent-a']; $c['agent-b']; $c['agent-c']", state);
            Assert.Equal(new object[] { 150, 300, 150 }, counts.Select(c => c.BaseObject));
            var report = ps.Run("param($s) Get-FairnessState -Path $s", state).Single();
            Assert.Equal(600L, report.Properties["TotalTasks"].Value);
            Assert.Equal(100L, report.Properties["Runs"].Value);
            var rows = ps.Run("param($s) (Get-FairnessState $s).Agents", state);
            Assert.Equal(new object[] { "agent-a", "agent-b", "agent-c" }, rows.Select(r => r.Properties["AgentId"].Value));
            Assert.Equal(new object[] { 150L, 300L, 150L }, rows.Select(r => r.Properties["Count"].Value));
            Assert.Equal(new object[] { 150.0, 300.0, 150.0 }, rows.Select(r => r.Properties["Entitlement"].Value));
            Assert.All(rows, r => Assert.Equal(0.0, r.Properties["Lag"].Value));
            // Without state, each run restarts the rotation: 200, 300, 100.
            var plain = ps.Run("$c = @{}; 1..100 | ForEach-Object { Invoke-FairAllocation " + Sample + " | ForEach-Object { $c[$_.AgentId]++ } }; $c['agent-a']; $c['agent-b']; $c['agent-c']");
            Assert.Equal(new object[] { 200, 300, 100 }, plain.Select(c => c.BaseObject));
        }

        [Fact]
        public void Spec_7_8_governor_keeps_state_in_the_session()
        {
            using var ps = new PowerShellHost();
            var counts = ps.Run("$g = New-FairnessGovernor; $c = @{}; 1..10 | ForEach-Object { Invoke-FairAllocation " + Sample + " -Governor $g | ForEach-Object { $c[$_.AgentId]++ } }; $c['agent-a']; $c['agent-b']; $c['agent-c']; (Get-FairnessState -Governor $g).TotalTasks");
            Assert.Equal(new object[] { 15, 30, 15, 60L }, counts.Select(c => c.BaseObject));
            var err = ps.RunExpectingError("Invoke-FairAllocation " + Sample + " -Governor 'nope'");
            Assert.Equal("InvalidGovernor", err.FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public void Spec_7_8_WhatIf_leaves_the_governor_unchanged_in_batch_and_stream_mode()
        {
            // Issue 22 item 3: a batch run with -WhatIf decided, said what it would keep, and kept nothing.
            using var ps = new PowerShellHost();
            var runs = ps.Run("$g = New-FairnessGovernor; Invoke-FairAllocation " + Sample + " -Governor $g | Out-Null; " +
                "$d = @(Invoke-FairAllocation " + Sample + " -Governor $g -WhatIf); $d.Count; $g.Runs; $g.TotalTasks; " +
                "Invoke-FairAllocation " + Sample + " -Governor $g -Stream -WhatIf | Out-Null; $g.Runs; $g.TotalTasks");
            Assert.Equal(new object[] { 6, 1L, 6L, 1L, 6L }, runs.Select(r => r.BaseObject));
            // In a real pwsh, -WhatIf says what the run would keep.
            var manifest = Path.Combine(PowerShellHost.RepoRoot, "output", "FairnessGovernor", "FairnessGovernor.psd1");
            var said = RealPwsh.RunCommand("Import-Module '" + manifest + "'; $g = New-FairnessGovernor; Invoke-FairAllocation " + Sample +
                " -Governor $g -WhatIf | Out-Null; 'runs=' + $g.Runs", PowerShellHost.RepoRoot, TimeSpan.FromMinutes(2));
            Assert.True(said.ExitCode == 0, said.ToString());
            Assert.Contains("What if: Performing the operation \"Keep fairness state (run 1, 6 tasks in total)\" on target \"governor\".", said.StdOut);
            Assert.Contains("runs=0", said.StdOut);
        }

        [Fact]
        public void Spec_7_5_reset_honours_whatif_and_corrupt_files_are_errors()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var state = dir.File("state.json");
            ps.Run("param($s) Invoke-FairAllocation " + Sample + " -StatePath $s | Out-Null", state);
            var before = File.ReadAllText(state);
            ps.Run("param($s) Reset-FairnessState -Path $s -WhatIf", state);
            Assert.Equal(before, File.ReadAllText(state));
            Assert.Equal(6L, ps.Run("param($s) (Get-FairnessState $s).TotalTasks", state).Single().BaseObject);
            ps.Run("param($s) Reset-FairnessState -Path $s -Confirm:$false", state);
            Assert.Equal(0L, ps.Run("param($s) (Get-FairnessState $s).TotalTasks", state).Single().BaseObject);

            File.WriteAllText(state, "{\"allocation\": {}}");
            var err = ps.RunExpectingError("param($s) Invoke-FairAllocation " + Sample + " -StatePath $s", state);
            Assert.Equal("InvalidStateFile,FairnessGovernor.PowerShell.Commands.InvokeFairAllocationCommand", err.FullyQualifiedErrorId);
            Assert.Equal("{\"allocation\": {}}", File.ReadAllText(state));
            // -WhatIf allocates but does not save.
            ps.Run("param($s) Reset-FairnessState $s -Confirm:$false; Invoke-FairAllocation " + Sample + " -StatePath $s -WhatIf | Out-Null", state);
            Assert.Equal(0L, ps.Run("param($s) (Get-FairnessState $s).TotalTasks", state).Single().BaseObject);
        }

        [Fact]
        public void Spec_7_5_WhatIf_with_a_state_path_creates_no_file_at_all()
        {
            // Issue 22 item 13: -WhatIf took the state file's lock, which created <state>.lock.
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var state = dir.File("state.json");
            var decided = ps.Run("param($s) Invoke-FairAllocation " + Sample + " -StatePath $s -WhatIf", state);
            Assert.Equal(6, decided.Count);
            ps.Run("param($s) Invoke-FairAllocation " + Sample + " -StatePath $s -Stream -WhatIf | Out-Null", state);
            ps.Run("param($s) & { $WhatIfPreference = $true; Invoke-FairAllocation " + Sample + " -StatePath $s | Out-Null }", state);
            Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
            // With a state file, -WhatIf continues it (reads it, without the lock) and leaves it as it was.
            ps.Run("param($s) Invoke-FairAllocation " + Sample + " -StatePath $s | Out-Null", state);
            File.Delete(state + ".lock");
            var before = File.ReadAllText(state);
            var continued = ps.Run("param($s) Invoke-FairAllocation " + Sample + " -StatePath $s -WhatIf | ForEach-Object AgentId", state);
            var second = ps.Run("param($s) Invoke-FairAllocation " + Sample + " -StatePath $s | ForEach-Object AgentId", state);
            Assert.Equal(second.Select(o => o.BaseObject), continued.Select(o => o.BaseObject));
            Assert.NotEqual(before, File.ReadAllText(state));
        }

        [Fact]
        public void Spec_7_9_a_missing_state_file_is_the_empty_state_with_a_warning_for_both_cmdlets()
        {
            // Issue 22 item 13: New-FairnessGovernor -StatePath failed where Get-FairnessState quietly gave the empty state.
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var missing = dir.File("missing.json");
            var governor = ps.Run("param($s) New-FairnessGovernor -StatePath $s 3>&1", missing);
            Assert.Equal(2, governor.Count);
            Assert.Contains("There is no state file at '" + missing + "'", governor[0].ToString());
            Assert.Equal(0L, governor[1].Properties["Runs"].Value);
            var report = ps.Run("param($s) Get-FairnessState -Path $s 3>&1", missing);
            Assert.Equal(2, report.Count);
            Assert.Contains("There is no state file at '" + missing + "'", report[0].ToString());
            Assert.Equal(0L, report[1].Properties["TotalTasks"].Value);
            Assert.False(File.Exists(missing));
            // An existing file: no warning.
            ps.Run("param($s) Invoke-FairAllocation " + Sample + " -StatePath $s | Out-Null", missing);
            Assert.Single(ps.Run("param($s) New-FairnessGovernor -StatePath $s 3>&1", missing));
            Assert.Single(ps.Run("param($s) Get-FairnessState -Path $s 3>&1", missing));
        }

        [Fact]
        public void Spec_7_5_rewriting_a_state_file_or_OutFile_keeps_its_mode_and_writes_through_a_symlink()
        {
            // Issue 22 item 13: the rename over the file reset 600 to 644 and replaced a symbolic link with a plain file.
            if (OperatingSystem.IsWindows()) return;
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            foreach (var (kind, args) in new[] { ("state", "-StatePath $s"), ("out", "-OutFile $s") })
            {
                var file = dir.File(kind + ".json");
                ps.Run("param($s) Invoke-FairAllocation " + Sample + " " + args + " | Out-Null", file);
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                var before = File.ReadAllText(file);
                ps.Run("param($s) Invoke-FairAllocation " + Sample + " " + args + " -Explain | Out-Null", file);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                if (kind == "state") Assert.NotEqual(before, File.ReadAllText(file));

                // Through a link (in another folder): the target is rewritten, the link stays a link, no file appears beside it.
                var targetDir = Directory.CreateDirectory(Path.Combine(dir.Path, "real-" + kind)).FullName;
                var target = Path.Combine(targetDir, "target.json");
                if (kind == "state") File.Copy(file, target);
                else File.WriteAllText(target, "old");
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
                var link = dir.File(kind + "-link.json");
                File.CreateSymbolicLink(link, target);
                var targetBefore = File.ReadAllText(target);
                ps.Run("param($s) Invoke-FairAllocation " + Sample + " " + args + " | Out-Null", link);
                Assert.NotNull(new FileInfo(link).LinkTarget);
                Assert.Equal(target, new FileInfo(link).ResolveLinkTarget(true)!.FullName);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target));
                if (kind == "state") Assert.NotEqual(targetBefore, File.ReadAllText(target));
                else Assert.Equal(File.ReadAllText(file), File.ReadAllText(target));
                Assert.Empty(Directory.GetFiles(dir.Path, "." + kind + "-link*"));
            }
        }

        [Fact]
        public void Spec_7_6_stream_decides_each_task_before_reading_the_next()
        {
            using var ps = new PowerShellHost();
            var log = ps.Run(@"
$log = [System.Collections.Generic.List[string]]::new()
1..5 | ForEach-Object { $log.Add(""P$_""); [pscustomobject]@{ id = ""t$_"" } } |
    Invoke-FairAllocation -Stream -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json |
    ForEach-Object { $log.Add('C' + $_.TaskId.Substring(1)) }
$log -join ' '").Single();
            Assert.Equal("P1 C1 P2 C2 P3 C3 P4 C4 P5 C5", log.BaseObject);
        }

        [Fact]
        public void Spec_7_6_window_orders_by_priority_and_metrics_and_evidence_work_on_a_stream()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var ids = ps.Run("Import-FairTask fixtures/tasks.json | Invoke-FairAllocation -Stream -WindowSize 6 -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json | ForEach-Object TaskId");
            Assert.Equal(new object[] { "t2", "t5", "t1", "t3", "t6", "t4" }, ids.Select(i => i.BaseObject)); // the batch's dispatch order
            var arrival = ps.Run("Import-FairTask fixtures/tasks.json | Invoke-FairAllocation -Stream -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json | ForEach-Object TaskId");
            Assert.Equal(new object[] { "t1", "t2", "t3", "t4", "t5", "t6" }, arrival.Select(i => i.BaseObject));

            var m = ps.Run("Import-FairTask fixtures/tasks.json | Invoke-FairAllocation -Stream -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json | Get-FairnessMetrics").Single();
            Assert.Equal(6, m.Properties["TaskCount"].Value);
            var log = dir.File("e.jsonl");
            var entry = ps.Run("param($l) Import-FairTask fixtures/tasks.json | Invoke-FairAllocation -Stream -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json | Add-AllocationEvidence $l -PassThru", log);
            Assert.Single(entry);
            Assert.Single(File.ReadAllLines(log));
            Assert.Equal(6, entry.Single().Properties["TaskCount"].Value);
            Assert.True((bool)ps.Run("param($l) (Test-AllocationEvidence $l).IsValid", log).Single().BaseObject);
        }

        private const string Invoke = "FairnessGovernor.PowerShell.Commands.InvokeFairAllocationCommand";

        // t1 t2 t3 are decided as they arrive; the second t1 stops the stream before it is decided.
        private const string Duplicated = "'t1', 't2', 't3', 't1', 't4' | ForEach-Object { [pscustomobject]@{ id = $_ } } | Invoke-FairAllocation -Stream -AgentPath fixtures/agents.json";

        [Fact]
        public void Spec_7_6_stream_refuses_a_repeated_task_id()
        {
            using var ps = new PowerShellHost();
            var r = ps.Run(@"
                $seen = [System.Collections.Generic.List[string]]::new()
                try { " + Duplicated + @" | ForEach-Object { $seen.Add($_.TaskId) } } catch { $err = $_ }
                $seen -join ' '
                $err.FullyQualifiedErrorId
                $err.CategoryInfo.Category.ToString()
                $err.ErrorDetails.Message
                $err.Exception.Item
                $err.Exception.Field");
            Assert.Equal(new object[]
            {
                "t1 t2 t3", "DuplicateId," + Invoke, "InvalidData",
                "the stream's tasks: tasks[3] (id 't1'), field 'id': the id is already used by tasks[0] of this stream; task ids must be unique within a stream.",
                "tasks[3] (id 't1')", "id",
            }, r.Select(o => o.BaseObject));
            var err = ps.RunExpectingError(Duplicated);
            Assert.Equal("DuplicateId," + Invoke, err.FullyQualifiedErrorId);
            // Ordinal: 'T1' is another id; a window holds the duplicate back no longer than a window of 1 does.
            Assert.Equal(5, ps.Run("'t1', 'T1', 't2' | ForEach-Object { @{ id = $_ } } | Invoke-FairAllocation -Stream -AgentPath fixtures/agents.json; @{ id = 'x' }, @{ id = 'y' } | Invoke-FairAllocation -Stream -AgentPath fixtures/agents.json").Count);
            Assert.Equal("DuplicateId," + Invoke,
                ps.RunExpectingError("Import-FairTask fixtures/tasks.json, fixtures/tasks.yaml | Invoke-FairAllocation -Stream -WindowSize 100 -AgentPath fixtures/agents.json").FullyQualifiedErrorId);
        }

        [Fact]
        public void Spec_7_6_a_stream_refused_for_a_repeated_id_saves_no_state_and_logs_no_evidence()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var state = dir.File("state.json");
            var log = dir.File("evidence.jsonl");
            ps.Run("param($s, $l) Invoke-FairAllocation " + Sample + " -StatePath $s | Add-AllocationEvidence $l", state, log);
            var stateBefore = File.ReadAllBytes(state);
            var logBefore = File.ReadAllBytes(log);

            var err = ps.RunExpectingError("param($s, $l) " + Duplicated + " -StatePath $s | Add-AllocationEvidence $l", state, log);
            Assert.Equal("DuplicateId," + Invoke, err.FullyQualifiedErrorId);
            Assert.Equal(stateBefore, File.ReadAllBytes(state));
            Assert.Equal(logBefore, File.ReadAllBytes(log));
            Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
            // The lock was released: the next run takes it at once and continues the state as the failed stream never ran.
            Assert.Equal(12L, ps.Run("param($s) Invoke-FairAllocation " + Sample + " -StatePath $s -LockTimeoutSeconds 0 | Out-Null; (Get-FairnessState $s).TotalTasks", state).Single().BaseObject);

            var governor = ps.Run("$g = New-FairnessGovernor; Invoke-FairAllocation " + Sample + " -Governor $g | Out-Null; try { " + Duplicated + " -Governor $g | Out-Null } catch { $_.FullyQualifiedErrorId }; (Get-FairnessState -Governor $g).TotalTasks; (Get-FairnessState -Governor $g).Runs");
            Assert.Equal(new object[] { "DuplicateId," + Invoke, 6L, 1L }, governor.Select(o => o.BaseObject));
        }

        [Fact]
        public void Spec_7_6_stream_with_a_state_file_continues_it()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var state = dir.File("state.json");
            ps.Run("param($s) 1..50 | ForEach-Object { Invoke-FairAllocation " + Sample + " -StatePath $s } | Out-Null; 1..300 | ForEach-Object { @{ id = \"s$_\" } } | Invoke-FairAllocation -Stream -AgentPath fixtures/agents.json -StatePath $s | Out-Null", state);
            var rows = ps.Run("param($s) (Get-FairnessState $s).Agents", state);
            Assert.Equal(new object[] { 150L, 300L, 150L }, rows.Select(r => r.Properties["Count"].Value));
            var err = ps.RunExpectingError("Import-FairTask fixtures/tasks.json | Invoke-FairAllocation -Stream -AgentPath fixtures/agents.json -OutFile x.json");
            Assert.Equal("StreamWithOutFile", err.FullyQualifiedErrorId.Split(',')[0]);
        }

        private const string LagSample = "-TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy_lag_bounded.yaml";

        [Fact]
        public void Spec_7_10_fair_share_catches_up_at_the_run_time_given_by_AsOf()
        {
            // Issue 19's figure through the cmdlets: run 1 holds b to 100 of 1,000; run 2 one half-life later gives b 300 of 400.
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var state = dir.File("state.json");
            var r = ps.Run(@"param($s)
                $p = New-FairnessPolicy -PolicyId fs -Strategy fair_share -UsageHalfLife 1h -RespectPriority $false
                $t1 = 1..1000 | ForEach-Object { @{ id = ""r1-$_"" } }
                $t2 = 1..400 | ForEach-Object { @{ id = ""r2-$_"" } }
                $one = @($t1 | Invoke-FairAllocation -Agent @{ id = 'a' }, @{ id = 'b'; capacity = 100 } -Policy $p -StatePath $s -AsOf ([datetime]::new(2026, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)))
                $two = @($t2 | Invoke-FairAllocation -Agent @{ id = 'a' }, @{ id = 'b' } -Policy $p -StatePath $s -AsOf '2026-01-01T01:00:00Z')
                @($one | Where-Object AgentId -eq b).Count
                @($two | Where-Object AgentId -eq b).Count
                @($two | Where-Object Reason -eq fair_share_catch_up).Count
                $st = Get-FairnessState $s
                $st.AsOf.ToString('o')
                $b = $st.Agents | Where-Object AgentId -eq b
                $b.Count; $b.DecayedCount; $b.Entitlement; $b.Lag", state);
            Assert.Equal(new object[] { 100, 300, 200, "2026-01-01T01:00:00.0000000Z", 400L, 350.0, 450.0, -100.0 }, r.Select(o => o.BaseObject));
            Assert.Contains("\"version\": 2", File.ReadAllText(state));
        }

        [Fact]
        public void Spec_7_10_policy_keys_from_parameters_objects_and_files()
        {
            using var ps = new PowerShellHost();
            var r = ps.Run(@"
                $p = New-FairnessPolicy -Strategy fair_share -UsageHalfLife ([timespan]::FromHours(36)) -MaxCatchUp 50
                $p.Strategy; $p.UsageHalfLife.TotalHours; $p.MaxCatchUp
                $q = Import-FairnessPolicy -InputObject @{ usage_half_life = 'P7D'; max_catch_up = 0 }
                $q.UsageHalfLife.TotalDays; $q.MaxCatchUp
                (New-FairnessPolicy).UsageHalfLife -eq $null");
            Assert.Equal(new object[] { "fair_share", 36.0, 50, 7.0, 0, true }, r.Select(o => o.BaseObject));
            var err = ps.RunExpectingError("New-FairnessPolicy -UsageHalfLife 'soon'");
            Assert.Equal("InvalidUsageHalfLife", err.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("usage_half_life", err.Exception.Message);
            var asOf = ps.RunExpectingError("Invoke-FairAllocation " + Sample + " -AsOf ([datetime]::UtcNow)");
            Assert.Equal("AsOfWithoutState", asOf.FullyQualifiedErrorId.Split(',')[0]);
        }

        [Theory]
        [InlineData("")]
        [InlineData(" -Stream")]
        public void Issue_22_stateful_runs_logged_as_evidence_replay_exactly_and_get_their_own_run_ids(string mode)
        {
            // Issue 22 item 2's repro: two runs continuing one state file, each piped to Add-AllocationEvidence, then replay of line 2.
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var r = ps.Run(@"param($s, $ev)
                $ids = foreach ($i in 1..2) {
                    $d = @(Import-FairTask fixtures/tasks.json | Invoke-FairAllocation -AgentPath fixtures/agents.json -PolicyPath fixtures/policy_lag_bounded.yaml -StatePath $s" + mode + @")
                    $d | Add-AllocationEvidence -Path $ev | Out-Null
                    $d[0].RunId
                }
                $ids[0] -ne $ids[1]
                $rep = @(Test-AllocationEvidence $ev -Replay -LineNumber 2 -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy_lag_bounded.yaml)[-1]
                $rep.IsMatch; $rep.Status
                @(Get-AllocationEvidence $ev)[-1].Run.Mode", dir.File("s.json"), dir.File("ev.jsonl"));
            Assert.Equal(new object[] { true, true, "Match", mode.Length == 0 ? "batch" : "stream" }, r.Select(o => o.BaseObject));
        }

        [Fact]
        public void Release_0_1_0_files_still_verify_replay_and_load()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            // A copy: verifying takes the log's sidecar lock, which must not land in the repository.
            var log = dir.File("evidence.jsonl");
            File.Copy(Path.Combine(PowerShellHost.RepoRoot, "tests", "fixtures-0.1.0", "evidence.jsonl"), log);
            var r = ps.Run(@"param($ev)
                (Test-AllocationEvidence $ev).IsValid
                $one = @(Test-AllocationEvidence $ev -Replay -LineNumber 1 -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json)[-1]
                $one.Status
                $three = @(Test-AllocationEvidence $ev -Replay -LineNumber 3 " + LagSample + @")[-1]
                $three.Status; $three.IsMatch; $three.CannotReplay.StartsWith('cannot replay: the run continued a state')
                $st = Get-FairnessState tests/fixtures-0.1.0/state-v1.json
                $st.Runs; $st.AsOf -eq $null; $sum = 0.0; foreach ($a in $st.Agents) { $sum += $a.Entitlement }; $sum", log);
            Assert.Equal(new object[] { true, "Match", "CannotReplay", false, true, 2L, true, 12.0 }, r.Select(o => o.BaseObject));
        }
    }
}
