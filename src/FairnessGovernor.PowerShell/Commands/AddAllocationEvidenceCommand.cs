using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Security;
using FairnessGovernor.Allocation;
using FairnessGovernor.Errors;
using FairnessGovernor.Evidence;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Appends one hash-chained evidence line per allocation run to a JSONL log.</para>
    /// <para>SPEC.md 8.5: the runs of the decisions received, in first-seen order, one line each.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AllocationEvidence", SupportsShouldProcess = true, DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.Evidence.EvidenceEntry")]
    public sealed class AddAllocationEvidenceCommand : FairnessCmdlet
    {
        private readonly List<IRunRecord> _runs = new List<IRunRecord>();
        private readonly HashSet<IRunRecord> _seen = new HashSet<IRunRecord>();

        /// <summary>Decisions from Invoke-FairAllocation (or the EmptyRun of a run without tasks).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The evidence log (created when missing).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [Alias("PSPath", "LiteralPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>A PostgreSQL store from New-FairnessStore: each run's entry is chained onto its policy's chain there (SPEC.md 10).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Store")]
        public object? Store { get; set; }

        /// <summary>Emit the entries written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>HMAC-SHA256 key as a SecureString (its text, UTF-8 encoded, is the key).</summary>
        [Parameter]
        public SecureString? Key { get; set; }

        /// <summary>A file whose bytes are the HMAC-SHA256 key.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? KeyPath { get; set; }

        /// <summary>How long to wait for another writer's lock, in seconds (default 10).</summary>
        [Parameter(ParameterSetName = "Path")]
        [ValidateRange(0, 3600)]
        public double LockTimeoutSeconds { get; set; } = 10;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            var run = RunRecord.OfOutput(InputObject.BaseObject); // a decision, or the EmptyRun of a run without tasks
            if (run == null)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                        "Add-AllocationEvidence takes decisions from Invoke-FairAllocation; got " + InputObject.BaseObject.GetType().FullName +
                        ". Decisions read back from CSV or JSON no longer carry their run's inputs."),
                    "EvidenceNeedsDecisions", ErrorCategory.InvalidArgument, InputObject));
                return;
            }
            if (_seen.Add(run)) _runs.Add(run);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (ParameterSetName == "Store")
            {
                AppendToStore();
                return;
            }
            var path = ResolvePaths(Path, true, "Path", mustExist: false)[0];
            if (Directory.Exists(path))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Path '" + path + "' is a directory; expected a file."), "EvidencePathIsDirectory", ErrorCategory.InvalidArgument, path));
            var options = new EvidenceAppendOptions { Key = EvidenceKey.Read(this, Key, KeyPath), LockTimeout = TimeSpan.FromSeconds(LockTimeoutSeconds) };
            foreach (var run in _runs)
            {
                if (!ShouldProcess(path, "Append evidence for run " + run.RunId + " (policy '" + run.Policy.PolicyId + "', " + run.TaskCount + " tasks)")) continue;
                EvidenceEntry written;
                try
                {
                    written = EvidenceLog.Append(path, run.ToEvidenceEntry(), options);
                }
                catch (FairnessException ex)
                {
                    ThrowEngineError(ex);
                    return;
                }
                if (PassThru) WriteObject(written);
            }
        }

        private void AppendToStore()
        {
            var key = EvidenceKey.Read(this, Key, KeyPath);
            foreach (var run in _runs)
            {
                if (!ShouldProcess(StoreCommands.Describe(this, Store!, run.Policy.PolicyId), "Append evidence for run " + run.RunId + " (" + run.TaskCount + " tasks)")) continue;
                EvidenceEntry written;
                try
                {
                    written = StoreCommands.Append(this, Store!, run.ToEvidenceEntry(), key);
                }
                catch (FairnessException ex)
                {
                    ThrowEngineError(ex);
                    return;
                }
                if (PassThru) WriteObject(written);
            }
        }
    }
}
