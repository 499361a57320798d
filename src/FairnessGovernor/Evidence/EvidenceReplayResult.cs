using System;
using System.Collections.Generic;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.Evidence
{
    /// <summary>The outcome of <see cref="EvidenceReplay.Replay(EvidenceEntry, IReadOnlyList{FairTask}, IReadOnlyList{FairAgent}, FairnessPolicy)"/> (SPEC.md 5.8).</summary>
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
