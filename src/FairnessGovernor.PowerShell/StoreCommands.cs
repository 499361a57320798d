using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;
using FairnessGovernor.State;
using FairnessGovernor.Store.Postgres;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// Everything the cmdlets do with a PostgreSQL store (SPEC.md 10), in one place whose method signatures name no
    /// store type: the cmdlets keep -Store as object and call these only when a store is given, so the store assembly
    /// and Npgsql load (through <see cref="ModuleLoader"/>) only then. Every method is NoInlining for the same reason:
    /// inlined into a cmdlet method, its body would make the JIT load the store when that cmdlet method is compiled.
    /// </summary>
    internal static class StoreCommands
    {
        /// <summary>New-FairnessStore: the store object (nothing is sent to the server yet).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static object Create(string connectionString, string? schema, PSCredential? credential, double lockTimeoutSeconds, double sessionTimeoutSeconds)
        {
            string? user = null, password = null;
            if (credential != null)
            {
                var network = credential.GetNetworkCredential();
                user = credential.UserName;
                password = network.Password;
            }
            return new PostgresStore(connectionString, schema, user, password, TimeSpan.FromSeconds(lockTimeoutSeconds), TimeSpan.FromSeconds(sessionTimeoutSeconds));
        }

        /// <summary>Initialize-FairnessStore.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static object Initialize(FairnessCmdlet cmdlet, object store) => Unwrap(cmdlet, store).Initialize();

        /// <summary>A description of the store (for ShouldProcess and verbose text): never the password.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static string Describe(FairnessCmdlet cmdlet, object store, string? policyId) =>
            policyId == null ? Unwrap(cmdlet, store).Location : Unwrap(cmdlet, store).Describe(policyId);

        /// <summary>
        /// A batch run on the store: the inputs are loaded already; in one transaction the policy's state is read, the
        /// run decided on it and its state and evidence entry written (not when <paramref name="keep"/> says no). The run's
        /// time (SPEC.md 7.10) is <paramref name="asOf"/> when given, else the server's clock read under the policy's lock,
        /// so hosts with skewed clocks agree; the entry is timestamped by the server's clock.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static AllocationResult Allocate(FairnessCmdlet cmdlet, object store, IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy,
            AllocationOptions options, DateTime? asOf, Func<GovernorState, bool> keep)
        {
            var s = Unwrap(cmdlet, store);
            AllocationResult? result = null;
            s.Run(policy.PolicyId, (state, runTime) =>
            {
                result = Allocator.Allocate(tasks, agents, policy, options, state, RunTime(asOf, runTime), out var next);
                var metrics = AllocationMetrics.Of(result);
                var entry = EvidenceEntry.For(result, metrics, runTime, EvidenceEntry.WeightAwareMetrics(metrics));
                return new StoreRunDecision(next, entry, keep(next));
            });
            return result!;
        }

        /// <summary>Opens a stream's run on the store: the policy's lock is held until <see cref="CommitStream"/> or disposing the returned run (which rolls back).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static IDisposable OpenStream(FairnessCmdlet cmdlet, object store, string policyId, DateTime? asOf, out GovernorState state, out DateTime runTime)
        {
            var run = Unwrap(cmdlet, store).OpenRun(policyId);
            state = run.State;
            runTime = RunTime(asOf, run.RunTime);
            return run;
        }

        /// <summary>A store run's time: -AsOf (as UTC) when given, else the server's clock.</summary>
        private static DateTime RunTime(DateTime? asOf, DateTime server) => asOf.HasValue ? UsageClock.Utc(asOf.Value) : server;

        /// <summary>Records a completed stream: its state and evidence entry, then commits.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static EvidenceEntry CommitStream(IDisposable run, AllocationStream stream)
        {
            var r = (PostgresStoreRun)run;
            var entry = EvidenceEntry.For(stream, r.RunTime, EvidenceEntry.WeightAwareMetrics(AllocationMetrics.Of(stream)));
            return r.Commit(stream.NextState!, entry);
        }

        /// <summary>Get-FairnessState -Store.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static GovernorStateReport StateReport(FairnessCmdlet cmdlet, object store, string policyId)
        {
            var s = Unwrap(cmdlet, store);
            return new GovernorStateReport(s.GetState(policyId), s.Describe(policyId));
        }

        /// <summary>Reset-FairnessState -Store.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Reset(FairnessCmdlet cmdlet, object store, string policyId) => Unwrap(cmdlet, store).Reset(policyId);

        /// <summary>Add-AllocationEvidence -Store: the entry chained onto its policy's chain.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static EvidenceEntry Append(FairnessCmdlet cmdlet, object store, EvidenceEntry entry, byte[]? key) => Unwrap(cmdlet, store).Append(entry, key);

        /// <summary>Get-AllocationEvidence -Store: the entries of the policies whose id matches <paramref name="pattern"/> (every policy when null), each chain oldest first.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static IEnumerable<EvidenceEntry> Entries(FairnessCmdlet cmdlet, object store, WildcardPattern? pattern)
        {
            var s = Unwrap(cmdlet, store);
            var list = new List<EvidenceEntry>();
            foreach (var id in s.PolicyIds())
                if (pattern == null || pattern.IsMatch(id)) list.AddRange(s.ReadEntries(id));
            return list;
        }

        /// <summary>The entries of one policy (Test-AllocationEvidence -Replay -Store).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static IReadOnlyList<EvidenceEntry> PolicyEntries(FairnessCmdlet cmdlet, object store, string policyId) => Unwrap(cmdlet, store).ReadEntries(policyId);

        /// <summary>Test-AllocationEvidence -Store.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static EvidenceVerificationResult Verify(FairnessCmdlet cmdlet, object store, string policyId, EvidenceVerifyOptions options) =>
            Unwrap(cmdlet, store).Verify(policyId, options);

        /// <summary>Export-AllocationEvidence: the chain written to <paramref name="stream"/>; returns the entry count.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int Export(FairnessCmdlet cmdlet, object store, string policyId, Stream stream) => Unwrap(cmdlet, store).Export(policyId, stream);

        /// <summary>The -Store value as a store, or InvalidStore.</summary>
        private static PostgresStore Unwrap(FairnessCmdlet cmdlet, object value)
        {
            var o = value is PSObject p ? p.BaseObject : value;
            if (o is PostgresStore store) return store;
            cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Store takes a store from New-FairnessStore; got " + (o?.GetType().FullName ?? "null") + "."),
                "InvalidStore", ErrorCategory.InvalidArgument, null));
            return null!;
        }
    }
}
