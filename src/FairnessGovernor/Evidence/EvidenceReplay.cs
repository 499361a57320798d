using System;
using System.Collections.Generic;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// Replays a logged run (SPEC.md 5.7): re-runs the allocation on the given inputs and compares
    /// the digests of tasks, agents, policy and decisions, and the recorded metrics, with the line.
    /// It does not check the line's hash: verify the log first.
    /// </summary>
    public static class EvidenceReplay
    {
        /// <summary>Replays <paramref name="entry"/> (a chained entry read from a log) with the inputs it claims.</summary>
        /// <exception cref="EvidenceLogException">EvidenceNotReplayable: a legacy line has no digests.</exception>
        public static EvidenceReplayResult Replay(EvidenceEntry entry, IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            if (!entry.HasDigests)
                throw new EvidenceLogException("EvidenceNotReplayable", "line " + entry.LineNumber, "the entry has no digests (a legacy line), so it cannot be replayed.", entry.LineNumber);
            var result = Allocator.Allocate(tasks, agents, policy);
            var metrics = AllocationMetrics.Of(result);
            var fresh = EvidenceEntry.For(result, metrics, entry.Timestamp);
            var mismatches = new List<string>();
            void Check(string name, bool same) { if (!same) mismatches.Add(name); }
            // A line of 0.1.0 hashed strings its relaxed encoder escaped (emoji, U+2028, ...) in another form: either form
            // of the same inputs matches (SPEC.md 4.2).
            bool Same(string? now, string? logged, Func<string> legacy) => now == logged || (logged != null && legacy() == logged);
            Check("tasks_digest", Same(fresh.TasksDigest, entry.TasksDigest, () => CanonicalInput.LegacyTasksDigest(result.Tasks)));
            Check("agents_digest", Same(fresh.AgentsDigest, entry.AgentsDigest, () => CanonicalInput.LegacyAgentsDigest(result.Agents)));
            Check("policy_digest", Same(fresh.PolicyDigest, entry.PolicyDigest, () => CanonicalInput.LegacyPolicyDigest(result.Policy)));
            Check("decisions_digest", Same(fresh.DecisionsDigest, entry.DecisionsDigest, () => EvidenceDigests.LegacyDecisions(result)));
            Check("policy_id", string.Equals(fresh.PolicyId, entry.PolicyId, StringComparison.Ordinal));
            Check("task_count", fresh.TaskCount == entry.TaskCount);
            Check("agent_count", fresh.AgentCount == entry.AgentCount);
            Check("skew_ratio", fresh.SkewRatio.Equals(entry.SkewRatio));
            Check("fairness_label", string.Equals(fresh.FairnessLabel, entry.FairnessLabel, StringComparison.Ordinal));
            Check("assigned_count", fresh.AssignedCount == entry.AssignedCount);
            Check("unassigned_count", fresh.UnassignedCount == entry.UnassignedCount);
            return new EvidenceReplayResult(entry, fresh, mismatches.ToArray(), result);
        }

        /// <summary>Parses <paramref name="line"/> (the text of one log line) and replays it.</summary>
        /// <exception cref="EvidenceLogException">InvalidEvidenceLine, EvidenceNotReplayable.</exception>
        public static EvidenceReplayResult Replay(string line, IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy) =>
            Replay(EvidenceLog.Parse(line, "evidence line", 0), tasks, agents, policy);
    }
}
