using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using FairnessGovernor.Errors;
using FairnessGovernor.Evidence;
using FairnessGovernor.Model;
using FairnessGovernor.State;
using Npgsql;

namespace FairnessGovernor.Store.Postgres
{
    /// <summary>
    /// A PostgreSQL store (SPEC.md 10, docs/design/postgres-store.md): per policy id, one state and one evidence
    /// chain, shared by every host that opens the same database and schema. A stateful run is one READ COMMITTED
    /// transaction that locks the policy's head row (SELECT ... FOR UPDATE), reads the state, decides, writes state,
    /// entry and head, and commits, in two round trips; failures worth it are retried with jittered backoff. The
    /// password is kept only in the connection settings and never shown: not by a property, ToString or an error.
    /// </summary>
    public sealed class PostgresStore : IDisposable
    {
        private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
        private readonly NpgsqlDataSource _source;
        private readonly string _schema; // quoted
        private readonly object _gate = new object();
        private bool _schemaReady;

        /// <summary>
        /// A store on the database of <paramref name="connectionString"/> (Npgsql keywords: Host, Port, Database,
        /// Username, Password, ...), in <paramref name="schema"/> (default fairness_governor). A user name and password
        /// given apart replace those of the string. Nothing is sent to the server until the store is first used.
        /// </summary>
        /// <exception cref="StoreException">InvalidConnectionString.</exception>
        public PostgresStore(string connectionString, string? schema = null, string? userName = null, string? password = null,
            TimeSpan? lockTimeout = null, TimeSpan? sessionTimeout = null, int maxAttempts = 5)
        {
            if (connectionString == null) throw new ArgumentNullException(nameof(connectionString));
            NpgsqlConnectionStringBuilder b;
            try
            {
                b = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException || ex is InvalidCastException || ex is OverflowException)
            {
                // Npgsql's message names the keyword, never a value; the string itself (which may hold a password) is not repeated.
                throw new StoreException("InvalidConnectionString", FairnessErrorCategory.InvalidArgument, "PostgreSQL store",
                    "the connection string is not valid: " + ex.Message.Replace("\r", " ").Replace("\n", " "), null);
            }
            if (userName != null) b.Username = userName;
            if (password != null) b.Password = password;
            if (string.IsNullOrEmpty(b.Host))
                throw new StoreException("InvalidConnectionString", FairnessErrorCategory.InvalidArgument, "PostgreSQL store", "the connection string names no Host.", null);
            Schema = schema ?? StoreSchema.DefaultName;
            if (!StoreSchema.IsValidName(Schema))
                throw new StoreException("InvalidStoreSchema", FairnessErrorCategory.InvalidArgument, "PostgreSQL store",
                    "the schema name '" + Schema + "' is not valid: expected a letter or '_', then letters, digits or '_', at most 63 in all.", null);
            LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(10);
            SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(60);
            if (LockTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lockTimeout));
            if (SessionTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(sessionTimeout));
            if (maxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(maxAttempts));
            MaxAttempts = maxAttempts;
            if (string.IsNullOrEmpty(b.ApplicationName)) b.ApplicationName = "FairnessGovernor";
            // Every session: a writer waits at most LockTimeout for a policy's lock, and a session idle in a transaction
            // (a client frozen or cut off while holding the lock) is ended after SessionTimeout.
            b.Options = ((b.Options ?? "") + " -c lock_timeout=" + (long)LockTimeout.TotalMilliseconds
                + " -c idle_in_transaction_session_timeout=" + (long)SessionTimeout.TotalMilliseconds).Trim();
            b.PersistSecurityInfo = false;
            Host = b.Host!;
            Port = b.Port;
            Database = b.Database ?? b.Username ?? "";
            UserName = b.Username ?? "";
            _schema = StoreSchema.Quote(Schema);
            _source = NpgsqlDataSource.Create(b);
        }

        /// <summary>The server's host name or address.</summary>
        public string Host { get; }

        /// <summary>The server's port.</summary>
        public int Port { get; }

        /// <summary>The database.</summary>
        public string Database { get; }

        /// <summary>The user name the store connects as.</summary>
        public string UserName { get; }

        /// <summary>The schema holding the store's tables.</summary>
        public string Schema { get; }

        /// <summary>How long a writer waits for another's lock on a policy (the sessions' lock_timeout).</summary>
        public TimeSpan LockTimeout { get; }

        /// <summary>How long a session may sit idle inside a transaction before the server ends it (idle_in_transaction_session_timeout).</summary>
        public TimeSpan SessionTimeout { get; }

        /// <summary>How many times an operation is tried when it fails in a way worth retrying.</summary>
        public int MaxAttempts { get; }

        /// <summary>The schema version this module reads and writes.</summary>
        public static int SchemaVersion => StoreSchema.CurrentVersion;

        /// <summary>Where the store is, without a password: postgresql://user@host:port/database, schema.</summary>
        public string Location => "postgresql://" + (UserName.Length == 0 ? "" : UserName + "@") + Host + ":" + Port + "/" + Database + " (schema " + Schema + ")";

        /// <inheritdoc />
        public override string ToString() => Location;

        /// <summary>The store and a policy, as errors and results name them.</summary>
        public string Describe(string policyId) => Location + ", policy '" + policyId + "'";

        /// <summary>Creates or upgrades the schema now (as first use would), under the advisory lock; returns the version before and after.</summary>
        /// <exception cref="StoreException">StoreUnavailable, StoreError, StoreSchemaTooNew.</exception>
        public StoreSchemaInfo Initialize()
        {
            int before = -1;
            WithRetries(Location, "No schema change was committed.", conn => { before = Migrate(conn); return 0; }, ensureSchema: false);
            lock (_gate) _schemaReady = true;
            return new StoreSchemaInfo(Location, Schema, before, StoreSchema.CurrentVersion);
        }

        /// <summary>
        /// A stateful run (SPEC.md 10): in one transaction, locks the policy's head row, reads its state and the
        /// server's clock, calls <paramref name="decide"/> with them, and writes the state, the evidence entry and
        /// the head it returns, then commits. <paramref name="decide"/> may be called again when the transaction is
        /// retried, so it must only compute. Returns the entry as recorded (its LineNumber is its number in the
        /// chain), or null when the decision was not to keep the run (-WhatIf: nothing is written).
        /// </summary>
        /// <exception cref="StoreException">StoreUnavailable, StoreError, StoreSchemaTooNew; nothing of the run is recorded.</exception>
        public EvidenceEntry? Run(string policyId, Func<GovernorState, DateTime, StoreRunDecision> decide)
        {
            if (decide == null) throw new ArgumentNullException(nameof(decide));
            CheckPolicyId(policyId);
            var runId = Guid.NewGuid();
            string where = Describe(policyId);
            const string nothing = "Nothing was recorded: no state, evidence or output of this run.";
            return WithRetries(where, nothing, conn =>
            {
                using (var run = PostgresStoreRun.Open(this, conn, policyId, runId, ownsConnection: false))
                {
                    var decision = decide(run.State, run.RunTime) ?? throw new InvalidOperationException("The decision is null.");
                    if (!decision.Keep) return null;
                    try
                    {
                        return run.CommitOnce(decision.NextState, decision.Entry, null);
                    }
                    catch (PostgresStoreRun.CommitUncertainException u)
                    {
                        // Settle returns the entry when the commit went through, so it is never repeated; otherwise retry.
                        return Settle(u, runId, where) ?? throw u;
                    }
                }
            });
        }

        /// <summary>
        /// Opens a run whose tasks come later (Invoke-FairAllocation -Stream): the policy's lock is held, and the
        /// transaction open, until <see cref="PostgresStoreRun.Commit"/> or Dispose (which rolls back). Opening is
        /// retried; the commit is not (the decisions have been emitted by then) except to find out whether an
        /// ambiguous commit went through.
        /// </summary>
        public PostgresStoreRun OpenRun(string policyId)
        {
            CheckPolicyId(policyId);
            var runId = Guid.NewGuid();
            return WithRetries(Describe(policyId), "Nothing was recorded.", conn => PostgresStoreRun.Open(this, conn, policyId, runId, ownsConnection: true), keepConnection: true);
        }

        /// <summary>Appends the entry of a run made without the store (Add-AllocationEvidence -Store) to its policy's chain, in one transaction.</summary>
        public EvidenceEntry Append(EvidenceEntry entry, byte[]? key = null)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            if (!entry.HasDigests) throw new ArgumentException("The entry has no digests, so it cannot be chained.", nameof(entry));
            CheckPolicyId(entry.PolicyId);
            var runId = Guid.NewGuid();
            return WithRetries(Describe(entry.PolicyId), "Nothing was recorded.", conn =>
            {
                using (var run = PostgresStoreRun.Open(this, conn, entry.PolicyId, runId, ownsConnection: false, readState: false))
                {
                    try
                    {
                        return run.Append(entry, key);
                    }
                    catch (PostgresStoreRun.CommitUncertainException u)
                    {
                        return Settle(u, runId, Describe(entry.PolicyId)) ?? throw u;
                    }
                }
            });
        }

        /// <summary>The policy's state; a policy with no state yet has <see cref="GovernorState.Empty"/>.</summary>
        public GovernorState GetState(string policyId)
        {
            CheckPolicyId(policyId);
            string where = Describe(policyId);
            return WithRetries(where, "Nothing was changed.", conn =>
            {
                using (var cmd = new NpgsqlCommand("SELECT state FROM " + _schema + ".policy_states WHERE policy_id = $1", conn))
                {
                    cmd.Parameters.Add(new NpgsqlParameter { Value = policyId });
                    var text = cmd.ExecuteScalar() as string;
                    return text == null ? GovernorState.Empty : ReadState(text, where);
                }
            });
        }

        /// <summary>Resets the policy's state to empty, under its lock; its evidence chain is kept.</summary>
        public void Reset(string policyId)
        {
            CheckPolicyId(policyId);
            WithRetries(Describe(policyId), "Nothing was changed.", conn =>
            {
                using (var batch = new NpgsqlBatch(conn))
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL READ COMMITTED"));
                    batch.BatchCommands.Add(Command("SELECT 1 FROM " + _schema + ".policy_heads WHERE policy_id = $1 FOR UPDATE", policyId));
                    batch.BatchCommands.Add(Command("DELETE FROM " + _schema + ".policy_states WHERE policy_id = $1", policyId));
                    batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
                    batch.ExecuteNonQuery();
                }
                return 0;
            });
        }

        /// <summary>The policy ids that have a chain or a state, in ordinal order.</summary>
        public IReadOnlyList<string> PolicyIds()
        {
            return WithRetries(Location, "Nothing was changed.", conn =>
            {
                var list = new List<string>();
                using (var cmd = new NpgsqlCommand("SELECT policy_id FROM " + _schema + ".policy_heads ORDER BY policy_id COLLATE \"C\"", conn))
                using (var r = cmd.ExecuteReader())
                    while (r.Read()) list.Add(r.GetString(0));
                return (IReadOnlyList<string>)list;
            });
        }

        /// <summary>The policy's evidence lines, oldest first, as one consistent snapshot; <paramref name="head"/> gets the head row's count and hash.</summary>
        /// <exception cref="StoreException">StorePolicyNotFound when the policy has no chain.</exception>
        public IReadOnlyList<string> ReadLines(string policyId, out StoreHead head)
        {
            CheckPolicyId(policyId);
            string where = Describe(policyId);
            StoreHead? h = null;
            var lines = WithRetries(where, "Nothing was changed.", conn =>
            {
                var list = new List<string>();
                using (var tx = conn.BeginTransaction(System.Data.IsolationLevel.RepeatableRead))
                {
                    using (var cmd = new NpgsqlCommand("SELECT entry_count, last_hash FROM " + _schema + ".policy_heads WHERE policy_id = $1", conn, tx))
                    {
                        cmd.Parameters.Add(new NpgsqlParameter { Value = policyId });
                        using (var r = cmd.ExecuteReader())
                        {
                            if (!r.Read()) throw new StoreException("StorePolicyNotFound", FairnessErrorCategory.ObjectNotFound, where, "the store has no evidence or state for this policy id.", null);
                            h = new StoreHead(r.GetInt64(0), r.GetString(1));
                        }
                    }
                    var numbers = new List<long>();
                    using (var cmd = new NpgsqlCommand("SELECT entry_number, line FROM " + _schema + ".evidence_entries WHERE policy_id = $1 ORDER BY entry_number", conn, tx))
                    {
                        cmd.Parameters.Add(new NpgsqlParameter { Value = policyId });
                        using (var r = cmd.ExecuteReader())
                            while (r.Read())
                            {
                                numbers.Add(r.GetInt64(0));
                                list.Add(r.GetString(1));
                            }
                    }
                    tx.Commit();
                    h = new StoreHead(h!.EntryCount, h.LastHash, numbers);
                }
                return (IReadOnlyList<string>)list;
            });
            head = h!;
            return lines;
        }

        /// <summary>The policy's entries, oldest first, each with its entry number as LineNumber.</summary>
        public IReadOnlyList<EvidenceEntry> ReadEntries(string policyId)
        {
            var lines = ReadLines(policyId, out var head);
            var list = new List<EvidenceEntry>(lines.Count);
            string where = Describe(policyId);
            for (int i = 0; i < lines.Count; i++)
                list.Add(EvidenceLog.Parse(lines[i], where, checked((int)head.EntryNumbers[i])));
            return list;
        }

        /// <summary>
        /// Verifies the policy's chain (SPEC.md 10) as <see cref="EvidenceVerifier"/> verifies a log, entry number by
        /// entry number; also checks that the numbers run 1, 2, 3, ... and that the head row agrees with the chain
        /// (its count and last hash), which catches entries deleted from the end.
        /// </summary>
        public EvidenceVerificationResult Verify(string policyId, EvidenceVerifyOptions? options = null)
        {
            var lines = ReadLines(policyId, out var head);
            var result = EvidenceVerifier.Verify(Describe(policyId), lines, options);
            for (int i = 0; i < head.EntryNumbers.Count; i++)
                if (head.EntryNumbers[i] != i + 1)
                {
                    result.Flag(i + 1, "EntryNumberGap", "the entry at position " + (i + 1) + " has number " + head.EntryNumbers[i] + " (an entry was deleted or renumbered).");
                    break;
                }
            if (result.IsValid && (head.EntryCount != lines.Count || !string.Equals(head.LastHash, result.LastHash, StringComparison.Ordinal)))
                result.Flag(Math.Min(lines.Count, (int)Math.Min(int.MaxValue, head.EntryCount)) + (head.EntryCount > lines.Count ? 1 : 0), "HeadMismatch",
                    "the policy's head records " + head.EntryCount + " entries ending in " + head.LastHash + ", but the chain has " + lines.Count + " ending in " + result.LastHash + " (entries were removed or added outside the store).");
            return result;
        }

        /// <summary>Writes the policy's chain as a JSONL evidence log (SPEC.md 5) to <paramref name="stream"/>; returns the entry count.</summary>
        public int Export(string policyId, Stream stream)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            var lines = ReadLines(policyId, out _);
            var utf8 = new UTF8Encoding(false);
            foreach (var line in lines)
            {
                var bytes = utf8.GetBytes(line + "\n");
                stream.Write(bytes, 0, bytes.Length);
            }
            return lines.Count;
        }

        /// <inheritdoc />
        public void Dispose() => _source.Dispose();

        internal string QuotedSchema => _schema;

        internal GovernorState ReadState(string text, string where) => GovernorStateSerializer.Read(Encoding.UTF8.GetBytes(text), where);

        internal static NpgsqlBatchCommand Command(string sql, params object[] values)
        {
            var c = new NpgsqlBatchCommand(sql);
            foreach (var v in values) c.Parameters.Add(new NpgsqlParameter { Value = v });
            return c;
        }

        private static void CheckPolicyId(string policyId)
        {
            if (string.IsNullOrEmpty(policyId)) throw new ArgumentException("A policy id is needed.", nameof(policyId));
        }

        /// <summary>
        /// Runs <paramref name="work"/> on a fresh connection (after making sure of the schema), trying again with
        /// jittered exponential backoff when it fails in a way worth retrying, up to <see cref="MaxAttempts"/>. Any
        /// other failure is a StoreException naming the store.
        /// </summary>
        private T WithRetries<T>(string where, string recorded, Func<NpgsqlConnection, T> work, bool keepConnection = false, bool ensureSchema = true)
        {
            var random = new Random(Guid.NewGuid().GetHashCode());
            for (int attempt = 1; ; attempt++)
            {
                NpgsqlConnection? conn = null;
                bool connected = false;
                try
                {
                    conn = _source.OpenConnection();
                    connected = true;
                    if (ensureSchema) EnsureSchema(conn);
                    var result = work(conn);
                    if (!keepConnection) conn.Dispose();
                    return result;
                }
                catch (StoreException)
                {
                    conn?.Dispose();
                    throw;
                }
                catch (Exception ex) when (ex is NpgsqlException || ex is IOException || ex is TimeoutException || ex is System.Net.Sockets.SocketException || ex is PostgresStoreRun.CommitUncertainException)
                {
                    conn?.Dispose();
                    var cause = ex is PostgresStoreRun.CommitUncertainException u ? u.InnerException! : ex;
                    if (attempt < MaxAttempts && StoreFailures.IsRetryable(cause))
                    {
                        // Jittered exponential backoff: 25 ms, 50 ms, 100 ms, ... times a factor from 0.5 to 1.5.
                        double ms = 25 * Math.Pow(2, attempt - 1) * (0.5 + random.NextDouble());
                        Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(ms, 2000)));
                        continue;
                    }
                    throw StoreFailures.ToStoreError(cause, where, connected, recorded);
                }
                catch
                {
                    conn?.Dispose();
                    throw;
                }
            }
        }

        /// <summary>
        /// After the connection broke during a COMMIT: the entry when the run id shows the commit went through, null
        /// when it did not (the run may be tried again); StoreUnavailable when the server cannot tell.
        /// </summary>
        internal EvidenceEntry? Settle(PostgresStoreRun.CommitUncertainException u, Guid runId, string where)
        {
            var found = TryFindRun(runId);
            if (found == true) return u.Entry;
            if (found == false) return null;
            throw new StoreException("StoreUnavailable", FairnessErrorCategory.ResourceUnavailable, where,
                "the connection broke while committing and the server cannot be reached to tell whether the run was recorded (" + u.InnerException!.Message
                + "). Look for run id " + runId + " in the store's evidence_entries table.", StoreFailures.SqlState(u.InnerException, true), u.InnerException);
        }

        /// <summary>Whether a run with this id was recorded: true, false, or null when the server cannot be asked.</summary>
        private bool? TryFindRun(Guid runId)
        {
            try
            {
                using (var conn = _source.OpenConnection())
                using (var cmd = new NpgsqlCommand("SELECT 1 FROM " + _schema + ".evidence_entries WHERE run_id = $1", conn))
                {
                    cmd.Parameters.Add(new NpgsqlParameter { Value = runId });
                    return cmd.ExecuteScalar() != null;
                }
            }
            catch (Exception ex) when (ex is NpgsqlException || ex is IOException || ex is TimeoutException)
            {
                return null;
            }
        }

        /// <summary>Once per store object: reads the schema version and migrates when it is older; a newer one is refused.</summary>
        private void EnsureSchema(NpgsqlConnection conn)
        {
            lock (_gate) if (_schemaReady) return;
            int version;
            using (var cmd = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", conn))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = _schema + ".store_schema" });
                version = (bool)cmd.ExecuteScalar()! ? ReadVersion(conn) : 0;
            }
            if (version > StoreSchema.CurrentVersion) throw TooNew(version);
            if (version < StoreSchema.CurrentVersion) Migrate(conn);
            lock (_gate) _schemaReady = true;
        }

        private int ReadVersion(NpgsqlConnection conn, NpgsqlTransaction? tx = null)
        {
            using (var cmd = new NpgsqlCommand("SELECT version FROM " + _schema + ".store_schema WHERE id = 1", conn, tx))
                return cmd.ExecuteScalar() is int v ? v : 0;
        }

        private StoreException TooNew(int version) =>
            new StoreException("StoreSchemaTooNew", FairnessErrorCategory.InvalidData, Location,
                "the store's schema is version " + version + ", made by a newer module; this module knows versions up to " + StoreSchema.CurrentVersion + ". Nothing was changed.", null);

        /// <summary>Creates or upgrades the schema under a transaction-scoped advisory lock; returns the version found (0: none).</summary>
        private int Migrate(NpgsqlConnection conn)
        {
            using (var tx = conn.BeginTransaction(System.Data.IsolationLevel.ReadCommitted))
            {
                Execute(conn, tx, "SELECT pg_advisory_xact_lock(" + StoreSchema.LockKey(Schema) + ")");
                bool exists;
                using (var cmd = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", conn, tx))
                {
                    cmd.Parameters.Add(new NpgsqlParameter { Value = _schema + ".store_schema" });
                    exists = (bool)cmd.ExecuteScalar()!;
                }
                int found = exists ? ReadVersion(conn, tx) : 0;
                if (found > StoreSchema.CurrentVersion) throw TooNew(found);
                if (found < StoreSchema.CurrentVersion)
                {
                    Execute(conn, tx, "CREATE SCHEMA IF NOT EXISTS " + _schema);
                    Execute(conn, tx, StoreSchema.VersionTable(_schema));
                    for (int v = found + 1; v <= StoreSchema.CurrentVersion; v++)
                        Execute(conn, tx, StoreSchema.Migration(v, _schema));
                    Execute(conn, tx, "INSERT INTO " + _schema + ".store_schema (id, version) VALUES (1, " + StoreSchema.CurrentVersion
                        + ") ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, migrated_at = now()");
                }
                tx.Commit();
                return found;
            }
        }

        private static void Execute(NpgsqlConnection conn, NpgsqlTransaction tx, string sql)
        {
            using (var cmd = new NpgsqlCommand(sql, conn, tx)) cmd.ExecuteNonQuery();
        }

        internal static string GenesisHash => Genesis;
    }
}
