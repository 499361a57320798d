using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using FairnessGovernor.Errors;
using FairnessGovernor.Evidence;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Verifies an evidence log's hash chain and signatures, and optionally replays a logged run.</para>
    /// <para>SPEC.md 8.5: one verification result, and with -Replay one replay result; the -Replay inputs are read under the input limits.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AllocationEvidence", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.Evidence.EvidenceVerificationResult", "FairnessGovernor.Evidence.EvidenceReplayResult")]
    public sealed class TestAllocationEvidenceCommand : InputLimitsCmdlet
    {
        /// <summary>The evidence log; wildcards allowed, must match one file.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string Path { get; set; } = "";

        /// <summary>The evidence log taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "LiteralPath", ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = "";

        /// <summary>A PostgreSQL store from New-FairnessStore: verify a policy's chain there (SPEC.md 10); FirstInvalidLine is the entry's number.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Store")]
        public object? Store { get; set; }

        /// <summary>With -Store: the policy whose chain to verify.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Store")]
        [ValidateNotNullOrEmpty]
        public string? PolicyId { get; set; }

        /// <summary>HMAC-SHA256 key as a SecureString (its text, UTF-8 encoded, is the key).</summary>
        [Parameter]
        public SecureString? Key { get; set; }

        /// <summary>A file whose bytes are the HMAC-SHA256 key.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? KeyPath { get; set; }

        /// <summary>How long to wait for a writer's lock, in seconds (default 10).</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public double LockTimeoutSeconds { get; set; } = 10;

        /// <summary>Count unsigned lines as invalid (needs -Key or -KeyPath).</summary>
        [Parameter]
        public SwitchParameter RequireSignature { get; set; }

        /// <summary>Accept prototype lines without a hash before the first chained line.</summary>
        [Parameter]
        public SwitchParameter AllowLegacy { get; set; }

        /// <summary>A line hash recorded elsewhere that the log must still contain (detects a cut-off tail).</summary>
        [Parameter]
        [ValidatePattern("^[0-9a-fA-F]{64}$")]
        public string? Anchor { get; set; }

        /// <summary>Also re-run a logged allocation from its inputs and compare the digests.</summary>
        [Parameter]
        public SwitchParameter Replay { get; set; }

        /// <summary>With -Replay: the line to replay (default: the last entry).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? LineNumber { get; set; }

        /// <summary>With -Replay: the task file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? TaskPath { get; set; }

        /// <summary>With -Replay: task objects.</summary>
        [Parameter]
        public object?[]? Task { get; set; }

        /// <summary>With -Replay: the agent file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? AgentPath { get; set; }

        /// <summary>With -Replay: agent objects.</summary>
        [Parameter]
        public object?[]? Agent { get; set; }

        /// <summary>With -Replay: the policy file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? PolicyPath { get; set; }

        /// <summary>With -Replay: the policy object.</summary>
        [Parameter]
        public object? Policy { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == "LiteralPath";
            bool store = ParameterSetName == "Store";
            var file = store ? null : ResolveInputPath(literal ? LiteralPath : Path, literal, literal ? "LiteralPath" : "Path");
            var key = EvidenceKey.Read(this, Key, KeyPath);
            if (RequireSignature && key == null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-RequireSignature needs -Key or -KeyPath."), "RequireSignatureNeedsKey", ErrorCategory.InvalidArgument, null));
            if (!Replay && (LineNumber != null || TaskPath != null || Task != null || AgentPath != null || Agent != null || PolicyPath != null || Policy != null))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-LineNumber and the input parameters go with -Replay."), "ReplayParameterWithoutReplay", ErrorCategory.InvalidArgument, null));
            try
            {
                var timeout = TimeSpan.FromSeconds(LockTimeoutSeconds);
                var options = new EvidenceVerifyOptions { Key = key, RequireSignature = RequireSignature, AllowLegacy = AllowLegacy, Anchor = Anchor?.ToLowerInvariant(), LockTimeout = timeout };
                var result = store ? StoreCommands.Verify(this, Store!, PolicyId!, options) : EvidenceVerifier.Verify(file!, options);
                WriteObject(result);
                if (Replay) WriteObject(ReplayLine(store ? StoreCommands.PolicyEntries(this, Store!, PolicyId!) : EvidenceReader.Read(file!), result.Path));
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex);
            }
        }

        private EvidenceReplayResult ReplayLine(IEnumerable<EvidenceEntry> entries, string file)
        {
            if ((TaskPath == null) == (Task == null) || (AgentPath == null) == (Agent == null))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Replay needs the run's tasks (-TaskPath or -Task) and agents (-AgentPath or -Agent), and optionally its policy."), "ReplayNeedsInputs", ErrorCategory.InvalidArgument, null));
            EvidenceEntry? chosen = null;
            foreach (var e in entries)
            {
                if (LineNumber == null || e.LineNumber == LineNumber) chosen = e;
                if (LineNumber != null && e.LineNumber == LineNumber) break;
            }
            if (chosen == null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(LineNumber == null ? "The log has no entries to replay." : "The log has no entry at line " + LineNumber + "."),
                    "EvidenceLineNotFound", ErrorCategory.ObjectNotFound, file));
            var inputs = new InputSources(this, GetLimits());
            var tasks = inputs.Tasks(inputs.File("Task", TaskPath), Task);
            var agents = inputs.Agents(inputs.File("Agent", AgentPath), Agent);
            var policy = inputs.Policy(inputs.File("Policy", PolicyPath), Policy);
            return EvidenceReplay.Replay(chosen!, tasks, agents, policy);
        }
    }
}
