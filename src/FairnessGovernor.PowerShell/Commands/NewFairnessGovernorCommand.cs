using System.Management.Automation;
using FairnessGovernor.Errors;
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
        /// <summary>Start from the state in this file (read once; the governor then lives in memory); a missing file is the empty state, with a warning.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? StatePath { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing() => WriteObject(Create());

        private Governor Create()
        {
            if (StatePath == null) return new Governor();
            var path = ResolvePaths(StatePath, true, "StatePath", mustExist: false)[0];
            // A missing file is the empty state, with a warning, as Get-FairnessState reads it (SPEC.md 7.8, 7.9).
            if (!System.IO.File.Exists(path) && !System.IO.Directory.Exists(path)) WarnMissingStateFile(path);
            try
            {
                return new Governor(GovernorStateFile.Load(path));
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex);
                return null!;
            }
        }
    }
}
