using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>Parameters and helpers shared by the evidence cmdlets: the HMAC key, the lock timeout, error mapping.</summary>
    public abstract class EvidenceCmdlet : FairnessCmdlet
    {
        /// <summary>HMAC-SHA256 key as a SecureString (its text, UTF-8 encoded, is the key).</summary>
        [Parameter]
        public SecureString? Key { get; set; }

        /// <summary>A file whose bytes are the HMAC-SHA256 key.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KeyPath { get; set; }

        /// <summary>How long to wait for another writer's lock, in seconds (default 10).</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public double LockTimeoutSeconds { get; set; } = 10;

        /// <summary>The key bytes, or null when neither -Key nor -KeyPath was given.</summary>
        protected byte[]? ReadKey()
        {
            if (Key != null && KeyPath != null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give -Key or -KeyPath, not both."), "ConflictingKeyParameters", ErrorCategory.InvalidArgument, null));
            if (Key != null)
            {
                IntPtr p = IntPtr.Zero;
                try
                {
                    p = Marshal.SecureStringToGlobalAllocUnicode(Key);
                    var bytes = Encoding.UTF8.GetBytes(Marshal.PtrToStringUni(p) ?? "");
                    if (bytes.Length == 0) ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Key is empty."), "EmptyEvidenceKey", ErrorCategory.InvalidArgument, null));
                    return bytes;
                }
                finally
                {
                    if (p != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(p);
                }
            }
            if (KeyPath != null)
            {
                var path = ResolveInputPath(KeyPath, false, "KeyPath");
                byte[] bytes;
                try { bytes = File.ReadAllBytes(path); }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, "EvidenceKeyUnreadable", ErrorCategory.ReadError, path));
                    return null;
                }
                if (bytes.Length == 0) ThrowTerminatingError(new ErrorRecord(new ArgumentException("The key file '" + path + "' is empty."), "EmptyEvidenceKey", ErrorCategory.InvalidArgument, path));
                return bytes;
            }
            return null;
        }

        /// <summary>Stops the command with an evidence-log error.</summary>
        protected void ThrowEvidenceError(EvidenceLogException ex)
        {
            ErrorCategory category;
            switch (ex.ErrorId)
            {
                case "EvidenceLogNotFound": category = ErrorCategory.ObjectNotFound; break;
                case "EvidenceLogLocked": category = ErrorCategory.ResourceBusy; break;
                case "EvidenceLogUnreadable": category = ErrorCategory.ReadError; break;
                case "EvidenceLogUnwritable":
                case "EvidenceLogWriteFailed": category = ErrorCategory.WriteError; break;
                case "EvidenceLogLockDisabled": category = ErrorCategory.NotEnabled; break;
                default: category = ErrorCategory.InvalidData; break;
            }
            var record = new ErrorRecord(ex, ex.ErrorId, category, ex.Path);
            record.ErrorDetails = new ErrorDetails(ex.Message);
            if (ex.TruncateTo >= 0)
                record.ErrorDetails.RecommendedAction = "Check the damaged last line, then truncate the file to " + ex.TruncateTo + " bytes and append again.";
            ThrowTerminatingError(record);
        }

        /// <summary>The lock timeout as a TimeSpan.</summary>
        protected TimeSpan LockTimeout => TimeSpan.FromSeconds(LockTimeoutSeconds);
    }

    /// <summary>
    /// <para type="synopsis">Appends one hash-chained evidence line per allocation run to a JSONL log.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AllocationEvidence", SupportsShouldProcess = true)]
    [OutputType("FairnessGovernor.Evidence.EvidenceEntry")]
    public sealed class AddAllocationEvidenceCommand : EvidenceCmdlet
    {
        private readonly List<object> _runs = new List<object>();
        private readonly HashSet<object> _seen = new HashSet<object>();

        /// <summary>Decisions from Invoke-FairAllocation.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The evidence log (created when missing).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("PSPath", "LiteralPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Emit the entries written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            if (!(InputObject.BaseObject is AllocationDecision decision))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                        "Add-AllocationEvidence takes decisions from Invoke-FairAllocation; got " + InputObject.BaseObject.GetType().FullName +
                        ". Decisions read back from CSV or JSON no longer carry their run's inputs."),
                    "EvidenceNeedsDecisions", ErrorCategory.InvalidArgument, InputObject));
                return;
            }
            object run = (object?)decision.GetRun() ?? decision.GetStream()!;
            if (_seen.Add(run)) _runs.Add(run);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var path = ResolvePaths(Path, true, "Path", mustExist: false)[0];
            if (Directory.Exists(path))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Path '" + path + "' is a directory; expected a file."), "EvidencePathIsDirectory", ErrorCategory.InvalidArgument, path));
            var options = new EvidenceAppendOptions { Key = ReadKey(), LockTimeout = LockTimeout };
            foreach (var o in _runs)
            {
                var run = o as AllocationResult;
                var stream = o as AllocationStream;
                string runId = run?.RunId ?? stream!.RunId, policyId = run?.Policy.PolicyId ?? stream!.Policy.PolicyId;
                int count = run?.Count ?? stream!.TaskCount;
                if (!ShouldProcess(path, "Append evidence for run " + runId + " (policy '" + policyId + "', " + count + " tasks)")) continue;
                EvidenceEntry written;
                try
                {
                    // A stream not yet complete is sealed: its digests cover the tasks received so far (SPEC.md 7.7).
                    if (run != null)
                    {
                        var metrics = AllocationMetrics.Of(run);
                        written = EvidenceLog.Append(path, EvidenceEntry.For(run, metrics, DateTime.UtcNow, EvidenceEntry.WeightAwareMetrics(metrics)), options);
                    }
                    else
                    {
                        stream!.Seal();
                        written = EvidenceLog.Append(path, EvidenceEntry.For(stream, DateTime.UtcNow, EvidenceEntry.WeightAwareMetrics(AllocationMetrics.Of(stream))), options);
                    }
                }
                catch (EvidenceLogException ex)
                {
                    ThrowEvidenceError(ex);
                    return;
                }
                if (PassThru) WriteObject(written);
            }
        }
    }

    /// <summary>
    /// <para type="synopsis">Reads an evidence log back as entry objects, oldest first.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AllocationEvidence", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.Evidence.EvidenceEntry")]
    public sealed class GetAllocationEvidenceCommand : FairnessCmdlet
    {
        /// <summary>Evidence log paths; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Evidence log paths taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "LiteralPath", ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        /// <summary>Only entries of this policy id (wildcards allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PolicyId { get; set; }

        /// <summary>Only entries logged after this time.</summary>
        [Parameter]
        public DateTime? After { get; set; }

        /// <summary>Only entries logged before this time.</summary>
        [Parameter]
        public DateTime? Before { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == "LiteralPath";
            var pattern = PolicyId == null ? null : new WildcardPattern(PolicyId, WildcardOptions.IgnoreCase);
            var options = new EvidenceReadOptions { After = After?.ToUniversalTime(), Before = Before?.ToUniversalTime() };
            foreach (var p in literal ? LiteralPath : Path)
            {
                foreach (var file in ResolvePaths(p, literal, literal ? "LiteralPath" : "Path", mustExist: true))
                {
                    try
                    {
                        foreach (var entry in EvidenceReader.Read(file, options))
                            if (pattern == null || pattern.IsMatch(entry.PolicyId)) WriteObject(entry);
                    }
                    catch (EvidenceLogException ex)
                    {
                        var record = new ErrorRecord(ex, ex.ErrorId, ex.ErrorId == "EvidenceLogNotFound" ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidData, file);
                        record.ErrorDetails = new ErrorDetails(ex.Message);
                        ThrowTerminatingError(record);
                    }
                }
            }
        }
    }

    /// <summary>
    /// <para type="synopsis">Verifies an evidence log's hash chain and signatures, and optionally replays a logged run.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AllocationEvidence", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.Evidence.EvidenceVerificationResult", "FairnessGovernor.Evidence.EvidenceReplayResult")]
    public sealed class TestAllocationEvidenceCommand : EvidenceCmdlet
    {
        /// <summary>The evidence log; wildcards allowed, must match one file.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>The evidence log taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "LiteralPath", ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = "";

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
        public string? TaskPath { get; set; }

        /// <summary>With -Replay: task objects.</summary>
        [Parameter]
        public object?[]? Task { get; set; }

        /// <summary>With -Replay: the agent file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AgentPath { get; set; }

        /// <summary>With -Replay: agent objects.</summary>
        [Parameter]
        public object?[]? Agent { get; set; }

        /// <summary>With -Replay: the policy file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PolicyPath { get; set; }

        /// <summary>With -Replay: the policy object.</summary>
        [Parameter]
        public object? Policy { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == "LiteralPath";
            var file = ResolveInputPath(literal ? LiteralPath : Path, literal, literal ? "LiteralPath" : "Path");
            var key = ReadKey();
            if (RequireSignature && key == null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-RequireSignature needs -Key or -KeyPath."), "RequireSignatureNeedsKey", ErrorCategory.InvalidArgument, null));
            if (!Replay && (LineNumber != null || TaskPath != null || Task != null || AgentPath != null || Agent != null || PolicyPath != null || Policy != null))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-LineNumber and the input parameters go with -Replay."), "ReplayParameterWithoutReplay", ErrorCategory.InvalidArgument, null));
            try
            {
                var result = EvidenceVerifier.Verify(file, new EvidenceVerifyOptions { Key = key, RequireSignature = RequireSignature, AllowLegacy = AllowLegacy, Anchor = Anchor?.ToLowerInvariant(), LockTimeout = LockTimeout });
                WriteObject(result);
                if (Replay) WriteObject(ReplayLine(file));
            }
            catch (EvidenceLogException ex)
            {
                ThrowEvidenceError(ex);
            }
            catch (FairnessInputException ex)
            {
                ThrowInputError(ex);
            }
        }

        private EvidenceReplayResult ReplayLine(string file)
        {
            if ((TaskPath == null) == (Task == null) || (AgentPath == null) == (Agent == null))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Replay needs the run's tasks (-TaskPath or -Task) and agents (-AgentPath or -Agent), and optionally its policy."), "ReplayNeedsInputs", ErrorCategory.InvalidArgument, null));
            EvidenceEntry? chosen = null;
            foreach (var e in EvidenceReader.Read(file))
            {
                if (LineNumber == null || e.LineNumber == LineNumber) chosen = e;
                if (LineNumber != null && e.LineNumber == LineNumber) break;
            }
            if (chosen == null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(LineNumber == null ? "The log has no entries to replay." : "The log has no entry at line " + LineNumber + "."),
                    "EvidenceLineNotFound", ErrorCategory.ObjectNotFound, file));
            var tasks = EngineInput.Tasks(TaskPath != null ? ResolveInputPath(TaskPath, false, "TaskPath") : null, EngineInput.Flatten(Task), "Task");
            var agents = EngineInput.Agents(AgentPath != null ? ResolveInputPath(AgentPath, false, "AgentPath") : null, EngineInput.Flatten(Agent), "Agent");
            var policy = EngineInput.Policy(PolicyPath != null ? ResolveInputPath(PolicyPath, false, "PolicyPath") : null, Policy, "Policy");
            return EvidenceReplay.Replay(chosen!, tasks, agents, policy);
        }
    }
}
