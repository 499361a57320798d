using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Appends one evidence line per allocation run to a JSONL log.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AllocationEvidence", SupportsShouldProcess = true)]
    [OutputType("FairnessGovernor.Evidence.EvidenceEntry")]
    public sealed class AddAllocationEvidenceCommand : FairnessCmdlet
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
            var run = decision.GetRun();
            if (_seen.Add(run)) _runs.Add(run);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var path = ResolvePaths(Path, true, "Path", mustExist: false)[0];
            if (Directory.Exists(path))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Path '" + path + "' is a directory; expected a file."), "EvidencePathIsDirectory", ErrorCategory.InvalidArgument, path));
            foreach (var o in _runs)
            {
                var run = (AllocationResult)o;
                var entry = EvidenceEntry.For(AllocationMetrics.Of(run), DateTime.UtcNow);
                if (!ShouldProcess(path, "Append evidence for run " + run.RunId + " (policy '" + run.Policy.PolicyId + "', " + run.Count + " tasks)")) continue;
                try
                {
                    EvidenceLog.Append(path, entry);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, "EvidenceWriteFailed", ErrorCategory.WriteError, path));
                }
                if (PassThru) WriteObject(entry);
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

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == "LiteralPath";
            var pattern = PolicyId == null ? null : new WildcardPattern(PolicyId, WildcardOptions.IgnoreCase);
            foreach (var p in literal ? LiteralPath : Path)
            {
                foreach (var file in ResolvePaths(p, literal, literal ? "LiteralPath" : "Path", mustExist: true))
                {
                    try
                    {
                        foreach (var entry in EvidenceLog.Read(file))
                            if (pattern == null || pattern.IsMatch(entry.PolicyId)) WriteObject(entry);
                    }
                    catch (FairnessInputException ex)
                    {
                        ThrowInputError(ex, file);
                    }
                }
            }
        }
    }
}
