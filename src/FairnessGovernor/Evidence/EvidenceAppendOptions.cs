using System;

namespace FairnessGovernor.Evidence
{
    /// <summary>Options of <see cref="EvidenceLog.Append(string, EvidenceEntry, EvidenceAppendOptions)"/> (SPEC.md 5.4).</summary>
    public sealed class EvidenceAppendOptions
    {
        /// <summary>HMAC-SHA256 key; when set, the line carries a sig. Null: unsigned.</summary>
        public byte[]? Key { get; set; }

        /// <summary>How long to wait for the lock before EvidenceLogLocked; default 10 s.</summary>
        public TimeSpan LockTimeout { get; set; } = EvidenceLog.DefaultLockTimeout;
    }
}
