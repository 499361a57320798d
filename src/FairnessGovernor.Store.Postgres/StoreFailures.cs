using System;
using System.IO;
using System.Net.Sockets;
using FairnessGovernor.Errors;
using Npgsql;

namespace FairnessGovernor.Store.Postgres
{
    /// <summary>How a failure of the server or the connection is classed (SPEC.md 10): retried, unavailable, or another store error.</summary>
    internal static class StoreFailures
    {
        /// <summary>The SQLSTATE of <paramref name="ex"/>: the server's, or 08001 (could not connect) / 08006 (the connection broke) for a client-side failure.</summary>
        public static string? SqlState(Exception ex, bool connected)
        {
            if (ex is PostgresException pg) return pg.SqlState;
            if (IsConnectionLevel(ex)) return connected ? "08006" : "08001";
            return null;
        }

        /// <summary>True when the server could not be reached or the connection to it broke.</summary>
        public static bool IsUnavailable(Exception ex)
        {
            if (ex is PostgresException pg)
            {
                var s = pg.SqlState;
                return s.StartsWith("08", StringComparison.Ordinal) || s == "57P01" || s == "57P02" || s == "57P03" || s == "53300";
            }
            return IsConnectionLevel(ex);
        }

        /// <summary>True for a failure worth trying again: serialization failure, deadlock, unique violation, or a transient connection error.</summary>
        public static bool IsRetryable(Exception ex)
        {
            if (ex is PostgresException pg)
            {
                var s = pg.SqlState;
                return s == "40001" || s == "40P01" || s == "23505" || IsUnavailable(ex);
            }
            return IsConnectionLevel(ex);
        }

        private static bool IsConnectionLevel(Exception ex)
        {
            if (ex is PostgresException) return false;
            if (ex is NpgsqlException || ex is SocketException || ex is IOException || ex is TimeoutException || ex is EndOfStreamException) return true;
            return ex.InnerException != null && IsConnectionLevel(ex.InnerException);
        }

        /// <summary>The store error for <paramref name="ex"/>: StoreUnavailable or StoreError, saying what was recorded.</summary>
        public static StoreException ToStoreError(Exception ex, string store, bool connected, string recorded)
        {
            string? state = SqlState(ex, connected);
            if (IsUnavailable(ex))
                return new StoreException("StoreUnavailable", FairnessErrorCategory.ResourceUnavailable, store,
                    "the PostgreSQL server cannot be reached or went away (" + Describe(ex) + "). " + recorded, state, ex);
            var category = state == "55P03" ? FairnessErrorCategory.ResourceBusy : FairnessErrorCategory.WriteError;
            string what = state == "55P03" ? "another writer held the policy's lock longer than the store's lock timeout"
                : state == "25P03" ? "the session sat idle in its transaction longer than the store's session timeout"
                : state == "42501" ? "the account may not do this (run Initialize-FairnessStore with an account that may create the schema)"
                : "the PostgreSQL server refused the operation";
            return new StoreException("StoreError", category, store, what + " (" + Describe(ex) + "). " + recorded, state, ex);
        }

        /// <summary>The exception's own message, one line, without the SQLSTATE prefix Npgsql puts on server errors.</summary>
        private static string Describe(Exception ex)
        {
            string text = ex is PostgresException pg ? pg.MessageText : ex.Message;
            return text.Replace("\r", " ").Replace("\n", " ").Trim();
        }
    }
}
