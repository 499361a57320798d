using System;
using System.IO;
using FairnessGovernor.Evidence;
using FairnessGovernor.Model;
using Npgsql;

namespace FairnessGovernor.Store.Postgres
{
    /// <summary>
    /// One run's open transaction on a policy (SPEC.md 10): the policy's head row is locked (SELECT ... FOR UPDATE)
    /// and its state read, with the server's clock, in the first round trip; <see cref="Commit"/> writes the state,
    /// the evidence entry and the head and commits in the second. Dispose without a commit rolls back: nothing of the
    /// run is recorded.
    /// </summary>
    public sealed class PostgresStoreRun : IDisposable
    {
        private readonly PostgresStore _store;
        private readonly NpgsqlConnection _conn;
        private readonly bool _ownsConnection;
        private readonly string _policyId;
        private readonly Guid _runId;
        private readonly long _entryCount;
        private readonly string _lastHash;
        private bool _open = true;

        private PostgresStoreRun(PostgresStore store, NpgsqlConnection conn, bool ownsConnection, string policyId, Guid runId, long entryCount, string lastHash, GovernorState state, DateTime runTime)
        {
            _store = store;
            _conn = conn;
            _ownsConnection = ownsConnection;
            _policyId = policyId;
            _runId = runId;
            _entryCount = entryCount;
            _lastHash = lastHash;
            State = state;
            RunTime = runTime;
        }

        /// <summary>The policy's state as read under its lock.</summary>
        public GovernorState State { get; }

        /// <summary>The server's clock once the lock was held (UTC): the run's time.</summary>
        public DateTime RunTime { get; }

        /// <summary>The policy.</summary>
        public string PolicyId => _policyId;

        /// <summary>The run's unique id, kept with its evidence entry (a retry after an ambiguous commit looks for it).</summary>
        public Guid RunId => _runId;

        /// <summary>BEGIN, make sure the head row exists, lock it, read the state and the clock: one round trip.</summary>
        internal static PostgresStoreRun Open(PostgresStore store, NpgsqlConnection conn, string policyId, Guid runId, bool ownsConnection, bool readState = true)
        {
            string s = store.QuotedSchema;
            long count;
            string last;
            string? stateText = null;
            DateTime now;
            try
            {
                using (var batch = new NpgsqlBatch(conn))
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL READ COMMITTED"));
                    batch.BatchCommands.Add(PostgresStore.Command("INSERT INTO " + s + ".policy_heads (policy_id) VALUES ($1) ON CONFLICT (policy_id) DO NOTHING", policyId));
                    batch.BatchCommands.Add(PostgresStore.Command("SELECT entry_count, last_hash FROM " + s + ".policy_heads WHERE policy_id = $1 FOR UPDATE", policyId));
                    // A statement of its own, so it reads the state committed before the lock was granted (READ COMMITTED:
                    // each statement sees what was committed when it started); the clock is read after the lock too.
                    batch.BatchCommands.Add(PostgresStore.Command(readState
                        ? "SELECT (SELECT state FROM " + s + ".policy_states WHERE policy_id = $1), clock_timestamp()"
                        : "SELECT NULL::text, clock_timestamp() WHERE $1::text IS NOT NULL", policyId));
                    using (var r = batch.ExecuteReader())
                    {
                        if (!r.Read()) throw new InvalidOperationException("The policy's head row was not found after it was inserted.");
                        count = r.GetInt64(0);
                        last = r.GetString(1);
                        r.NextResult();
                        r.Read();
                        stateText = r.IsDBNull(0) ? null : r.GetString(0);
                        now = DateTime.SpecifyKind(r.GetDateTime(1), DateTimeKind.Utc);
                    }
                }
            }
            catch
            {
                TryRollback(conn);
                throw;
            }
            GovernorState state;
            try
            {
                state = stateText == null ? GovernorState.Empty : store.ReadState(stateText, store.Describe(policyId));
            }
            catch
            {
                TryRollback(conn);
                throw;
            }
            return new PostgresStoreRun(store, conn, ownsConnection, policyId, runId, count, last, state, now);
        }

        /// <summary>
        /// Writes <paramref name="next"/>, the entry (chained after the policy's last entry) and the head, and commits;
        /// returns the entry as recorded, its LineNumber its number in the chain. On failure nothing is recorded, and
        /// the error says so; a connection lost during the commit is settled by looking for the run id.
        /// </summary>
        /// <exception cref="StoreException">StoreUnavailable, StoreError.</exception>
        public EvidenceEntry Commit(GovernorState next, EvidenceEntry entry)
        {
            string where = _store.Describe(_policyId);
            try
            {
                return CommitOnce(next, entry, null);
            }
            catch (CommitUncertainException u)
            {
                return _store.Settle(u, _runId, where) ?? throw StoreFailures.ToStoreError(u.InnerException!, where, true, "Nothing was recorded.");
            }
            catch (Exception ex) when (ex is NpgsqlException || ex is IOException || ex is TimeoutException)
            {
                throw StoreFailures.ToStoreError(ex, where, true, "Nothing was recorded: no state or evidence of this run.");
            }
        }

        internal EvidenceEntry CommitOnce(GovernorState? next, EvidenceEntry entry, byte[]? key)
        {
            if (!_open) throw new InvalidOperationException("The run was committed or rolled back already.");
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            if (!string.Equals(entry.PolicyId, _policyId, StringComparison.Ordinal))
                throw new ArgumentException("The entry's policy id '" + entry.PolicyId + "' is not the run's, '" + _policyId + "'.", nameof(entry));
            long number = _entryCount + 1;
            var chained = EvidenceLog.Chain(entry, _lastHash, checked((int)number), key);
            string line = EvidenceLog.Format(chained);
            string s = _store.QuotedSchema;
            try
            {
                using (var batch = new NpgsqlBatch(_conn))
                {
                    if (next != null)
                        batch.BatchCommands.Add(PostgresStore.Command("INSERT INTO " + s + ".policy_states (policy_id, state, updated_at) VALUES ($1, $2, $3) "
                            + "ON CONFLICT (policy_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at",
                            _policyId, FairnessGovernor.State.GovernorStateSerializer.ToJson(next), RunTime));
                    batch.BatchCommands.Add(PostgresStore.Command("INSERT INTO " + s + ".evidence_entries (policy_id, entry_number, run_id, logged_at, line) VALUES ($1, $2, $3, $4, $5)",
                        _policyId, number, _runId, RunTime, line));
                    batch.BatchCommands.Add(PostgresStore.Command("UPDATE " + s + ".policy_heads SET entry_count = $2, last_hash = $3, updated_at = $4 WHERE policy_id = $1",
                        _policyId, number, chained.Hash!, RunTime));
                    batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
                    batch.ExecuteNonQuery();
                }
                _open = false;
                return chained;
            }
            catch (Exception ex) when (StoreFailures.IsUnavailable(ex))
            {
                // The COMMIT may or may not have reached the server before the connection went.
                _open = false;
                throw new CommitUncertainException(chained, ex);
            }
        }

        /// <summary>Appends an entry of a run made elsewhere (no state change) and commits.</summary>
        internal EvidenceEntry Append(EvidenceEntry entry, byte[]? key) => CommitOnce(null, entry, key);

        /// <summary>Rolls back when not committed, and releases the connection when the run owns it.</summary>
        public void Dispose()
        {
            if (_open)
            {
                _open = false;
                TryRollback(_conn);
            }
            if (_ownsConnection) _conn.Dispose();
        }

        private static void TryRollback(NpgsqlConnection conn)
        {
            try
            {
                if (conn.FullState == System.Data.ConnectionState.Open)
                    using (var cmd = new NpgsqlCommand("ROLLBACK", conn)) cmd.ExecuteNonQuery();
            }
            catch (Exception ex) when (ex is NpgsqlException || ex is IOException || ex is TimeoutException || ex is InvalidOperationException)
            {
                // The connection is gone or broken: the server rolls the transaction back itself.
            }
        }

        /// <summary>The connection broke while the commit was on its way: whether it went through is not known yet.</summary>
        internal sealed class CommitUncertainException : Exception
        {
            public CommitUncertainException(EvidenceEntry entry, Exception inner) : base("The connection broke during COMMIT.", inner) => Entry = entry;

            public EvidenceEntry Entry { get; }
        }
    }
}
