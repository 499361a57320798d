using System.IO;
using System.Linq;
using System.Management.Automation;

namespace FairnessGovernor.PowerShell.Tests
{
    public class ErrorTests
    {
        private const string Invoke = "FairnessGovernor.PowerShell.Commands.InvokeFairAllocationCommand";

        [Theory]
        [InlineData("agents.json", "[{\"id\": \"a\", \"weight\": \"heavy\"}]", "InvalidWeight", ErrorCategory.InvalidData, "weight")]
        [InlineData("agents.json", "[{\"id\": \"a\"}, {\"id\": \"a\"}]", "DuplicateId", ErrorCategory.InvalidData, "id")]
        [InlineData("agents.yaml", "- id: a\n\tweight: 1\n", "InvalidYaml", ErrorCategory.InvalidData, null)]
        [InlineData("agents.json", "[{\"id\": \"a\"", "InvalidJson", ErrorCategory.InvalidData, null)]
        [InlineData("agents.txt", "[]", "UnsupportedInputFormat", ErrorCategory.InvalidArgument, null)]
        public void Bad_agent_files_give_terminating_errors_naming_file_and_field(string name, string content, string id, ErrorCategory category, string? field)
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var path = dir.Write(name, content);
            var err = ps.RunExpectingError("Invoke-FairAllocation -TaskPath fixtures/tasks.json -LiteralAgentPath $args[0]", path);
            Assert.Equal(id + "," + Invoke, err.FullyQualifiedErrorId);
            Assert.Equal(category, err.CategoryInfo.Category);
            Assert.Contains(path, err.ErrorDetails.Message);
            if (field != null) Assert.Contains("field '" + field + "'", err.ErrorDetails.Message);
        }

        [Fact]
        public void Bad_pipeline_objects_name_the_item_and_field()
        {
            using var ps = new PowerShellHost();
            var err = ps.RunExpectingError("@{ id = 't1' }, @{ priority = 'high' } | Invoke-FairAllocation -Agent @{ id = 'a' }");
            Assert.Equal("MissingId," + Invoke, err.FullyQualifiedErrorId);
            Assert.Contains("-Task objects: tasks[1], field 'id'", err.ErrorDetails.Message);
            var weight = ps.RunExpectingError("@{ id = 't1' } | Invoke-FairAllocation -Agent ([pscustomobject]@{ id = 'a'; weight = 'heavy' })");
            Assert.Equal("InvalidWeight," + Invoke, weight.FullyQualifiedErrorId);
            Assert.Contains("agents[0] (id 'a'), field 'weight'", weight.ErrorDetails.Message);
        }

        [Fact]
        public void Missing_and_ambiguous_paths()
        {
            using var ps = new PowerShellHost();
            var missing = ps.RunExpectingError("Invoke-FairAllocation -TaskPath fixtures/nope.json -AgentPath fixtures/agents.json");
            Assert.Equal("InputFileNotFound," + Invoke, missing.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
            var ambiguous = ps.RunExpectingError("Invoke-FairAllocation -TaskPath fixtures/tasks.* -AgentPath fixtures/agents.json");
            Assert.Equal("AmbiguousPath," + Invoke, ambiguous.FullyQualifiedErrorId);
            var notFs = ps.RunExpectingError("Invoke-FairAllocation -TaskPath variable:PWD -AgentPath fixtures/agents.json");
            Assert.Equal("NotAFileSystemPath," + Invoke, notFs.FullyQualifiedErrorId);
        }

        [Fact]
        public void Conflicting_or_missing_inputs()
        {
            using var ps = new PowerShellHost();
            Assert.Equal("MissingAgentInput," + Invoke, ps.RunExpectingError("Invoke-FairAllocation -TaskPath fixtures/tasks.json").FullyQualifiedErrorId);
            Assert.Equal("MissingTaskInput," + Invoke, ps.RunExpectingError("Invoke-FairAllocation -AgentPath fixtures/agents.json").FullyQualifiedErrorId);
            Assert.Equal("ConflictingTaskInput," + Invoke, ps.RunExpectingError("@{ id = 'x' } | Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json").FullyQualifiedErrorId);
            Assert.Equal("ConflictingPathParameters," + Invoke, ps.RunExpectingError("Invoke-FairAllocation -TaskPath fixtures/tasks.json -LiteralTaskPath fixtures/tasks.json -AgentPath fixtures/agents.json").FullyQualifiedErrorId);
            Assert.Equal("OutFileSwitchWithoutOutFile," + Invoke, ps.RunExpectingError("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PassThru").FullyQualifiedErrorId);
        }

        [Fact]
        public void Edge_cases_that_are_valid()
        {
            using var ps = new PowerShellHost();
            // No tasks: no decisions, and the run itself for metrics and evidence (SPEC 1.8).
            Assert.Equal("FairnessGovernor.Allocation.EmptyRun", ps.Run("@() | Invoke-FairAllocation -AgentPath fixtures/agents.json").Single().BaseObject.GetType().FullName);
            var none = ps.Run("@{ id = 'ü-1' }, @{ id = '任务' } | Invoke-FairAllocation -Agent @()");
            Assert.Equal(2, none.Count);
            Assert.All(none, d => Assert.Equal("Unassigned", d.Properties["Status"].Value));
            Assert.Equal("任务", none[1].Properties["TaskId"].Value);
            var zero = ps.Run("@{ id = 't' } | Invoke-FairAllocation -Agent @{ id = 'z'; weight = 0 }, @{ id = 'c'; capacity = 0 } | Get-FairnessMetrics");
            Assert.Equal(1, zero[0].Properties["UnassignedCount"].Value);
        }

        [Fact]
        public void Metrics_and_evidence_reject_what_they_cannot_use()
        {
            using var ps = new PowerShellHost();
            var notDecision = ps.RunExpectingError("[pscustomobject]@{ Name = 'x' } | Get-FairnessMetrics");
            Assert.Equal("InvalidDecision,FairnessGovernor.PowerShell.Commands.GetFairnessMetricsCommand", notDecision.FullyQualifiedErrorId);
            var unknown = ps.RunExpectingError("[pscustomobject]@{ TaskId = 't'; AgentId = 'ghost' } | Get-FairnessMetrics -AgentPath fixtures/agents.json");
            Assert.Equal("UnknownAgent,FairnessGovernor.PowerShell.Commands.GetFairnessMetricsCommand", unknown.FullyQualifiedErrorId);
            using var dir = new Scratch();
            var log = dir.File("e.jsonl");
            var untyped = ps.RunExpectingError("[pscustomobject]@{ TaskId = 't'; AgentId = 'a' } | Add-AllocationEvidence -Path $args[0]", log);
            Assert.Equal("EvidenceNeedsDecisions,FairnessGovernor.PowerShell.Commands.AddAllocationEvidenceCommand", untyped.FullyQualifiedErrorId);
            Assert.False(File.Exists(log));
        }

        [Fact]
        public void OutFile_in_a_missing_folder_names_the_path_given_not_the_temporary_file()
        {
            // Issue 22 item 13: the message named '.out.json.<random>.tmp'.
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var target = Path.Combine(dir.Path, "missing", "out.json");
            var err = ps.RunExpectingError("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json -OutFile $args[0]", target);
            Assert.Equal("OutFileWriteFailed,FairnessGovernor.PowerShell.Commands.InvokeFairAllocationCommand", err.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.WriteError, err.CategoryInfo.Category);
            Assert.Contains("'" + target + "'", err.Exception.Message);
            Assert.Contains("'" + Path.Combine(dir.Path, "missing") + "' does not exist", err.Exception.Message);
            Assert.DoesNotContain(".tmp", err.Exception.Message);
            Assert.False(Directory.Exists(Path.Combine(dir.Path, "missing")));
        }

        [Fact]
        public void Read_back_Wait_values_are_numbers_in_the_invariant_or_current_culture_and_nothing_else()
        {
            // Issue 22 item 4: in de-DE, Export-Csv writes 1,5, which was skipped without a word (WaitMean 0).
            using var ps = new PowerShellHost();
            const string Rows = "[pscustomobject]@{ TaskId = 't1'; AgentId = 'a'; Status = 'Assigned'; RunId = 'r'; Wait = $args[0] }, " +
                                "[pscustomobject]@{ TaskId = 't2'; AgentId = 'a'; Status = 'Assigned'; RunId = 'r'; Wait = '0' }";
            var de = ps.Run("$c = [cultureinfo]::CurrentCulture; try { [cultureinfo]::CurrentCulture = 'de-DE'; (" + Rows + " | Get-FairnessMetrics).WaitMean } finally { [cultureinfo]::CurrentCulture = $c }", "1,5");
            Assert.Equal(0.75, de.Single().BaseObject);
            Assert.Equal(0.75, ps.Run("(" + Rows + " | Get-FairnessMetrics).WaitMean", "1.5").Single().BaseObject);
            Assert.Equal(0.0, ps.Run("(" + Rows + " | Get-FairnessMetrics).WaitMean", "").Single().BaseObject); // blank: not set
            foreach (var bad in new[] { "abc", "NaN", "-5", "Infinity" })
            {
                var err = ps.RunExpectingError("" + Rows + " | Get-FairnessMetrics", bad);
                Assert.Equal("InvalidDecision,FairnessGovernor.PowerShell.Commands.GetFairnessMetricsCommand", err.FullyQualifiedErrorId);
                Assert.Contains("field 'Wait'", err.Exception.Message);
                Assert.Contains("'" + bad + "'", err.Exception.Message);
            }
        }
    }
}
