using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// Bad input through the cmdlets (issue 6): every fault is a terminating ErrorRecord with the engine's
    /// id, a category, and a message naming the file or objects, the item and the field; a failed run
    /// writes nothing.
    /// </summary>
    public class BadInputCmdletTests
    {
        private const string Invoke = "FairnessGovernor.PowerShell.Commands.InvokeFairAllocationCommand";
        private const string ImportTask = "FairnessGovernor.PowerShell.Commands.ImportFairTaskCommand";

        [Theory]
        [InlineData("Task", "t.json", "[{\"id\": \"t1\"}", "InvalidJson", ErrorCategory.InvalidData, null, null)]
        [InlineData("Task", "t.json", "", "EmptyInput", ErrorCategory.InvalidData, null, null)]
        [InlineData("Task", "t.yaml", "- id: t1\n  id: t2\n", "DuplicateKey", ErrorCategory.InvalidData, null, "id")]
        [InlineData("Task", "t.json", "{\"tasks\": {\"id\": \"t1\"}}", "InvalidDocumentShape", ErrorCategory.InvalidData, null, "tasks")]
        [InlineData("Task", "t.json", "[{\"id\": \"t1\", \"priority\": \"urgent\"}]", "InvalidPriority", ErrorCategory.InvalidData, "tasks[0] (id 't1')", "priority")]
        [InlineData("Task", "t.json", "[{\"id\": \"t1\"}, {\"id\": \"t1\"}]", "DuplicateId", ErrorCategory.InvalidData, "tasks[1] (id 't1')", "id")]
        [InlineData("Task", "t.json", "[{\"id\": \"  \"}]", "MissingId", ErrorCategory.InvalidData, "tasks[0]", "id")]
        [InlineData("Agent", "a.json", "[{\"id\": \"a\", \"weight\": -2}]", "InvalidWeight", ErrorCategory.InvalidData, "agents[0] (id 'a')", "weight")]
        [InlineData("Agent", "a.json", "[{\"id\": \"a\", \"capacity\": 1.5}]", "InvalidCapacity", ErrorCategory.InvalidData, "agents[0] (id 'a')", "capacity")]
        [InlineData("Agent", "a.yaml", "- id: a\n  max_share: 2\n", "InvalidMaxShare", ErrorCategory.InvalidData, "agents[0] (id 'a')", "max_share")]
        [InlineData("Agent", "a.json", "[null]", "NullItem", ErrorCategory.InvalidData, "agents[0]", null)]
        [InlineData("Policy", "p.json", "{\"strategy\": \"random\"}", "InvalidStrategy", ErrorCategory.InvalidData, "policy", "strategy")]
        [InlineData("Policy", "p.json", "{\"max_bypass\": \"3\"}", "InvalidMaxBypass", ErrorCategory.InvalidData, "policy", "max_bypass")]
        [InlineData("Policy", "p.yaml", "group_quotas: [a]\n", "InvalidGroupQuotas", ErrorCategory.InvalidData, "policy", "group_quotas")]
        [InlineData("Policy", "p.yaml", "x: &x [1, 1]\ny: [*x, *x]\n", "AliasExpansionLimit", ErrorCategory.LimitsExceeded, null, null, "-MaxAliasExpansion 3")]
        [InlineData("Task", "t.json", "[[[{\"id\": \"t\"}]]]", "InputTooDeep", ErrorCategory.LimitsExceeded, null, null, "-MaxDepth 2")]
        [InlineData("Task", "t.json", "[{\"id\": \"t\"}]", "InputTooLarge", ErrorCategory.LimitsExceeded, null, null, "-MaxInputBytes 5")]
        public void Bad_files_through_Invoke_FairAllocation(string input, string file, string content, string errorId, ErrorCategory category, string? item, string? field, string extra = "")
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var path = dir.Write(file, content);
            string tasks = input == "Task" ? "-LiteralTaskPath $args[0]" : "-TaskPath fixtures/tasks.json";
            string agents = input == "Agent" ? "-LiteralAgentPath $args[0]" : "-AgentPath fixtures/agents.json";
            string policy = input == "Policy" ? "-LiteralPolicyPath $args[0]" : "";
            var err = ps.RunExpectingError("Invoke-FairAllocation " + tasks + " " + agents + " " + policy + " " + extra, path);
            Assert.Equal(errorId + "," + Invoke, err.FullyQualifiedErrorId);
            Assert.Equal(category, err.CategoryInfo.Category);
            Assert.StartsWith(path, err.ErrorDetails.Message);
            if (item != null) Assert.Contains(item + (field != null ? ", field '" + field + "'" : ""), err.ErrorDetails.Message);
            else if (field != null) Assert.Contains("field '" + field + "'", err.ErrorDetails.Message);
            Assert.Equal("FairnessGovernor.Input.FairnessInputException", err.Exception.GetType().FullName);
        }

        [Theory]
        [InlineData("$null, @{ id = 't2' } | Invoke-FairAllocation -Agent @{ id = 'a' }", "NullItem", "-Task objects: tasks[0]: ")]
        [InlineData("@{ priority = 'high' } | Invoke-FairAllocation -Agent @{ id = 'a' }", "MissingId", "tasks[0], field 'id'")]
        [InlineData("@{ id = 5 } | Invoke-FairAllocation -Agent @{ id = 'a' }", "InvalidId", "tasks[0], field 'id'")]
        [InlineData("@{ id = @{ x = 1 } } | Invoke-FairAllocation -Agent @{ id = 'a' }", "InvalidId", "tasks[0], field 'id'")]
        [InlineData("@{ id = 't'; priority = 'urgent' } | Invoke-FairAllocation -Agent @{ id = 'a' }", "InvalidPriority", "tasks[0] (id 't'), field 'priority'")]
        [InlineData("[pscustomobject]@{ id = 't'; duration = 'soon' } | Invoke-FairAllocation -Agent @{ id = 'a' }", "InvalidDuration", "tasks[0] (id 't'), field 'duration'")]
        [InlineData("@{ id = 't' }, @{ id = 't' } | Invoke-FairAllocation -Agent @{ id = 'a' }", "DuplicateId", "tasks[1] (id 't'), field 'id'")]
        [InlineData("@{ id = 't' } | Invoke-FairAllocation -Agent ([pscustomobject]@{ id = 'a'; weight = 'heavy' })", "InvalidWeight", "-Agent objects: agents[0] (id 'a'), field 'weight'")]
        [InlineData("@{ id = 't' } | Invoke-FairAllocation -Agent @{ id = 'a'; weight = @{ n = 2 } }", "InvalidWeight", "agents[0] (id 'a'), field 'weight'")]
        [InlineData("@{ id = 't' } | Invoke-FairAllocation -Agent @{ id = 'a'; capacity = -1 }", "InvalidCapacity", "agents[0] (id 'a'), field 'capacity'")]
        [InlineData("@{ id = 't' } | Invoke-FairAllocation -Agent @{ id = 'a'; weight = [double]::NaN }", "InvalidWeight", "agents[0] (id 'a'), field 'weight'")]
        [InlineData("@{ id = 't' } | Invoke-FairAllocation -Agent @{ id = 'a' }, $null", "NullItem", "-Agent objects: agents[1]: ")]
        [InlineData("@{ id = 't' } | Invoke-FairAllocation -Agent @{ id = ' ' }", "MissingId", "agents[0], field 'id'")]
        [InlineData("@{ id = 't' } | Invoke-FairAllocation -Agent @{ id = 'a' } -Policy @{ strategy = 5 }", "InvalidStrategy", "-Policy objects: policy, field 'strategy'")]
        [InlineData("@{ id = 't' } | Invoke-FairAllocation -Agent @{ id = 'a' } -Policy @{ respect_priority = 'maybe' }", "InvalidRespectPriority", "policy, field 'respect_priority'")]
        [InlineData("$q = @{}; $q[1] = 2; $q['1'] = 3; @{ id = 't' } | Invoke-FairAllocation -Agent @{ id = 'a' } -Policy @{ group_quotas = $q }", "InvalidGroupQuotas", "policy, field 'group_quotas'")]
        [InlineData("@{ id = 't' } | Invoke-FairAllocation -Agent @{ id = 'a' } -Policy @{ max_skew_ratio = [double]::PositiveInfinity }", "InvalidMaxSkewRatio", "policy, field 'max_skew_ratio'")]
        [InlineData("$h = @{ id = 'a' }; $h.weight = $h; @{ id = 't' } | Invoke-FairAllocation -Agent $h", "InvalidWeight", "agents[0] (id 'a'), field 'weight'")]
        public void Bad_pipeline_objects_name_the_item_and_field(string script, string errorId, string where)
        {
            using var ps = new PowerShellHost();
            var err = ps.RunExpectingError(script);
            Assert.Equal(errorId + "," + Invoke, err.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, err.CategoryInfo.Category);
            Assert.Contains(where, err.ErrorDetails.Message);
            Assert.Equal("FairnessGovernor.Input.FairnessInputException", err.Exception.GetType().FullName);
        }

        [Fact]
        public void Self_referencing_objects_end_and_their_unknown_keys_are_ignored()
        {
            using var ps = new PowerShellHost();
            var result = ps.Run("$h = @{ id = 'a' }; $h.self = $h; $h.again = $h; $t = [pscustomobject]@{ id = 't' }; $t | Add-Member -NotePropertyName me -NotePropertyValue $t; $t | Invoke-FairAllocation -Agent $h");
            Assert.Equal("a", Assert.Single(result).Properties["AgentId"].Value);
        }

        [Fact]
        public void Import_cmdlets_take_the_limits_and_report_bad_files()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var deep = dir.Write("t.json", "{\"tasks\": [{\"id\": \"t\", \"x\": [[[1]]]}]}");
            var tooDeep = ps.RunExpectingError("Import-FairTask -LiteralPath $args[0] -MaxDepth 3", deep);
            Assert.Equal("InputTooDeep," + ImportTask, tooDeep.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, tooDeep.CategoryInfo.Category);
            Assert.Single(ps.Run("Import-FairTask -LiteralPath $args[0] -MaxDepth 10", deep));
            var big = ps.RunExpectingError("Import-FairAgent -Path fixtures/agents.json -MaxInputBytes 10");
            Assert.Equal("InputTooLarge,FairnessGovernor.PowerShell.Commands.ImportFairAgentCommand", big.FullyQualifiedErrorId);
            var alias = dir.Write("p.yaml", "x: &x [1, 2, 3]\ny: *x\npolicy_id: p\n");
            Assert.Equal("AliasExpansionLimit,FairnessGovernor.PowerShell.Commands.ImportFairnessPolicyCommand",
                ps.RunExpectingError("Import-FairnessPolicy -LiteralPath $args[0] -MaxAliasExpansion 2", alias).FullyQualifiedErrorId);
            Assert.Equal("p", ps.Run("(Import-FairnessPolicy -LiteralPath $args[0] -MaxAliasExpansion 4).PolicyId", alias)[0].BaseObject);
            var pipeline = ps.RunExpectingError("[pscustomobject]@{ id = 't'; priority = 7 } | Import-FairTask");
            Assert.Equal("InvalidPriority," + ImportTask, pipeline.FullyQualifiedErrorId);
            Assert.Contains("-InputObject objects: tasks[0] (id 't'), field 'priority'", pipeline.ErrorDetails.Message);
        }

        [Fact]
        public void Get_FairnessMetrics_reads_AgentPath_under_the_limits()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            const string Rows = "$rows = @([pscustomobject]@{ TaskId = 't1'; AgentId = 'agent-b'; RunId = 'r' }, [pscustomobject]@{ TaskId = 't2'; AgentId = ''; Status = 'Unassigned'; RunId = 'r' }); ";
            const string Metrics = "FairnessGovernor.PowerShell.Commands.GetFairnessMetricsCommand";
            // The fixture is about 100 bytes: a 10-byte limit refuses it as Invoke-FairAllocation and Import-FairAgent do.
            var big = ps.RunExpectingError(Rows + "$rows | Get-FairnessMetrics -AgentPath fixtures/agents.json -MaxInputBytes 10");
            Assert.Equal("InputTooLarge," + Metrics, big.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, big.CategoryInfo.Category);
            Assert.Equal("InputTooLarge,FairnessGovernor.PowerShell.Commands.ImportFairAgentCommand",
                ps.RunExpectingError("Import-FairAgent -Path fixtures/agents.json -MaxInputBytes 10").FullyQualifiedErrorId);
            var m = ps.Run(Rows + "$rows | Get-FairnessMetrics -AgentPath fixtures/agents.json -MaxInputBytes 4096").Single();
            Assert.Equal(3, m.Properties["AgentCount"].Value);
            Assert.Equal(1, m.Properties["UnassignedCount"].Value);
            // -MaxDepth and -MaxAliasExpansion apply too.
            var deep = dir.Write("agents.json", "{\"agents\": [{\"id\": \"agent-b\", \"x\": [[1]]}]}");
            Assert.Equal("InputTooDeep," + Metrics, ps.RunExpectingError(Rows + "$rows | Get-FairnessMetrics -AgentPath $args[0] -MaxDepth 3", deep).FullyQualifiedErrorId);
            Assert.Single(ps.Run(Rows + "$rows | Get-FairnessMetrics -AgentPath $args[0] -MaxDepth 10", deep));
            var alias = dir.Write("agents.yaml", "- &b {id: agent-b, x: [1, 2, 3]}\n- {id: agent-c, x: *b}\n");
            Assert.Equal("AliasExpansionLimit," + Metrics, ps.RunExpectingError(Rows + "$rows | Get-FairnessMetrics -AgentPath $args[0] -MaxAliasExpansion 2", alias).FullyQualifiedErrorId);
            Assert.Single(ps.Run(Rows + "$rows | Get-FairnessMetrics -AgentPath $args[0]", alias));
            Assert.Equal("ParameterArgumentValidationError," + Metrics, ps.RunExpectingError(Rows + "$rows | Get-FairnessMetrics -AgentPath fixtures/agents.json -MaxInputBytes 0").FullyQualifiedErrorId);
        }

        [Fact]
        public void A_stream_reads_every_input_under_the_limits()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var agents = dir.Write("agents.json", "[{\"id\": \"a\", \"weight\": 1}]");
            var policy = dir.Write("policy.json", "{\"policy_id\": \"p\"}");
            var deepTasks = dir.Write("tasks.json", "[{\"id\": \"t1\", \"x\": [[[1]]]}]");
            const string Files = " -AgentPath $args[0] -PolicyPath $args[1]";
            // -TaskPath with -Stream is read under -MaxDepth as without it.
            Assert.Equal("InputTooDeep," + Invoke, ps.RunExpectingError("Invoke-FairAllocation -TaskPath $args[2]" + Files + " -MaxDepth 3", agents, policy, deepTasks).FullyQualifiedErrorId);
            Assert.Equal("InputTooDeep," + Invoke, ps.RunExpectingError("Invoke-FairAllocation -Stream -TaskPath $args[2]" + Files + " -MaxDepth 3", agents, policy, deepTasks).FullyQualifiedErrorId);
            Assert.Single(ps.Run("Invoke-FairAllocation -Stream -TaskPath $args[2]" + Files + " -MaxDepth 10", agents, policy, deepTasks));
            // The agent and policy files of a stream too.
            const string Piped = "[pscustomobject]@{ id = 't1' } | Invoke-FairAllocation -Stream";
            Assert.Equal("InputTooLarge," + Invoke, ps.RunExpectingError(Piped + Files + " -MaxInputBytes 20", agents, policy).FullyQualifiedErrorId);
            Assert.Single(ps.Run(Piped + Files + " -MaxInputBytes 4096", agents, policy));
        }

        [Theory]
        [InlineData("-MaxDepth 0")]
        [InlineData("-MaxDepth 1001")]
        [InlineData("-MaxInputBytes 0")]
        [InlineData("-MaxAliasExpansion -1")]
        public void Limit_parameters_are_range_checked_by_the_binder(string parameter)
        {
            using var ps = new PowerShellHost();
            var err = ps.RunExpectingError("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json " + parameter);
            Assert.Equal("ParameterArgumentValidationError," + Invoke, err.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, err.CategoryInfo.Category);
        }

        [Fact]
        public void Devices_and_fifos_are_refused_not_read()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var zero = dir.File("zero.json");
            File.CreateSymbolicLink(zero, "/dev/zero");
            var err = ps.RunExpectingError("Invoke-FairAllocation -LiteralTaskPath $args[0] -AgentPath fixtures/agents.json", zero);
            Assert.Equal("InputNotAFile," + Invoke, err.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, err.CategoryInfo.Category);
            Assert.Contains("character device", err.ErrorDetails.Message);
            var fifo = dir.File("agents.yaml");
            Assert.Equal(0, MkFifo(fifo, Convert.ToUInt32("644", 8)));
            var f = ps.RunExpectingError("Import-FairAgent -LiteralPath $args[0]", fifo);
            Assert.Equal("InputNotAFile,FairnessGovernor.PowerShell.Commands.ImportFairAgentCommand", f.FullyQualifiedErrorId);
        }

        [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
        private static extern int MkFifo(string path, uint mode);

        [Theory]
        [InlineData("Task", "[{\"id\": \"t1\"}, {\"id\": \"t1\"}]")]
        [InlineData("Agent", "[{\"id\": \"a\", \"weight\": \"2\"}]")]
        [InlineData("Policy", "{\"max_skew_ratio\": 0}")]
        public void A_failed_run_leaves_an_existing_OutFile_byte_for_byte_and_no_temp_file(string input, string content)
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var bad = dir.Write(input.ToLowerInvariant() + ".json", content);
            var outFile = dir.File("allocation.json");
            ps.Run("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -OutFile $args[0]", outFile);
            var before = File.ReadAllBytes(outFile);
            Assert.NotEmpty(before);
            string tasks = input == "Task" ? "-LiteralTaskPath $args[1]" : "-TaskPath fixtures/tasks.json";
            string agents = input == "Agent" ? "-LiteralAgentPath $args[1]" : "-AgentPath fixtures/agents.json";
            string policy = input == "Policy" ? "-LiteralPolicyPath $args[1]" : "";
            var err = ps.RunExpectingError("Invoke-FairAllocation " + tasks + " " + agents + " " + policy + " -OutFile $args[0] -PassThru", outFile, bad);
            Assert.Equal(ErrorCategory.InvalidData, err.CategoryInfo.Category);
            Assert.Equal(before, File.ReadAllBytes(outFile));
            Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
            // A new -OutFile is not created either.
            var fresh = dir.File("fresh.json");
            ps.RunExpectingError("Invoke-FairAllocation " + tasks + " " + agents + " " + policy + " -OutFile $args[0]", fresh, bad);
            Assert.False(File.Exists(fresh));
            Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        }

        [Fact]
        public void A_failed_run_adds_no_evidence_line()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("evidence.jsonl");
            var bad = dir.Write("agents.json", "[{\"id\": \"a\", \"weight\": \"heavy\"}]");
            var missing = ps.RunExpectingError("Invoke-FairAllocation -TaskPath fixtures/tasks.json -LiteralAgentPath $args[1] | Add-AllocationEvidence -Path $args[0]", log, bad);
            Assert.Equal("InvalidWeight," + Invoke, missing.FullyQualifiedErrorId);
            Assert.False(File.Exists(log));
            ps.Run("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json | Add-AllocationEvidence -Path $args[0]", log);
            var before = File.ReadAllBytes(log);
            ps.RunExpectingError("@{ id = 't' }, $null | Invoke-FairAllocation -AgentPath fixtures/agents.json | Add-AllocationEvidence -Path $args[0]", log);
            Assert.Equal(before, File.ReadAllBytes(log));
            Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        }

        [Fact]
        public void Valid_edge_cases_run()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            // Wrapped arrays, Unicode ids, all agents full: every task Unassigned, no error.
            var tasks = dir.Write("tasks.yaml", "tasks:\n  - id: \"\ud83d\ude80\"\n  - id: t\u00e2che\n");
            var agents = dir.Write("agents.json", "{\"agents\": [{\"id\": \"full\", \"capacity\": 0}, {\"id\": \"zero\", \"weight\": 0}]}");
            var decisions = ps.Run("Invoke-FairAllocation -LiteralTaskPath $args[0] -LiteralAgentPath $args[1]", tasks, agents);
            Assert.Equal(new[] { "\ud83d\ude80", "t\u00e2che" }, decisions.Select(d => (string)d.Properties["TaskId"].Value));
            Assert.All(decisions, d => Assert.Equal("Unassigned", d.Properties["Status"].Value));
            // No tasks in a file: no decisions but the run's EmptyRun (SPEC 1.8); an empty -OutFile document is still written.
            var none = dir.Write("none.json", "[]");
            Assert.Equal(0, ps.Run("Invoke-FairAllocation -LiteralTaskPath $args[0] -LiteralAgentPath $args[1]", none, agents).Single().Properties["TaskCount"].Value);
            var outFile = dir.File("out.json");
            ps.Run("Invoke-FairAllocation -LiteralTaskPath $args[0] -AgentPath fixtures/agents.json -OutFile $args[1]", none, outFile);
            Assert.True(File.Exists(outFile));
        }
    }
}
