using System.IO;
using System.Linq;
using System.Management.Automation;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// The one mapping from the engine's errors (FairnessException and its three kinds) to ErrorRecords, and the
    /// input limits of Test-AllocationEvidence -Replay, which reads its inputs through the same helper as Invoke-FairAllocation.
    /// </summary>
    public class EngineErrorTests
    {
        private const string Test = "FairnessGovernor.PowerShell.Commands.TestAllocationEvidenceCommand";
        private const string Sample = "Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json";

        // Builds the engine exception from the module's own engine assembly and maps it the way every cmdlet does.
        private const string MapScript = @"
param($kind, $id)
$engine = (New-FairTask probe).GetType().Assembly
$ex = switch ($kind) {
    'input' { $engine.GetType('FairnessGovernor.Input.FairnessInputException', $true)::new($id, 'source.json', 'agents[0]', 'weight', 'problem', 0, 0, $null) }
    'state' { $engine.GetType('FairnessGovernor.State.GovernorStateException', $true)::new($id, 'state.json', 'problem', $null) }
    'evidence' { $engine.GetType('FairnessGovernor.Evidence.EvidenceLogException', $true)::new($id, 'log.jsonl', 'problem', 3, 'hash', 120L, $null) }
}
$mapper = (Get-Command Invoke-FairAllocation).ImplementingType.Assembly.GetType('FairnessGovernor.PowerShell.EngineErrors', $true)
$record = $mapper.GetMethod('ToErrorRecord').Invoke($null, @($ex, $null))
$record.FullyQualifiedErrorId
[string]$record.CategoryInfo.Category
$record.TargetObject
$record.ErrorDetails.Message
$record.ErrorDetails.RecommendedAction
";

        [Theory]
        // Input errors (SPEC.md 1.7): the file system and the limits have their own categories, every rule is InvalidData.
        [InlineData("input", "InputFileNotFound", ErrorCategory.ObjectNotFound)]
        [InlineData("input", "InputFileUnreadable", ErrorCategory.ReadError)]
        [InlineData("input", "InputPathIsDirectory", ErrorCategory.InvalidArgument)]
        [InlineData("input", "InputNotAFile", ErrorCategory.InvalidArgument)]
        [InlineData("input", "UnsupportedInputFormat", ErrorCategory.InvalidArgument)]
        [InlineData("input", "InputTooLarge", ErrorCategory.LimitsExceeded)]
        [InlineData("input", "InputTooDeep", ErrorCategory.LimitsExceeded)]
        [InlineData("input", "AliasExpansionLimit", ErrorCategory.LimitsExceeded)]
        [InlineData("input", "InvalidWeight", ErrorCategory.InvalidData)]
        [InlineData("input", "DuplicateId", ErrorCategory.InvalidData)]
        [InlineData("input", "InvalidYaml", ErrorCategory.InvalidData)]
        [InlineData("input", "InvalidJson", ErrorCategory.InvalidData)]
        [InlineData("input", "UnknownAgent", ErrorCategory.InvalidData)]
        [InlineData("input", "InvalidDecision", ErrorCategory.InvalidData)]
        // State-file errors (SPEC.md 7.5).
        [InlineData("state", "StateFileLocked", ErrorCategory.ResourceBusy)]
        [InlineData("state", "StateFileUnreadable", ErrorCategory.ReadError)]
        [InlineData("state", "StateFileUnwritable", ErrorCategory.WriteError)]
        [InlineData("state", "StatePathIsDirectory", ErrorCategory.InvalidArgument)]
        [InlineData("state", "StateLockDisabled", ErrorCategory.NotEnabled)]
        [InlineData("state", "InvalidStateFile", ErrorCategory.InvalidData)]
        [InlineData("state", "UnsupportedStateVersion", ErrorCategory.InvalidData)]
        // Evidence-log errors (SPEC.md 5).
        [InlineData("evidence", "EvidenceLogNotFound", ErrorCategory.ObjectNotFound)]
        [InlineData("evidence", "EvidenceLogLocked", ErrorCategory.ResourceBusy)]
        [InlineData("evidence", "EvidenceLogUnreadable", ErrorCategory.ReadError)]
        [InlineData("evidence", "EvidenceLogUnwritable", ErrorCategory.WriteError)]
        [InlineData("evidence", "EvidenceLogWriteFailed", ErrorCategory.WriteError)]
        [InlineData("evidence", "EvidenceLogLockDisabled", ErrorCategory.NotEnabled)]
        [InlineData("evidence", "InvalidEvidenceLine", ErrorCategory.InvalidData)]
        [InlineData("evidence", "EvidenceTornLine", ErrorCategory.InvalidData)]
        [InlineData("evidence", "EvidenceNotReplayable", ErrorCategory.InvalidData)]
        public void Every_engine_error_id_maps_to_its_category_in_one_place(string kind, string id, ErrorCategory category)
        {
            using var ps = new PowerShellHost();
            var r = ps.Run(MapScript, kind, id).Select(o => o?.BaseObject as string).ToList();
            Assert.Equal(id, r[0]);
            Assert.Equal(category.ToString(), r[1]);
            switch (kind)
            {
                case "input":
                    Assert.Equal("source.json", r[2]);
                    Assert.Equal("source.json: agents[0], field 'weight': problem", r[3]);
                    Assert.Equal("Correct the field 'weight' of agents[0] in source.json and run the command again.", r[4]);
                    break;
                case "state":
                    Assert.Equal("state.json", r[2]);
                    Assert.Equal("state.json: problem", r[3]);
                    Assert.True(string.IsNullOrEmpty(r[4]));
                    break;
                default:
                    Assert.Equal("log.jsonl", r[2]);
                    Assert.Equal("log.jsonl:3: field 'hash': problem", r[3]);
                    Assert.Equal("Check the damaged last line, then truncate the file to 120 bytes and append again.", r[4]);
                    break;
            }
        }

        [Fact]
        public void A_state_error_from_a_cmdlet_goes_through_the_same_mapping()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var state = dir.Write("state.json", "{\"not\": \"a state\"}");
            var err = ps.RunExpectingError("Get-FairnessState -Path $args[0]", state);
            Assert.Equal("InvalidStateFile,FairnessGovernor.PowerShell.Commands.GetFairnessStateCommand", err.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, err.CategoryInfo.Category);
            Assert.Equal(state, err.TargetObject);
            Assert.StartsWith(state + ": ", err.ErrorDetails.Message);
        }

        [Fact]
        public void Replay_inputs_are_read_under_the_input_limits()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("evidence.jsonl");
            ps.Run(Sample + " | Add-AllocationEvidence -Path $args[0]", log);
            const string Replay = "Test-AllocationEvidence -Path $args[0] -Replay -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json";

            Assert.Equal(true, ps.Run(Replay + " -MaxInputBytes 4096 -MaxDepth 8 -MaxAliasExpansion 0", log)[1].Properties["IsMatch"].Value);

            var big = ps.RunExpectingError(Replay + " -MaxInputBytes 10", log);
            Assert.Equal("InputTooLarge," + Test, big.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, big.CategoryInfo.Category);
            Assert.Contains("tasks.json", big.ErrorDetails.Message);

            var deep = ps.RunExpectingError(Replay + " -MaxDepth 1", log);
            Assert.Equal("InputTooDeep," + Test, deep.FullyQualifiedErrorId);

            Assert.Equal("ParameterArgumentValidationError," + Test, ps.RunExpectingError(Replay + " -MaxInputBytes 0", log).FullyQualifiedErrorId);
        }

        [Fact]
        public void Replay_resolves_and_checks_its_inputs_like_the_other_cmdlets()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var log = dir.File("evidence.jsonl");
            ps.Run(Sample + " | Add-AllocationEvidence -Path $args[0]", log);
            var missing = ps.RunExpectingError("Test-AllocationEvidence -Path $args[0] -Replay -TaskPath fixtures/nope.json -AgentPath fixtures/agents.json", log);
            Assert.Equal("InputFileNotFound," + Test, missing.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
            var ambiguous = ps.RunExpectingError("Test-AllocationEvidence -Path $args[0] -Replay -TaskPath fixtures/tasks.* -AgentPath fixtures/agents.json", log);
            Assert.Equal("AmbiguousPath," + Test, ambiguous.FullyQualifiedErrorId);
            var unknown = ps.RunExpectingError("Test-AllocationEvidence -Path $args[0] -Replay -TaskPath fixtures/tasks.json -Agent @{ id = 'a'; weight = 'heavy' }", log);
            Assert.Equal("InvalidWeight," + Test, unknown.FullyQualifiedErrorId);
            Assert.Contains("-Agent objects", unknown.ErrorDetails.Message);
        }
    }
}
