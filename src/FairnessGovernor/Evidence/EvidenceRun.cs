using System;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// What an evidence line records of how a run was made, beyond its inputs (SPEC.md 5.1, 7.10): its mode (a batch
    /// or a stream, with its window), and for a run that continued a state, its run time, the state it started from
    /// (compact canonical JSON, SPEC.md 7.4) and that state's digest. A plain batch (no state) has none
    /// (<see cref="EvidenceEntry.Run"/> is null), as lines written before this was recorded.
    /// </summary>
    public sealed class EvidenceRun
    {
        /// <summary><c>run_mode</c> of a batch that continued a state.</summary>
        public const string BatchMode = "batch";

        /// <summary><c>run_mode</c> of a stream.</summary>
        public const string StreamMode = "stream";

        /// <summary>Creates the record (normally made by <see cref="EvidenceEntry.For(AllocationResult, DateTime, System.Collections.Generic.IEnumerable{EvidenceMetric})"/> or read from a line).</summary>
        public EvidenceRun(string mode, int? windowSize, DateTime? asOf, string? stateDigest, string? startState)
        {
            if (mode != BatchMode && mode != StreamMode) throw new ArgumentException("mode must be 'batch' or 'stream'.", nameof(mode));
            if (mode == StreamMode && !(windowSize >= 1)) throw new ArgumentException("a stream has a window of 1 or more.", nameof(windowSize));
            if (mode == BatchMode && windowSize.HasValue) throw new ArgumentException("a batch has no window.", nameof(windowSize));
            if (stateDigest == null && startState != null) throw new ArgumentException("a recorded state goes with its digest.", nameof(stateDigest));
            if (mode == BatchMode && stateDigest == null) throw new ArgumentException("a batch is recorded only when it continued a state.", nameof(stateDigest));
            Mode = mode;
            WindowSize = windowSize;
            AsOf = asOf.HasValue ? UsageClock.Utc(asOf.Value) : (DateTime?)null;
            StateDigest = stateDigest;
            StartState = startState;
        }

        /// <summary>The record of a batch run (null when it continued no state).</summary>
        public static EvidenceRun? Of(AllocationResult result)
        {
            if (result == null) throw new ArgumentNullException(nameof(result));
            return result.StartState == null ? null : WithState(BatchMode, null, result.StartState, result.AsOf);
        }

        /// <summary>The record of a stream.</summary>
        public static EvidenceRun Of(AllocationStream stream)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            return stream.StartState == null ? new EvidenceRun(StreamMode, stream.WindowSize, null, null, null) : WithState(StreamMode, stream.WindowSize, stream.StartState, stream.AsOf);
        }

        /// <summary>
        /// The largest starting state a line embeds, in UTF-8 bytes of its compact JSON: 512 KiB, half a line's limit
        /// (SPEC.md 5.1). A larger state is recorded by its digest only, and such a line cannot be replayed from the log alone.
        /// </summary>
        public const int MaxEmbeddedStateBytes = 512 * 1024;

        private static EvidenceRun WithState(string mode, int? window, GovernorState state, DateTime? asOf)
        {
            var json = CanonicalInput.StateJson(state);
            bool embed = System.Text.Encoding.UTF8.GetByteCount(json) <= MaxEmbeddedStateBytes;
            return new EvidenceRun(mode, window, asOf, CanonicalInput.Sha256(json), embed ? json : null);
        }

        /// <summary><c>run_mode</c>: <see cref="BatchMode"/> or <see cref="StreamMode"/>.</summary>
        public string Mode { get; }

        /// <summary><c>window</c>: a stream's window size; null for a batch.</summary>
        public int? WindowSize { get; }

        /// <summary><c>as_of</c>: the run time of a run that continued a state (UTC); null when none was given.</summary>
        public DateTime? AsOf { get; }

        /// <summary><c>state_digest</c>: SHA-256 of <see cref="StartState"/>; null without a state.</summary>
        public string? StateDigest { get; }

        /// <summary>
        /// <c>start_state</c>: the state the run started from, compact canonical JSON; null without a state, or when the
        /// state was larger than <see cref="MaxEmbeddedStateBytes"/> (then only <see cref="StateDigest"/> is recorded).
        /// </summary>
        public string? StartState { get; }

        /// <summary>Whether the run continued a state.</summary>
        public bool HasState => StateDigest != null;

        /// <summary>
        /// One readable line, e.g. <c>stream window=100 as_of=2026-01-01T00:00:00.0000000Z state=9f2c...</c>: what
        /// Export-Csv and Format-List show of an entry's Run (SPEC.md 8.7: no type names in exported rows).
        /// </summary>
        public override string ToString()
        {
            var sb = new System.Text.StringBuilder(Mode);
            if (WindowSize.HasValue) sb.Append(" window=").Append(WindowSize.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (AsOf.HasValue) sb.Append(" as_of=").Append(CanonicalInput.FormatTime(AsOf.Value));
            if (StateDigest != null) sb.Append(" state=").Append(StateDigest);
            return sb.ToString();
        }
    }
}
