using System.Management.Automation;
using FairnessGovernor.Errors;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a PostgreSQL store object for -Store: state and evidence per policy id, shared by every host.</para>
    /// <para>SPEC.md 10: nothing is sent to the server until the store is first used; the password is never shown.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "FairnessStore")]
    [OutputType("FairnessGovernor.Store.Postgres.PostgresStore")]
    public sealed class NewFairnessStoreCommand : FairnessCmdlet
    {
        /// <summary>An Npgsql connection string: Host, Port, Database, Username, and Password unless -Credential gives it.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string ConnectionString { get; set; } = "";

        /// <summary>The user name and password to connect with (replacing those of the connection string).</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The schema holding the store's tables (default fairness_governor): letters, digits and '_'.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Schema { get; set; }

        /// <summary>How long a run waits for another run's lock on the same policy, in seconds (default 10): the sessions' lock_timeout.</summary>
        [Parameter]
        [ValidateRange(0.001, 3600)]
        public double LockTimeoutSeconds { get; set; } = 10;

        /// <summary>How long a session may sit idle inside a run's transaction before the server ends it, in seconds (default 60): idle_in_transaction_session_timeout. A -Stream holds its transaction while it waits for input.</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double SessionTimeoutSeconds { get; set; } = 60;

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            try
            {
                WriteObject(StoreCommands.Create(ConnectionString, Schema, Credential, LockTimeoutSeconds, SessionTimeoutSeconds));
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex);
            }
        }
    }
}
