namespace FairnessGovernor.Evidence
{
    /// <summary>The outcome of <see cref="EvidenceVerifier.Verify(string, EvidenceVerifyOptions)"/> (SPEC.md 5.7).</summary>
    public sealed class EvidenceVerificationResult
    {
        internal EvidenceVerificationResult(string path, bool signaturesChecked)
        {
            Path = path;
            SignaturesChecked = signaturesChecked;
            LastHash = EvidenceDigests.Genesis;
        }

        /// <summary>The log verified.</summary>
        public string Path { get; }

        /// <summary>True when every line checked out (and, with a key, every signature present is right; with RequireSignature, every line is signed).</summary>
        public bool IsValid => FirstInvalidLine == null;

        /// <summary>Lines that were verified as entries (chained and legacy), up to the first structural problem.</summary>
        public int EntryCount { get; internal set; }

        /// <summary>Verified lines with chain fields.</summary>
        public int ChainedCount { get; internal set; }

        /// <summary>Verified legacy lines (only with AllowLegacy).</summary>
        public int LegacyCount { get; internal set; }

        /// <summary>The 1-based line of the first problem; null when valid.</summary>
        public int? FirstInvalidLine { get; private set; }

        /// <summary>A stable code for the first problem (HashMismatch, PrevMismatch, TornLine, BlankLine, LegacyLine, InvalidEvidenceLine, LineTooLong, BadSignature, UnsignedLine, AnchorNotFound); null when valid.</summary>
        public string? ErrorId { get; private set; }

        /// <summary>What was wrong at <see cref="FirstInvalidLine"/>; null when valid.</summary>
        public string? Reason { get; private set; }

        /// <summary>The hash of the last verified line (the head of the chain; 64 zeros for an empty log). Record it elsewhere to detect later truncation.</summary>
        public string LastHash { get; internal set; }

        /// <summary>Bytes verified (the log's length at the start), when the whole log was checked; otherwise 0.</summary>
        public long ByteCount { get; internal set; }

        /// <summary>The line whose hash is the anchor given in the options; null when none was given or it was not found.</summary>
        public int? AnchorLine { get; internal set; }

        /// <summary>True when a key was given and signatures were checked.</summary>
        public bool SignaturesChecked { get; }

        /// <summary>Verified chained lines carrying a sig.</summary>
        public int SignedCount { get; internal set; }

        /// <summary>Verified chained lines without a sig.</summary>
        public int UnsignedCount { get; internal set; }

        /// <summary>Lines whose sig does not match the key (only when a key is given).</summary>
        public int BadSignatureCount { get; internal set; }

        /// <summary>The first unsigned chained line, or null.</summary>
        public int? FirstUnsignedLine { get; internal set; }

        /// <summary>The first line with a wrong signature, or null.</summary>
        public int? FirstBadSignatureLine { get; internal set; }

        internal EvidenceVerificationResult Fail(int line, string errorId, string reason)
        {
            Flag(line, errorId, reason);
            return this;
        }

        internal void Flag(int line, string errorId, string reason)
        {
            if (FirstInvalidLine != null) return;
            FirstInvalidLine = line;
            ErrorId = errorId;
            Reason = reason;
        }

        /// <inheritdoc />
        public override string ToString() => IsValid
            ? "valid: " + EntryCount + " entries, head " + LastHash
            : "invalid at line " + FirstInvalidLine + ": " + ErrorId + ": " + Reason;
    }
}
