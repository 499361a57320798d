using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// The PostgreSQL store (SPEC.md 10) against a real server (<see cref="PostgresServer"/>): every "Done when" figure
    /// of issue 20 is one of these tests. Each test uses a schema of its own; they run one at a time (some stop the server).
    /// </summary>
    [Collection("Postgres")]
    public sealed class StoreCmdletTests
    {
        private static readonly string Fixtures = Path.Combine(PowerShellHost.RepoRoot, "fixtures");
        private static readonly string Tasks = Path.Combine(Fixtures, "tasks.json");
        private static readonly string Agents = Path.Combine(Fixtures, "agents.json");
        private static readonly string PolicyRr = Path.Combine(Fixtures, "policy.json"); // priority-weighted-rr
        private static readonly string PolicySmooth = Path.Combine(Fixtures, "policy_smooth.json"); // priority-smooth-wrr

        private static readonly string WriterScript = @"
$ErrorActionPreference = 'Stop'
Import-Module $env:FG_MODULE
$s = New-FairnessStore -ConnectionString $env:FAIRNESS_GOVERNOR_TEST_PG -Schema $env:FG_SCHEMA
$policies = @($env:FG_POLICIES -split ';')
for ($i = 0; $i -lt [int]$env:FG_RUNS; $i++) {
    $null = Invoke-FairAllocation -Store $s -TaskPath $env:FG_TASKS -AgentPath $env:FG_AGENTS -PolicyPath $policies[$i % $policies.Count]
}
'writer done'
";

        private static Dictionary<string, string> WriterEnv(string schema, int runs, params string[] policies) => new Dictionary<string, string>
        {
            ["FG_MODULE"] = PowerShellHost.ModuleManifest,
            ["FG_SCHEMA"] = schema,
            ["FG_RUNS"] = runs.ToString(),
            ["FG_POLICIES"] = string.Join(";", policies),
            ["FG_TASKS"] = Tasks,
            ["FG_AGENTS"] = Agents,
            [PostgresServer.Variable] = PostgresServer.ConnectionString,
        };

        private static RealPwsh.Result[] RunWriters(int processes, string schema, int runs, params string[] policies)
        {
            var env = WriterEnv(schema, runs, policies);
            var all = Enumerable.Range(0, processes)
                .Select(_ => Task.Run(() => RealPwsh.RunCommand(WriterScript, PowerShellHost.RepoRoot, TimeSpan.FromMinutes(5), env))).ToArray();
            Task.WaitAll(all);
            var results = all.Select(t => t.Result).ToArray();
            foreach (var r in results) Assert.True(r.ExitCode == 0 && r.StdOut.Contains("writer done"), r.ToString());
            return results;
        }

        private static PowerShellHost HostWithStore(string schema, string extra = "")
        {
            var host = new PowerShellHost();
            host.Run("$global:s = New-FairnessStore -ConnectionString $args[0] -Schema $args[1] " + extra, PostgresServer.ConnectionString, schema);
            return host;
        }

        private static string RunCommand(string policy = "$args[0]") =>
            "Invoke-FairAllocation -Store $s -TaskPath '" + Tasks + "' -AgentPath '" + Agents + "' -PolicyPath " + policy;

        private static T Prop<T>(PSObject o, string name) => (T)Convert.ChangeType(o.Properties[name].Value, typeof(T));

        private static long Count(string schema, string table, string policy) =>
            Convert.ToInt64(PostgresServer.Scalar("SELECT count(*) FROM " + schema + "." + table + " WHERE policy_id = '" + policy + "'"));

        [PostgresFact]
        public void Four_writers_of_25_runs_leave_600_tasks_100_runs_and_a_chain_of_100_that_verifies()
        {
            var schema = PostgresServer.NewSchema();
            RunWriters(4, schema, 25, PolicyRr);
            using var host = HostWithStore(schema);
            var state = host.Run("Get-FairnessState -Store $s -PolicyId priority-weighted-rr").Single();
            Assert.Equal(600L, Prop<long>(state, "TotalTasks"));
            Assert.Equal(100L, Prop<long>(state, "Runs"));
            var check = host.Run("Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr").Single();
            Assert.True(Prop<bool>(check, "IsValid"), check.ToString());
            Assert.Equal(100, Prop<int>(check, "EntryCount"));
            var numbers = host.Run("Get-AllocationEvidence -Store $s -PolicyId priority-weighted-rr | ForEach-Object LineNumber").Select(o => (int)o.BaseObject).ToArray();
            Assert.Equal(Enumerable.Range(1, 100), numbers);
        }

        [PostgresFact]
        public void Two_policies_interleaved_by_four_writers_give_two_independent_chains_that_each_verify()
        {
            var schema = PostgresServer.NewSchema();
            RunWriters(4, schema, 10, PolicyRr, PolicySmooth);
            using var host = HostWithStore(schema);
            foreach (var id in new[] { "priority-weighted-rr", "priority-smooth-wrr" })
            {
                var check = host.Run("Test-AllocationEvidence -Store $s -PolicyId $args[0]", id).Single();
                Assert.True(Prop<bool>(check, "IsValid"), id + ": " + check);
                Assert.Equal(20, Prop<int>(check, "EntryCount"));
                var state = host.Run("Get-FairnessState -Store $s -PolicyId $args[0]", id).Single();
                Assert.Equal(20L, Prop<long>(state, "Runs"));
                Assert.Equal(120L, Prop<long>(state, "TotalTasks"));
            }
            Assert.Equal(new[] { "priority-smooth-wrr", "priority-weighted-rr" },
                host.Run("Get-AllocationEvidence -Store $s | ForEach-Object PolicyId").Select(o => o.ToString()).Distinct());
        }

        [PostgresFact]
        public void An_entry_changed_by_an_UPDATE_is_reported_at_its_number_and_a_deleted_tail_by_the_head()
        {
            var schema = PostgresServer.NewSchema();
            using var host = HostWithStore(schema);
            for (int i = 0; i < 4; i++) host.Run(RunCommand(), PolicyRr);
            Assert.True(Prop<bool>(host.Run("Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr").Single(), "IsValid"));

            Assert.Equal(1, PostgresServer.Execute("UPDATE " + schema + ".evidence_entries SET line = replace(line, '\"task_count\": 6', '\"task_count\": 7') WHERE entry_number = 3"));
            var check = host.Run("Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr").Single();
            Assert.False(Prop<bool>(check, "IsValid"));
            Assert.Equal(3, Prop<int>(check, "FirstInvalidLine"));
            Assert.Equal("HashMismatch", check.Properties["ErrorId"].Value);

            // Entries cut from the end leave a chain that is valid in itself: the head row still says 4.
            PostgresServer.Execute("DELETE FROM " + schema + ".evidence_entries WHERE entry_number >= 3");
            check = host.Run("Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr").Single();
            Assert.Equal("HeadMismatch", check.Properties["ErrorId"].Value);
            Assert.Equal(3, Prop<int>(check, "FirstInvalidLine"));
        }

        [PostgresFact]
        public void Export_writes_a_log_that_verifies_with_the_same_count_and_numbers()
        {
            var schema = PostgresServer.NewSchema();
            using var scratch = new Scratch();
            using var host = HostWithStore(schema);
            for (int i = 0; i < 5; i++) host.Run(RunCommand(), PolicyRr);
            var file = scratch.File("chain.jsonl");
            host.Run("Export-AllocationEvidence -Store $s -PolicyId priority-weighted-rr -Path $args[0]", file);
            var check = host.Run("Test-AllocationEvidence -Path $args[0]", file).Single();
            Assert.True(Prop<bool>(check, "IsValid"), check.ToString());
            Assert.Equal(5, Prop<int>(check, "EntryCount"));
            var fromStore = host.Run("Get-AllocationEvidence -Store $s -PolicyId priority-weighted-rr | ForEach-Object { '' + $_.LineNumber + ' ' + $_.Hash }").Select(o => o.ToString());
            var fromFile = host.Run("Get-AllocationEvidence -Path $args[0] | ForEach-Object { '' + $_.LineNumber + ' ' + $_.Hash }", file).Select(o => o.ToString());
            Assert.Equal(fromStore, fromFile);
            Assert.Equal(check.Properties["LastHash"].Value, host.Run("Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr").Single().Properties["LastHash"].Value);
        }

        [PostgresControlFact]
        public void A_server_stopped_mid_run_fails_it_with_StoreUnavailable_and_after_a_restart_nothing_of_it_exists()
        {
            var schema = PostgresServer.NewSchema();
            using var host = HostWithStore(schema);
            host.Run(RunCommand(), PolicyRr);
            host.Run(RunCommand(), PolicyRr);
            // Hold the policy's lock so that the next run is caught inside its transaction when the server stops.
            var holder = PostgresServer.Open();
            var tx = holder.BeginTransaction();
            using (var cmd = new Npgsql.NpgsqlCommand("SELECT 1 FROM " + schema + ".policy_heads WHERE policy_id = 'priority-weighted-rr' FOR UPDATE", holder, tx)) cmd.ExecuteScalar();
            var run = Task.Run(() => host.RunExpectingError(RunCommand(), PolicyRr));
            Assert.True(PostgresServer.WaitFor("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'FairnessGovernor' AND wait_event_type = 'Lock'", TimeSpan.FromSeconds(30)),
                "the run never waited for the policy's lock");
            PostgresServer.Control("stop");
            try
            {
                Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "the run did not end after the server stopped");
                var error = run.Result;
                Assert.Equal("StoreUnavailable", error.FullyQualifiedErrorId.Split(',')[0]);
                Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
                Assert.Contains("Nothing was recorded", error.Exception.Message);
                Assert.Matches("SQLSTATE (08|57P)", error.Exception.Message);
            }
            finally
            {
                try { holder.Dispose(); } catch (Exception) { }
                PostgresServer.Control("start");
            }
            Assert.Equal(2L, Count(schema, "evidence_entries", "priority-weighted-rr"));
            using var after = HostWithStore(schema);
            Assert.Equal(2L, Prop<long>(after.Run("Get-FairnessState -Store $s -PolicyId priority-weighted-rr").Single(), "Runs"));
            var check = after.Run("Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr").Single();
            Assert.True(Prop<bool>(check, "IsValid"), check.ToString());
            Assert.Equal(2, Prop<int>(check, "EntryCount"));
            // And the next run continues the chain.
            after.Run(RunCommand(), PolicyRr);
            Assert.Equal(3, Prop<int>(after.Run("Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr").Single(), "EntryCount"));
        }

        [Fact]
        public void A_server_down_from_the_start_fails_with_the_modules_error_id_naming_no_password_and_records_nothing()
        {
            const string password = "Sup3r-S3cret-Pw-20";
            int port;
            using (var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)) { l.Start(); port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port; l.Stop(); }
            using var scratch = new Scratch();
            using var host = new PowerShellHost(scratch.Path);
            var out1 = scratch.File("decisions.json");
            host.Run("$global:s = New-FairnessStore -ConnectionString ('Host=127.0.0.1;Port=' + $args[0] + ';Username=runbook;Password=' + $args[1] + ';Database=fg')", port, password);
            var error = host.RunExpectingError("Invoke-FairAllocation -Store $s -TaskPath $args[0] -AgentPath $args[1] -OutFile $args[2]", Tasks, Agents, out1);
            Assert.Equal("StoreUnavailable", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("08001", error.Exception.Message);
            Assert.Contains("Nothing was recorded", error.Exception.Message);
            Assert.False(File.Exists(out1));
            Assert.Empty(Directory.GetFiles(scratch.Path));
            foreach (var text in new[] { error.ToString(), error.Exception.ToString(), error.ErrorDetails?.Message ?? "", error.TargetObject?.ToString() ?? "", error.ErrorDetails?.RecommendedAction ?? "" })
                Assert.DoesNotContain(password, text);
            // The store object never shows it (ToString, the default view, every property, JSON), nor does -Verbose; nor with -Credential.
            var script = "Import-Module $env:FG_MODULE; $s = New-FairnessStore -ConnectionString ('Host=127.0.0.1;Port=' + $env:FG_PORT + ';Username=runbook;Password=' + $env:FG_PW + ';Database=fg'); "
                + "'' + $s; $s | Out-String; $s | Format-List * | Out-String; $s | ConvertTo-Json -Depth 4; $s | Select-Object * | Out-String; "
                + "$c = [pscredential]::new('runbook', (ConvertTo-SecureString $env:FG_PW -AsPlainText -Force)); $s2 = New-FairnessStore -ConnectionString ('Host=127.0.0.1;Port=' + $env:FG_PORT) -Credential $c; "
                + "$s2 | Format-List * | Out-String; $s2 | ConvertTo-Json; "
                + "try { Get-FairnessState -Store $s2 -PolicyId ci -Verbose 4>&1 } catch { 'ERROR ' + $_.FullyQualifiedErrorId; $_ | Format-List * -Force | Out-String; $_.Exception.ToString() }";
            var env = new Dictionary<string, string> { ["FG_MODULE"] = PowerShellHost.ModuleManifest, ["FG_PORT"] = port.ToString(), ["FG_PW"] = password };
            var r = RealPwsh.RunCommand(script, scratch.Path, TimeSpan.FromMinutes(3), env);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("runbook@127.0.0.1:" + port, r.StdOut);
            Assert.Contains("\"Location\": \"postgresql://runbook@127.0.0.1:" + port + "/fg (schema fairness_governor)\"", r.StdOut);
            Assert.Contains("ERROR StoreUnavailable", r.StdOut);
            Assert.DoesNotContain(password, r.StdOut + r.StdErr);
        }

        [PostgresFact]
        public void A_wrong_password_is_a_StoreError_with_its_SQLSTATE_that_names_no_password()
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Password = "Wr0ng-Pa55word-20" };
            using var host = new PowerShellHost();
            host.Run("$global:s = New-FairnessStore -ConnectionString $args[0] -Schema $args[1]", b.ConnectionString, PostgresServer.NewSchema());
            var error = host.RunExpectingError(RunCommand(), PolicyRr);
            Assert.Equal("StoreError", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("SQLSTATE 28P01", error.Exception.Message);
            Assert.DoesNotContain("Wr0ng-Pa55word-20", error.ToString() + error.Exception);
            Assert.DoesNotContain(PostgresServer.Password, error.ToString() + error.Exception);
        }

        [PostgresFact]
        public void A_client_killed_while_holding_a_policys_lock_does_not_block_the_next_writer()
        {
            var schema = PostgresServer.NewSchema();
            using var host = HostWithStore(schema, "-LockTimeoutSeconds 20 -SessionTimeoutSeconds 3");
            host.Run(RunCommand(), PolicyRr); // the schema and the policy exist
            foreach (var signal in new[] { "KILL", "STOP" })
            {
                // A stream holds the policy's lock and its transaction while it waits for input.
                var script = "Import-Module $env:FG_MODULE; $s = New-FairnessStore -ConnectionString $env:FAIRNESS_GOVERNOR_TEST_PG -Schema $env:FG_SCHEMA -SessionTimeoutSeconds 3; "
                    + "& { @{ id = 't1' }; Start-Sleep 300 } | Invoke-FairAllocation -Stream -Store $s -AgentPath $env:FG_AGENTS -PolicyPath $env:FG_TASKS_POLICY";
                var env = WriterEnv(schema, 0, PolicyRr);
                env["FG_TASKS_POLICY"] = PolicyRr;
                using var client = StartPwsh(script, env);
                try
                {
                    Assert.True(PostgresServer.WaitFor("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'FairnessGovernor' AND state = 'idle in transaction'", TimeSpan.FromSeconds(60)),
                        "the streaming client never held the lock: " + (client.HasExited ? client.StandardError.ReadToEnd() : "still running"));
                    Signal(client.Id, signal);
                    var clock = Stopwatch.StartNew();
                    host.Run(RunCommand(), PolicyRr);
                    // KILL: the server sees the socket close at once. STOP (a frozen client): idle_in_transaction_session_timeout (3 s) ends its session.
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(signal == "KILL" ? 3 : 10), signal + ": the next writer waited " + clock.Elapsed);
                }
                finally
                {
                    Signal(client.Id, "KILL");
                    client.WaitForExit(10000);
                }
            }
            var check = host.Run("Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr").Single();
            Assert.True(Prop<bool>(check, "IsValid"), check.ToString());
            Assert.Equal(3, Prop<int>(check, "EntryCount")); // the killed streams recorded nothing
        }

        [PostgresFact]
        public void A_writer_that_cannot_get_the_lock_in_time_fails_with_StoreError_55P03_and_records_nothing()
        {
            var schema = PostgresServer.NewSchema();
            using var host = HostWithStore(schema, "-LockTimeoutSeconds 0.5");
            host.Run(RunCommand(), PolicyRr);
            using var holder = PostgresServer.Open();
            using var tx = holder.BeginTransaction();
            using (var cmd = new Npgsql.NpgsqlCommand("SELECT 1 FROM " + schema + ".policy_heads WHERE policy_id = 'priority-weighted-rr' FOR UPDATE", holder, tx)) cmd.ExecuteScalar();
            var error = host.RunExpectingError(RunCommand(), PolicyRr);
            Assert.Equal("StoreError", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
            Assert.Contains("SQLSTATE 55P03", error.Exception.Message);
            Assert.Contains("Nothing was recorded", error.Exception.Message);
            // Another policy does not wait on this one.
            Assert.Equal(6, host.Run(RunCommand(), PolicySmooth).Count);
            tx.Rollback();
            Assert.Equal(1L, Count(schema, "evidence_entries", "priority-weighted-rr"));
        }

        [PostgresFact]
        public void Serialization_failures_and_deadlocks_are_retried_and_the_run_is_recorded_once_or_not_at_all()
        {
            var schema = PostgresServer.NewSchema();
            using var host = HostWithStore(schema);
            host.Run(RunCommand(), PolicyRr);
            // A trigger fails the entry's insert with the given SQLSTATE while a sequence (not rolled back with the
            // transaction) is at most the given count: the first attempts fail, a later one succeeds.
            PostgresServer.Execute("CREATE SEQUENCE " + schema + ".failures; CREATE TABLE " + schema + ".failing (code text, times int); "
                + "CREATE FUNCTION " + schema + ".fail() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE f record; BEGIN "
                + "SELECT * INTO f FROM " + schema + ".failing; "
                + "IF f.code IS NOT NULL AND nextval('" + schema + ".failures') <= f.times THEN RAISE EXCEPTION 'injected' USING ERRCODE = f.code; END IF; RETURN NEW; END $$; "
                + "CREATE TRIGGER fail BEFORE INSERT ON " + schema + ".evidence_entries FOR EACH ROW EXECUTE FUNCTION " + schema + ".fail();");
            foreach (var code in new[] { "40001", "40P01" })
            {
                PostgresServer.Execute("DELETE FROM " + schema + ".failing; INSERT INTO " + schema + ".failing VALUES ('" + code + "', 2); SELECT setval('" + schema + ".failures', 1, false);");
                var decided = host.Run(RunCommand(), PolicyRr);
                Assert.True(decided.Count == 6, code + ": " + string.Join("\n", host.LastErrors.Select(e => e.ToString())));
            }
            Assert.Equal(3L, Count(schema, "evidence_entries", "priority-weighted-rr"));
            Assert.Equal(3L, Prop<long>(host.Run("Get-FairnessState -Store $s -PolicyId priority-weighted-rr").Single(), "Runs"));
            // A failure that persists past the attempts is a StoreError with its SQLSTATE, and nothing is recorded.
            PostgresServer.Execute("DELETE FROM " + schema + ".failing; INSERT INTO " + schema + ".failing VALUES ('40001', 1000); SELECT setval('" + schema + ".failures', 1, false);");
            var error = host.RunExpectingError(RunCommand(), PolicyRr);
            Assert.Equal("StoreError", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("SQLSTATE 40001", error.Exception.Message);
            Assert.Contains("Nothing was recorded", error.Exception.Message);
            Assert.Equal(5L, Convert.ToInt64(PostgresServer.Scalar("SELECT last_value FROM " + schema + ".failures"))); // 5 attempts
            Assert.Equal(3L, Count(schema, "evidence_entries", "priority-weighted-rr"));
            Assert.True(Prop<bool>(host.Run("Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr").Single(), "IsValid"));
        }

        [PostgresFact]
        public void The_run_time_is_AsOf_or_the_servers_clock_and_a_shorted_agent_catches_up_through_the_store()
        {
            // Issue 19's example, kept in a store: b held to 100 of 1,000 at 00:00, then 400 tasks at 01:00 under
            // fair_share with a half-life of 1 h: the deficit of 400 halves to 200, so b gets 300 and a 100.
            var schema = PostgresServer.NewSchema();
            using var host = HostWithStore(schema);
            host.Run("$global:p = @{ policy_id = 'share'; strategy = 'fair_share'; usage_half_life = '1h' }; "
                + "$global:t1 = 1..1000 | ForEach-Object { @{ id = \"a$_\" } }; $global:t2 = 1..400 | ForEach-Object { @{ id = \"b$_\" } }");
            var first = host.Run("Invoke-FairAllocation -Store $s -Task $t1 -Agent @(@{ id = 'a' }, @{ id = 'b'; capacity = 100 }) -Policy $p -AsOf ([datetime]'2026-01-01T00:00:00Z').ToUniversalTime() | Where-Object AgentId -eq 'b'");
            Assert.Equal(100, first.Count);
            var second = host.Run("Invoke-FairAllocation -Store $s -Task $t2 -Agent @(@{ id = 'a' }, @{ id = 'b' }) -Policy $p -AsOf ([datetime]'2026-01-01T01:00:00Z').ToUniversalTime() | Where-Object AgentId -eq 'b'");
            Assert.Equal(300, second.Count);
            var asOf = (DateTime)host.Run("(Get-FairnessState -Store $s -PolicyId share).AsOf").Single().BaseObject;
            Assert.Equal(new DateTime(2026, 1, 1, 1, 0, 0, DateTimeKind.Utc), asOf.ToUniversalTime());
            var logged = host.Run("Get-AllocationEvidence -Store $s -PolicyId share | ForEach-Object { $_.Run.AsOf }").Select(o => ((DateTime)o.BaseObject).ToUniversalTime()).ToArray();
            Assert.Equal(new DateTime(2026, 1, 1, 1, 0, 0, DateTimeKind.Utc), logged[1]);

            // Without -AsOf the run's time is the server's clock, read under the policy's lock: the state records the
            // time the store wrote with the entry, not this host's clock. A stream follows the same rule.
            host.Run("Invoke-FairAllocation -Store $s -Task $t2 -Agent @(@{ id = 'a' }, @{ id = 'b' }) -Policy $p");
            host.Run("$t2 | Invoke-FairAllocation -Stream -Store $s -Agent @(@{ id = 'a' }, @{ id = 'b' }) -Policy $p");
            foreach (var number in new[] { 3, 4 })
            {
                var server = ((DateTime)PostgresServer.Scalar("SELECT logged_at FROM " + schema + ".evidence_entries WHERE policy_id = 'share' AND entry_number = " + number)!).ToUniversalTime();
                var recorded = ((DateTime)host.Run("(Get-AllocationEvidence -Store $s -PolicyId share)[" + (number - 1) + "].Run.AsOf").Single().BaseObject).ToUniversalTime();
                Assert.True(Math.Abs((recorded - server).TotalMilliseconds) < 1, number + ": run time " + recorded.ToString("o") + ", server clock " + server.ToString("o"));
            }
            var last = ((DateTime)host.Run("(Get-FairnessState -Store $s -PolicyId share).AsOf").Single().BaseObject).ToUniversalTime();
            var fourth = ((DateTime)PostgresServer.Scalar("SELECT logged_at FROM " + schema + ".evidence_entries WHERE policy_id = 'share' AND entry_number = 4")!).ToUniversalTime();
            Assert.True(Math.Abs((last - fourth).TotalMilliseconds) < 1);
            Assert.True(Prop<bool>(host.Run("Test-AllocationEvidence -Store $s -PolicyId share").Single(), "IsValid"));
        }

        [PostgresFact]
        public void Three_processes_starting_on_an_empty_database_leave_one_schema_without_error()
        {
            var schema = PostgresServer.NewSchema();
            RunWriters(3, schema, 1, PolicyRr);
            Assert.Equal(1L, PostgresServer.Scalar("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'"));
            Assert.Equal(1, PostgresServer.Scalar("SELECT version FROM " + schema + ".store_schema"));
            Assert.Equal(1L, PostgresServer.Scalar("SELECT count(*) FROM " + schema + ".store_schema"));
            Assert.Equal(4L, PostgresServer.Scalar("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"));
            Assert.Equal(3L, Count(schema, "evidence_entries", "priority-weighted-rr"));
        }

        [PostgresFact]
        public void A_schema_newer_than_the_module_is_refused_with_StoreSchemaTooNew()
        {
            var schema = PostgresServer.NewSchema();
            using (var host = HostWithStore(schema))
            {
                var info = host.Run("Initialize-FairnessStore -Store $s").Single();
                Assert.Equal(0, Prop<int>(info, "PreviousVersion"));
                Assert.Equal(1, Prop<int>(info, "Version"));
                Assert.False(Prop<bool>(host.Run("Initialize-FairnessStore -Store $s").Single(), "Migrated"));
            }
            PostgresServer.Execute("UPDATE " + schema + ".store_schema SET version = 99");
            using var fresh = HostWithStore(schema);
            var error = fresh.RunExpectingError(RunCommand(), PolicyRr);
            Assert.Equal("StoreSchemaTooNew", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("version 99", error.Exception.Message);
            Assert.Equal("StoreSchemaTooNew", fresh.RunExpectingError("Initialize-FairnessStore -Store $s").FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(0L, PostgresServer.Scalar("SELECT count(*) FROM " + schema + ".evidence_entries"));
        }

        [PostgresFact]
        public void Streams_WhatIf_Add_Reset_and_the_exclusive_parameters_work_on_a_store()
        {
            var schema = PostgresServer.NewSchema();
            using var host = HostWithStore(schema);
            // A stream is one run: one entry, its tasks in the state.
            var streamed = host.Run("Import-FairTask -Path $args[0] | Invoke-FairAllocation -Stream -Store $s -AgentPath $args[1] -PolicyPath $args[2]", Tasks, Agents, PolicyRr);
            Assert.Equal(6, streamed.Count);
            Assert.Equal(6L, Prop<long>(host.Run("Get-FairnessState -Store $s -PolicyId priority-weighted-rr").Single(), "TotalTasks"));
            // -WhatIf records nothing, batch or stream.
            host.Run(RunCommand() + " -WhatIf", PolicyRr);
            host.Run("Import-FairTask -Path $args[0] | Invoke-FairAllocation -Stream -Store $s -AgentPath $args[1] -PolicyPath $args[2] -WhatIf", Tasks, Agents, PolicyRr);
            Assert.Equal(1L, Count(schema, "evidence_entries", "priority-weighted-rr"));
            // A run made without a store, appended to its policy's chain.
            var added = host.Run("Invoke-FairAllocation -TaskPath $args[0] -AgentPath $args[1] -PolicyPath $args[2] | Add-AllocationEvidence -Store $s -PassThru", Tasks, Agents, PolicyRr).Single();
            Assert.Equal(2, Prop<int>(added, "LineNumber"));
            Assert.True(Prop<bool>(host.Run("Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr").Single(), "IsValid"));
            // Reset empties the state and keeps the chain.
            host.Run("Reset-FairnessState -Store $s -PolicyId priority-weighted-rr -Confirm:$false");
            Assert.Equal(0L, Prop<long>(host.Run("Get-FairnessState -Store $s -PolicyId priority-weighted-rr").Single(), "Runs"));
            Assert.Equal(2L, Count(schema, "evidence_entries", "priority-weighted-rr"));
            // Replay an entry of the store.
            var replay = host.Run("Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr -Replay -LineNumber 2 -TaskPath $args[0] -AgentPath $args[1] -PolicyPath $args[2]", Tasks, Agents, PolicyRr);
            Assert.True(Prop<bool>(replay[1], "IsMatch"), replay[1].ToString());
            // -Store is exclusive with the other state and log parameters; -PolicyId guards the policy.
            Assert.Equal("ConflictingStateInput", host.RunExpectingError(RunCommand() + " -StatePath x.json", PolicyRr).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("PolicyIdMismatch", host.RunExpectingError(RunCommand() + " -PolicyId ci", PolicyRr).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("AmbiguousParameterSet", host.RunExpectingError("Get-FairnessState -Store $s -PolicyId a -Path x.json").FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("StorePolicyNotFound", host.RunExpectingError("Test-AllocationEvidence -Store $s -PolicyId nope").FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("InvalidStore", host.RunExpectingError("Get-FairnessState -Store 'Host=x;Password=y' -PolicyId a").FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(2L, Count(schema, "evidence_entries", "priority-weighted-rr"));
        }

        [Fact]
        public void The_store_and_Npgsql_load_only_when_a_store_is_used_and_then_privately()
        {
            var script = "Import-Module '" + PowerShellHost.ModuleManifest + "'; "
                + "$null = Invoke-FairAllocation -TaskPath '" + Tasks + "' -AgentPath '" + Agents + "' -StatePath (Join-Path ([IO.Path]::GetTempPath()) ('fg-' + [guid]::NewGuid() + '.json')); "
                + "$null = Get-FairnessState -Path nothing.json; $null = Get-Command -Module FairnessGovernor | Get-Help; "
                + "'before=' + @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -match '^(Npgsql|FairnessGovernor\\.Store\\.Postgres)$' }).Count; "
                + "$s = New-FairnessStore -ConnectionString 'Host=127.0.0.1;Port=1;Username=u'; "
                + "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -match '^(Npgsql|FairnessGovernor\\.Store\\.Postgres)$' } | "
                + "ForEach-Object { 'after=' + $_.GetName().Name + '@' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name + '@' + $_.GetName().Version }";
            var r = RealPwsh.RunCommand(script, Path.GetTempPath(), TimeSpan.FromMinutes(3));
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("before=0", r.StdOut);
            Assert.Contains("after=Npgsql@FairnessGovernor@8.0.9", r.StdOut);
            Assert.Contains("after=FairnessGovernor.Store.Postgres@FairnessGovernor@", r.StdOut);
        }

        private static Process StartPwsh(string command, Dictionary<string, string> env)
        {
            var psi = new ProcessStartInfo(RealPwsh.Dotnet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            foreach (var a in new[] { RealPwsh.PwshDll, "-NoProfile", "-NonInteractive", "-Command", command }) psi.ArgumentList.Add(a);
            psi.Environment.Remove("PSModulePath");
            foreach (var pair in env) psi.Environment[pair.Key] = pair.Value;
            return Process.Start(psi)!;
        }

        private static void Signal(int pid, string signal)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", "-" + signal + " " + pid) { UseShellExecute = false, RedirectStandardError = true })!;
            kill.WaitForExit(10000);
        }
    }
}
