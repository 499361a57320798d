using System;
using FairnessGovernor.Errors;

namespace FairnessGovernor.Store.Postgres
{
    /// <summary>
    /// A failure of a PostgreSQL store (SPEC.md 10), with a stable error id: StoreUnavailable (the server cannot be
    /// reached or went away), StoreError (any other failure: the SQLSTATE says which), StoreSchemaTooNew (the schema
    /// was made by a newer module), StorePolicyNotFound, InvalidConnectionString. The message names the store without
    /// its password, carries the SQLSTATE when there is one, and says what was recorded: for a failed run, nothing.
    /// </summary>
    [Serializable]
    public sealed class StoreException : FairnessException
    {
        /// <summary>Creates the error.</summary>
        public StoreException(string errorId, FairnessErrorCategory category, string store, string problem, string? sqlState, Exception? inner = null)
            : base(errorId, category, store, problem, store + ": " + problem + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")"), inner)
        {
            SqlState = sqlState;
        }

        /// <summary>The five-character SQLSTATE of the failure (08001/08006 for a server that could not be reached or went away); null when none applies.</summary>
        public string? SqlState { get; }

        /// <summary>The store (its location without a password, and the policy when one was involved).</summary>
        public string Store => TargetName;

        /// <inheritdoc />
        public override string? RecommendedAction
        {
            get
            {
                switch (ErrorId)
                {
                    case "StoreUnavailable": return "Check that the server is running and reachable, then run the command again.";
                    case "StoreSchemaTooNew": return "Use the module version that made the schema, or a newer one.";
                    default: return null;
                }
            }
        }
    }
}
