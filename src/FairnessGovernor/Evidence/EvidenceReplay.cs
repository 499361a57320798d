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
            Check("tasks_digest", fresh.TasksDigest == entry.TasksDigest);
            Check("agents_digest", fresh.AgentsDigest == entry.AgentsDigest);
            Check("policy_digest", fresh.PolicyDigest == entry.PolicyDigest);
            Check("decisions_digest", fresh.DecisionsDigest == entry.DecisionsDigest);
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

    /// <summary>The outcome of <see cref="EvidenceReplay.Replay(EvidenceEntry, IReadOnlyList{FairTask}, IReadOnlyList{FairAgent}, FairnessPolicy)"/>.</summary>
    public sealed class EvidenceReplayResult
    {
        private readonly string[] _mismatches;
        private readonly AllocationResult _run;

        internal EvidenceReplayResult(EvidenceEntry logged, EvidenceEntry replayed, string[] mismatches, AllocationResult run)
        {
            Logged = logged;
            Replayed = replayed;
            _mismatches = mismatches;
            _run = run;
        }

        /// <summary>True when every digest and recorded metric matches: this allocation was made from these inputs.</summary>
        public bool IsMatch => _mismatches.Length == 0;

        /// <summary>The field names that differ, in line order (e.g. agents_digest, decisions_digest); empty on a match.</summary>
        public string[] Mismatches => (string[])_mismatches.Clone();

        /// <summary>The tasks given are the tasks logged.</summary>
        public bool TasksMatch => Array.IndexOf(_mismatches, "tasks_digest") < 0;

        /// <summary>The agents given are the agents logged.</summary>
        public bool AgentsMatch => Array.IndexOf(_mismatches, "agents_digest") < 0;

        /// <summary>The policy given is the policy logged.</summary>
        public bool PolicyMatches => Array.IndexOf(_mismatches, "policy_digest") < 0;

        /// <summary>The re-run made the decisions logged.</summary>
        public bool DecisionsMatch => Array.IndexOf(_mismatches, "decisions_digest") < 0;

        /// <summary>True when the line was written by this engine version (informational: other versions should decide alike).</summary>
        public bool SameModuleVersion => string.Equals(Logged.ModuleVersion, Replayed.ModuleVersion, StringComparison.Ordinal);

        /// <summary>The entry from the log.</summary>
        public EvidenceEntry Logged { get; }

        /// <summary>The entry the replay would log (same timestamp; no chain fields).</summary>
        public EvidenceEntry Replayed { get; }

        /// <summary>The re-run allocation (a method, so it stays out of exported JSON).</summary>
        public AllocationResult GetRun() => _run;

        /// <inheritdoc />
        public override string ToString() => IsMatch ? "match" : "mismatch: " + string.Join(", ", _mismatches);
    }
}
