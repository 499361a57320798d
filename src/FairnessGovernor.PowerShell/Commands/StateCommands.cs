using System;
using System.IO;
using System.Management.Automation;
using FairnessGovernor.State;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates an in-session governor that keeps fairness state across Invoke-FairAllocation calls.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "FairnessGovernor")]
    [OutputType("FairnessGovernor.State.Governor")]
    public sealed class NewFairnessGovernorCommand : FairnessCmdlet
    {
        /// <summary>Start from the state in this file (read once; the governor then lives in memory).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing() => WriteObject(Create());

        private object Create()
        {
            if (StatePath == null) return new Governor();
            var path = ResolveInputPath(StatePath, false, "StatePath");
            try
            {
                return new Governor(GovernorStateFile.Load(path));
            }
            catch (GovernorStateException ex)
            {
                ThrowStateError(ex);
                return null!;
            }
        }
    }

    /// <summary>
    /// <para type="synopsis">Shows a governor state: totals and, per agent, the cumulative count, weight, entitlement and lag.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "FairnessState", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.State.GovernorStateReport")]
    public sealed class GetFairnessStateCommand : FairnessCmdlet
    {
        /// <summary>The state file (written by Invoke-FairAllocation -StatePath); a missing file is an empty state.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [Alias("PSPath", "LiteralPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>A governor from New-FairnessGovernor.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Governor", ValueFromPipeline = true)]
        public object? Governor { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() => WriteObject(Report());

        private object Report()
        {
            if (ParameterSetName == "Governor") return new GovernorStateReport(((Governor)UnwrapGovernor(Governor!)).State, null);
            var path = ResolvePaths(Path, true, "Path", mustExist: false)[0];
            try
            {
                return new GovernorStateReport(GovernorStateFile.Load(path), path);
            }
            catch (GovernorStateException ex)
            {
                ThrowStateError(ex);
                return null!;
            }
        }
    }

    /// <summary>
    /// <para type="synopsis">Resets a governor state to empty: counts, positions and totals start over.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Reset, "FairnessState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Path")]
    public sealed class ResetFairnessStateCommand : FairnessCmdlet
    {
        /// <summary>The state file; it is replaced (under its lock) by an empty state.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [Alias("PSPath", "LiteralPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>A governor from New-FairnessGovernor.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Governor", ValueFromPipeline = true)]
        public object? Governor { get; set; }

        /// <summary>How long to wait for another run's lock on the state file, in seconds (default 10).</summary>
        [Parameter(ParameterSetName = "Path")]
        [ValidateRange(0, 3600)]
        public double LockTimeoutSeconds { get; set; } = 10;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == "Governor")
            {
                var g = UnwrapGovernor(Governor!);
                if (ShouldProcess(g.ToString(), "Reset fairness state")) Reset(g);
                return;
            }
            var path = ResolvePaths(Path, true, "Path", mustExist: false)[0];
            if (!ShouldProcess(path, "Reset fairness state")) return;
            try
            {
                GovernorStateFile.Reset(path, TimeSpan.FromSeconds(LockTimeoutSeconds));
            }
            catch (GovernorStateException ex)
            {
                ThrowStateError(ex);
            }
        }

        private static void Reset(object governor) => ((Governor)governor).Reset();
    }
}
