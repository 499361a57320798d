using System.Management.Automation;
using FairnessGovernor.Errors;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates or upgrades a PostgreSQL store's schema now, for databases where the runbook account may not.</para>
    /// <para>SPEC.md 10: under an advisory lock, as first use does; a schema newer than the module is refused (StoreSchemaTooNew).</para>
    /// </summary>
    [Cmdlet(VerbsData.Initialize, "FairnessStore", SupportsShouldProcess = true)]
    [OutputType("FairnessGovernor.Store.Postgres.StoreSchemaInfo")]
    public sealed class InitializeFairnessStoreCommand : FairnessCmdlet
    {
        /// <summary>A store from New-FairnessStore.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public object? Store { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (!ShouldProcess(StoreCommands.Describe(this, Store!, null), "Create or upgrade the store's schema")) return;
            try
            {
                WriteObject(StoreCommands.Initialize(this, Store!));
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex);
            }
        }
    }
}
