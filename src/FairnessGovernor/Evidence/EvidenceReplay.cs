using System;
using System.Collections.Generic;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;
using FairnessGovernor.State;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// Replays a logged run (SPEC.md 5.8): re-runs the allocation on the given inputs (and the recorded run mode,
    /// starting state and run time) and compares the digests of tasks, agents, policy and decisions, and the
    /// recorded metrics, with the line.
    /// It does not check the line's hash: verify the log first.
    /// </summary>
    public static class EvidenceReplay
    {
        /// <summary>
        /// Replays <paramref name="entry"/> (a chained entry read from a log) with the inputs it claims (SPEC.md 5.8): a
        /// batch on its own, a batch continuing the state the line records (at its run time), or a stream (its tasks in
        /// input order, the recorded window, state and run time). A line without a run mode whose inputs match but whose
        /// decisions do not cannot be told from a stateful or streamed run logged before run modes were recorded: it gets
        /// <see cref="EvidenceReplayResult.CannotReplay"/>, never a mismatch.
        /// </summary>
        /// <exception cref="EvidenceLogException">EvidenceNotReplayable: a legacy line has no digests.</exception>
        public static EvidenceReplayResult Replay(EvidenceEntry entry, IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            if (tasks == null) throw new ArgumentNullException(nameof(tasks));
            if (agents == null) throw new ArgumentNullException(nameof(agents));
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            if (!entry.HasDigests)
                throw new EvidenceLogException("EvidenceNotReplayable", "line " + entry.LineNumber, "the entry has no digests (a legacy line), so it cannot be replayed.", entry.LineNumber);
            var run = entry.Run;
            GovernorState? state = null;
            if (run != null && run.HasState)
            {
                if (run.StartState == null)
                    throw new EvidenceLogException("EvidenceNotReplayable", "line " + entry.LineNumber,
                        "cannot replay: the run continued a state larger than a line holds, so the line records only its digest (" + run.StateDigest + ").", entry.LineNumber);
                state = GovernorStateSerializer.Read(run.StartState, "line " + entry.LineNumber + ", field 'start_state'");
            }
            EvidenceEntry fresh;
            AllocationResult? result = null;
            if (run != null && run.Mode == EvidenceRun.StreamMode)
            {
                var stream = new AllocationStream(agents, policy, new AllocationStreamOptions { WindowSize = run.WindowSize!.Value, AsOf = run.AsOf }, state);
                foreach (var t in tasks) stream.Add(t);
                stream.Complete();
                fresh = EvidenceEntry.For(stream, entry.Timestamp);
            }
            else
            {
                result = state != null
                    ? Allocator.Allocate(tasks, agents, policy, null, state, run!.AsOf, out _)
                    : Allocator.Allocate(tasks, agents, policy);
                fresh = EvidenceEntry.For(result, AllocationMetrics.Of(result), entry.Timestamp);
            }
            var mismatches = new List<string>();
            void Check(string name, bool same) { if (!same) mismatches.Add(name); }
            // A line of 0.1.0 hashed strings its relaxed encoder escaped (emoji, U+2028, ...) in another form: either form
            // of the same inputs matches (SPEC.md 4.2). A stream's line records its run mode, so it was written by this
            // version's rule: there is no legacy form to try (result is null).
            bool Same(string? now, string? logged, Func<string> legacy) => now == logged || (logged != null && result != null && legacy() == logged);
            Check("tasks_digest", Same(fresh.TasksDigest, entry.TasksDigest, () => CanonicalInput.LegacyTasksDigest(result!.Tasks)));
            Check("agents_digest", Same(fresh.AgentsDigest, entry.AgentsDigest, () => CanonicalInput.LegacyAgentsDigest(result!.Agents)));
            Check("policy_digest", Same(fresh.PolicyDigest, entry.PolicyDigest, () => CanonicalInput.LegacyPolicyDigest(result!.Policy)));
            Check("decisions_digest", Same(fresh.DecisionsDigest, entry.DecisionsDigest, () => EvidenceDigests.LegacyDecisions(result!)));
            Check("policy_id", string.Equals(fresh.PolicyId, entry.PolicyId, StringComparison.Ordinal));
            Check("task_count", fresh.TaskCount == entry.TaskCount);
            Check("agent_count", fresh.AgentCount == entry.AgentCount);
            Check("skew_ratio", fresh.SkewRatio.Equals(entry.SkewRatio));
            Check("fairness_label", string.Equals(fresh.FairnessLabel, entry.FairnessLabel, StringComparison.Ordinal));
            Check("assigned_count", fresh.AssignedCount == entry.AssignedCount);
            Check("unassigned_count", fresh.UnassignedCount == entry.UnassignedCount);
            if (run != null) Check("state_digest", fresh.Run?.StateDigest == run.StateDigest);
            string? cannot = null;
            if (run == null && mismatches.Count > 0 && mismatches.TrueForAll(m => Array.IndexOf(DecisionFields, m) >= 0))
                cannot = "cannot replay: the run continued a state (-StatePath, -Governor) or was streamed: its inputs match, but the line, written before "
                    + "evidence recorded run modes, does not record the starting state or stream window a replay needs.";
            return new EvidenceReplayResult(entry, fresh, mismatches.ToArray(), result, cannot);
        }

        /// <summary>The fields that depend on the decisions, not the inputs: those a state or a stream changes.</summary>
        private static readonly string[] DecisionFields = { "decisions_digest", "skew_ratio", "fairness_label", "assigned_count", "unassigned_count" };

        /// <summary>Parses <paramref name="line"/> (the text of one log line) and replays it.</summary>
        /// <exception cref="EvidenceLogException">InvalidEvidenceLine, EvidenceNotReplayable.</exception>
        public static EvidenceReplayResult Replay(string line, IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy) =>
            Replay(EvidenceLog.Parse(line, "evidence line", 0), tasks, agents, policy);
    }
}
