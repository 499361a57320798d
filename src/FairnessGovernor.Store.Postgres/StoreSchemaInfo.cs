namespace FairnessGovernor.Store.Postgres
{
    /// <summary>The outcome of Initialize-FairnessStore: the schema and its version before and after.</summary>
    public sealed class StoreSchemaInfo
    {
        internal StoreSchemaInfo(string store, string schema, int previousVersion, int version)
        {
            Store = store;
            Schema = schema;
            PreviousVersion = previousVersion;
            Version = version;
        }

        /// <summary>The store, without a password.</summary>
        public string Store { get; }

        /// <summary>The schema.</summary>
        public string Schema { get; }

        /// <summary>The version found (0: there was no schema).</summary>
        public int PreviousVersion { get; }

        /// <summary>The version now.</summary>
        public int Version { get; }

        /// <summary>True when this call created or upgraded the schema.</summary>
        public bool Migrated => PreviousVersion != Version;

        /// <inheritdoc />
        public override string ToString() => Store + ": schema version " + Version + (Migrated ? " (was " + PreviousVersion + ")" : "");
    }
}
