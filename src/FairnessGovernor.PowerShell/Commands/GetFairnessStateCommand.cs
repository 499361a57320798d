using System.Management.Automation;
using FairnessGovernor.Errors;
using FairnessGovernor.State;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows a governor state: totals and, per agent, the cumulative count, weight, entitlement and lag.</para>
    /// <para>From a state file, a governor, or a policy's state in a PostgreSQL store (-Store -PolicyId, SPEC.md 10).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "FairnessState", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.State.GovernorStateReport")]
    public sealed class GetFairnessStateCommand : FairnessCmdlet
    {
        /// <summary>The state file (written by Invoke-FairAllocation -StatePath); a missing file is an empty state, with a warning.</summary>
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

        /// <summary>With -Store: the policy id whose state to show.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Store")]
        [ValidateNotNullOrEmpty]
        public string PolicyId { get; set; } = "";

        /// <inheritdoc />
        protected override void ProcessRecord() => WriteObject(Report());

        private GovernorStateReport Report()
        {
            string given = Path;
            if (ParameterSetName == "Store")
            {
                try { return StoreCommands.StateReport(this, Store!, PolicyId); }
                catch (FairnessException ex) { ThrowEngineError(ex); return null!; }
            }
            if (ParameterSetName == "Governor")
            {
                // A state file from Get-ChildItem binds here (ValueFromPipeline comes before -Path by PSPath): read it.
                if ((Governor is PSObject wrapped ? wrapped.BaseObject : Governor) is System.IO.FileSystemInfo item) given = item.FullName;
                else return new GovernorStateReport(UnwrapGovernor(Governor!).State, null);
            }
            var path = ResolvePaths(given, true, "Path", mustExist: false)[0];
            if (!System.IO.File.Exists(path) && !System.IO.Directory.Exists(path)) WarnMissingStateFile(path);
            try
            {
                return new GovernorStateReport(GovernorStateFile.Load(path), path);
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex);
                return null!;
            }
        }
    }
}
