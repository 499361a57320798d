using System;

namespace FairnessGovernor.Evidence
{
    /// <summary>Filters and settings of <see cref="EvidenceReader.Read"/> (SPEC.md 5.6).</summary>
    public sealed class EvidenceReadOptions
    {
        /// <summary>Only entries of this policy id (ordinal, case-sensitive); null: all.</summary>
        public string? PolicyId { get; set; }

        /// <summary>Only entries logged strictly after this time (UTC; a local time is converted; an unspecified kind is taken as UTC).</summary>
        public DateTime? After { get; set; }

        /// <summary>Only entries logged strictly before this time (same rules as <see cref="After"/>).</summary>
        public DateTime? Before { get; set; }

        /// <summary>How long to wait for the lock when taking the snapshot; default 10 s.</summary>
        public TimeSpan LockTimeout { get; set; } = EvidenceLog.DefaultLockTimeout;
    }
}
