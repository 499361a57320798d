using System;
using System.Management.Automation;
using FairnessGovernor.Errors;
using FairnessGovernor.State;

namespace FairnessGovernor.PowerShell.Commands
{
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

        /// <summary>A PostgreSQL store from New-FairnessStore.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Store")]
        public object? Store { get; set; }

        /// <summary>With -Store: the policy id whose state to reset (its evidence chain is kept).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Store")]
        [ValidateNotNullOrEmpty]
        public string PolicyId { get; set; } = "";

        /// <summary>How long to wait for another run's lock on the state file, in seconds (default 10).</summary>
        [Parameter(ParameterSetName = "Path")]
        [ValidateRange(0, 3600)]
        public double LockTimeoutSeconds { get; set; } = 10;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == "Store")
            {
                if (!ShouldProcess(StoreCommands.Describe(this, Store!, PolicyId), "Reset fairness state")) return;
                try { StoreCommands.Reset(this, Store!, PolicyId); }
                catch (FairnessException ex) { ThrowEngineError(ex); }
                return;
            }
            if (ParameterSetName == "Governor")
            {
                var governor = UnwrapGovernor(Governor!);
                if (ShouldProcess(governor.ToString(), "Reset fairness state")) governor.Reset();
                return;
            }
            var path = ResolvePaths(Path, true, "Path", mustExist: false)[0];
            if (!ShouldProcess(path, "Reset fairness state")) return;
            try
            {
                GovernorStateFile.Reset(path, TimeSpan.FromSeconds(LockTimeoutSeconds));
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex);
            }
        }
    }
}
