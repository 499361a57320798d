using System;

namespace FairnessGovernor.Evidence
{
    /// <summary>Options of <see cref="EvidenceVerifier.Verify(string, EvidenceVerifyOptions)"/> (SPEC.md 5.7).</summary>
    public sealed class EvidenceVerifyOptions
    {
        /// <summary>The HMAC-SHA256 key to check signatures with; null: signatures are counted, not checked.</summary>
        public byte[]? Key { get; set; }

        /// <summary>Every chained line must carry a signature (IsValid is false at the first unsigned line).</summary>
        public bool RequireSignature { get; set; }

        /// <summary>Accept lines without chain fields (prototype lines) before the first chained line.</summary>
        public bool AllowLegacy { get; set; }

        /// <summary>
        /// A line hash recorded earlier outside the log (the Hash an append returned, or a previous
        /// LastHash); the log must still contain a chained line with that hash (AnchorNotFound otherwise).
        /// </summary>
        public string? Anchor { get; set; }

        /// <summary>How long to wait for the lock when taking the snapshot; default 10 s.</summary>
        public TimeSpan LockTimeout { get; set; } = EvidenceLog.DefaultLockTimeout;
    }
}
