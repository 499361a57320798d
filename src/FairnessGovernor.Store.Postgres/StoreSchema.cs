using System;
using System.Text;

namespace FairnessGovernor.Store.Postgres
{
    /// <summary>
    /// The store's tables (SPEC.md 10, docs/design/postgres-store.md), one migration per schema version, applied in
    /// order under a transaction-scoped advisory lock so that processes starting at once leave one schema.
    /// </summary>
    internal static class StoreSchema
    {
        /// <summary>The schema version this module writes and reads.</summary>
        public const int CurrentVersion = 1;

        /// <summary>The default schema name.</summary>
        public const string DefaultName = "fairness_governor";

        /// <summary>A plain lower-case or mixed identifier, quoted wherever it is used.</summary>
        public static bool IsValidName(string name)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 63) return false;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
                if (!ok) return false;
            }
            return true;
        }

        /// <summary>The advisory lock key of a schema's migrations: FNV-1a 64 of its name under a fixed prefix.</summary>
        public static long LockKey(string schema)
        {
            ulong h = 14695981039346656037UL;
            foreach (var b in Encoding.UTF8.GetBytes("FairnessGovernor.Store.Postgres:" + schema))
            {
                h ^= b;
                h *= 1099511628211UL;
            }
            return unchecked((long)h);
        }

        /// <summary>The SQL that takes schema version <paramref name="version"/> - 1 to <paramref name="version"/>; <paramref name="s"/> is the quoted schema.</summary>
        public static string Migration(int version, string s)
        {
            switch (version)
            {
                case 1:
                    return
                        "CREATE TABLE IF NOT EXISTS " + s + ".policy_heads (" +
                        " policy_id text PRIMARY KEY," +
                        " entry_count bigint NOT NULL DEFAULT 0," +
                        " last_hash text NOT NULL DEFAULT '" + new string('0', 64) + "'," +
                        " updated_at timestamptz NOT NULL DEFAULT now());" +
                        "CREATE TABLE IF NOT EXISTS " + s + ".policy_states (" +
                        " policy_id text PRIMARY KEY REFERENCES " + s + ".policy_heads (policy_id)," +
                        " state text NOT NULL," +
                        " updated_at timestamptz NOT NULL);" +
                        "CREATE TABLE IF NOT EXISTS " + s + ".evidence_entries (" +
                        " policy_id text NOT NULL REFERENCES " + s + ".policy_heads (policy_id)," +
                        " entry_number bigint NOT NULL CHECK (entry_number >= 1)," +
                        " run_id uuid NOT NULL UNIQUE," +
                        " logged_at timestamptz NOT NULL," +
                        " line text NOT NULL," +
                        " PRIMARY KEY (policy_id, entry_number));";
                default:
                    throw new ArgumentOutOfRangeException(nameof(version));
            }
        }

        /// <summary>The table that records the schema version (one row).</summary>
        public static string VersionTable(string s) =>
            "CREATE TABLE IF NOT EXISTS " + s + ".store_schema (id int PRIMARY KEY CHECK (id = 1), version int NOT NULL, migrated_at timestamptz NOT NULL DEFAULT now())";

        /// <summary>An identifier in double quotes.</summary>
        public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
    }
}
