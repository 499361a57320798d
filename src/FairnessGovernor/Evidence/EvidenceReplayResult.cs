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
        private readonly AllocationResult? _run;
        private readonly EvidenceEntry _logged, _replayed;

        /// <summary>The line replayed (1-based; 0 for a line given as text).</summary>
        public int LineNumber => _logged.LineNumber;

        internal EvidenceReplayResult(EvidenceEntry logged, EvidenceEntry replayed, string[] mismatches, AllocationResult? run, string? cannotReplay = null)
        {
            _logged = logged;
            _replayed = replayed;
            CannotReplay = cannotReplay;
            // A run that cannot be replayed has no mismatch to report: its differences say nothing about the line.
            _mismatches = cannotReplay != null ? new string[0] : mismatches;
            _run = run;
        }

        /// <summary>True when every digest and recorded metric matches: this allocation was made from these inputs.</summary>
        public bool IsMatch => CannotReplay == null && _mismatches.Length == 0;

        /// <summary>
        /// Why the line cannot be replayed (SPEC.md 5.8), beginning "cannot replay:"; null when it was replayed. A line
        /// written before evidence recorded run modes, whose inputs match but whose decisions differ, is such a line: it
        /// may record a run that continued a state or was streamed.
        /// </summary>
        public string? CannotReplay { get; }

        /// <summary>Match, Mismatch or CannotReplay.</summary>
        public string Status => CannotReplay != null ? "CannotReplay" : IsMatch ? "Match" : "Mismatch";

        /// <summary>The field names that differ, in line order (e.g. agents_digest, decisions_digest); empty on a match and when the line cannot be replayed.</summary>
        public string[] Mismatches => (string[])_mismatches.Clone();

        /// <summary>The tasks given are the tasks logged.</summary>
        public bool TasksMatch => Array.IndexOf(_mismatches, "tasks_digest") < 0;

        /// <summary>The agents given are the agents logged.</summary>
        public bool AgentsMatch => Array.IndexOf(_mismatches, "agents_digest") < 0;

        /// <summary>The policy given is the policy logged.</summary>
        public bool PolicyMatches => Array.IndexOf(_mismatches, "policy_digest") < 0;

        /// <summary>The re-run made the decisions logged (false when the line cannot be replayed).</summary>
        public bool DecisionsMatch => CannotReplay == null && Array.IndexOf(_mismatches, "decisions_digest") < 0;

        /// <summary>True when the line was written by this engine version (informational: other versions should decide alike).</summary>
        public bool SameModuleVersion => string.Equals(_logged.ModuleVersion, _replayed.ModuleVersion, StringComparison.Ordinal);

        // The two entries are methods, like GetRun(): as properties they nested ConvertTo-Json past its default depth
        // (SPEC.md 8.7), and the flat properties above say what they differ in.

        /// <summary>The entry from the log.</summary>
        public EvidenceEntry GetLogged() => _logged;

        /// <summary>The entry the replay would log (same timestamp; no chain fields).</summary>
        public EvidenceEntry GetReplayed() => _replayed;

        /// <summary>The re-run allocation (a method, so it stays out of exported JSON); null when the line was a stream's.</summary>
        public AllocationResult? GetRun() => _run;

        /// <inheritdoc />
        public override string ToString() => CannotReplay ?? (IsMatch ? "match" : "mismatch: " + string.Join(", ", _mismatches));
    }
}
