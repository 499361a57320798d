using System;
using System.Collections.Generic;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// Verifies an evidence log (SPEC.md 5.6), streaming: every line parses, has the required
    /// fields, its hash recomputes from its content and its prev is the previous line's hash;
    /// with a key, signatures are checked too.
    /// </summary>
    public static class EvidenceVerifier
    {
        /// <summary>
        /// Verifies the log as it was when the call started. Structural problems (a line that does
        /// not parse, a wrong hash or prev, a torn last line, a legacy line not allowed) stop the
        /// check at that line; signature problems are counted over the whole log.
        /// </summary>
        /// <exception cref="EvidenceLogException">EvidenceLogNotFound, EvidenceLogUnreadable, EvidenceLogLocked.</exception>
        public static EvidenceVerificationResult Verify(string path, EvidenceVerifyOptions? options = null)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            options ??= new EvidenceVerifyOptions();
            CheckOptions(options);
            var r = new EvidenceVerificationResult(path, options.Key != null);
            using var stream = EvidenceFile.OpenForReading(path, options.LockTimeout, out long length);
            if (!Check(r, EvidenceFile.Lines(stream, length), options)) return r;
            r.ByteCount = length;
            return Finish(r, options);
        }

        /// <summary>
        /// Verifies a chain given as the text of its lines, oldest first, without newlines (for example the rows of a
        /// database store, SPEC.md 10): the same checks as a file, with <paramref name="source"/> as the result's Path
        /// and each line's 1-based position as its number. ByteCount stays 0.
        /// </summary>
        public static EvidenceVerificationResult Verify(string source, IEnumerable<string> lines, EvidenceVerifyOptions? options = null)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            if (lines == null) throw new ArgumentNullException(nameof(lines));
            options ??= new EvidenceVerifyOptions();
            CheckOptions(options);
            var r = new EvidenceVerificationResult(source, options.Key != null);
            if (!Check(r, Raw(lines), options)) return r;
            return Finish(r, options);
        }

        private static IEnumerable<EvidenceFile.RawLine> Raw(IEnumerable<string> lines)
        {
            int number = 0;
            foreach (var line in lines)
            {
                number++;
                var bytes = EvidenceDigests.Utf8.GetBytes(line ?? "");
                if (bytes.Length > EvidenceFile.MaxLineBytes) { yield return new EvidenceFile.RawLine(number, -1, new byte[0], false, true); yield break; }
                yield return new EvidenceFile.RawLine(number, -1, bytes, true, false);
            }
        }

        private static void CheckOptions(EvidenceVerifyOptions options)
        {
            if (options.Key != null) EvidenceDigests.CheckKey(options.Key);
            var anchor = options.Anchor;
            if (anchor != null && !(anchor.Length == 64 && EvidenceFormat.IsHex64(anchor))) throw new ArgumentException("Anchor must be 64 lower-case hex digits (a line's hash).", nameof(options));
        }

        private static EvidenceVerificationResult Finish(EvidenceVerificationResult r, EvidenceVerifyOptions options)
        {
            var anchor = options.Anchor;
            if (anchor != null && r.AnchorLine == null)
                r.Flag(r.EntryCount + 1, "AnchorNotFound", "no line has the anchor hash " + anchor + " (the log was truncated or rewritten since the anchor was recorded).");
            return r;
        }

        /// <summary>The checks of every line; false when a structural problem stopped them (the result is then final).</summary>
        private static bool Check(EvidenceVerificationResult r, IEnumerable<EvidenceFile.RawLine> lines, EvidenceVerifyOptions options)
        {
            var key = options.Key;
            var anchor = options.Anchor;
            string expected = EvidenceDigests.Genesis;
            bool chainStarted = false;
            foreach (var raw in lines)
            {
                if (raw.TooLong) return Stop(r, raw.Number, "LineTooLong", "the line is longer than " + EvidenceFile.MaxLineBytes + " bytes.");
                if (!raw.Terminated)
                    return Stop(r, raw.Number, "TornLine", "the last line is incomplete: the file does not end with a newline (a write was interrupted). Truncate the file to " + raw.Offset + " bytes to drop it, after checking it.");
                string text;
                try { text = EvidenceDigests.Utf8.GetString(raw.Bytes); }
                catch (ArgumentException) { return Stop(r, raw.Number, "InvalidEvidenceLine", "the line is not valid UTF-8."); }
                if (text.Trim().Length == 0) return Stop(r, raw.Number, "BlankLine", "the line is blank (the writer never writes blank lines).");
                var entry = EvidenceFormat.TryParse(text, raw.Number, raw.Offset, out var content, out var failure);
                if (entry == null) return Stop(r, raw.Number, failure!.ErrorId, (failure.Field == null ? "" : "field '" + failure.Field + "': ") + failure.Problem);

                if (!entry.IsChained)
                {
                    if (!options.AllowLegacy) return Stop(r, raw.Number, "LegacyLine", "the line has no hash (written by the prototype or an older version); set AllowLegacy to accept unchained lines before the chain.");
                    if (chainStarted) return Stop(r, raw.Number, "LegacyLine", "a line without a hash follows chained lines.");
                    r.LegacyCount++;
                    r.EntryCount++;
                    expected = EvidenceDigests.Sha256(raw.Bytes, 0, raw.Bytes.Length);
                    r.LastHash = expected;
                    continue;
                }

                chainStarted = true;
                if (!string.Equals(EvidenceDigests.LineHash(content!), entry.Hash, StringComparison.Ordinal))
                    return Stop(r, raw.Number, "HashMismatch", "the hash does not match the line's content (the line was altered).");
                if (!string.Equals(entry.Prev, expected, StringComparison.Ordinal))
                    return Stop(r, raw.Number, "PrevMismatch", raw.Number == 1
                        ? "the first line's prev is not 64 zeros (lines before it were removed)."
                        : "prev does not match the previous line's hash (a line was removed, inserted or reordered).");
                r.ChainedCount++;
                r.EntryCount++;
                expected = entry.Hash!;
                if (anchor != null && r.AnchorLine == null && string.Equals(anchor, expected, StringComparison.Ordinal)) r.AnchorLine = raw.Number;
                r.LastHash = expected;

                if (entry.Sig != null)
                {
                    r.SignedCount++;
                    if (key != null && !EvidenceDigests.FixedTimeEquals(EvidenceDigests.LineSignature(content!, key), entry.Sig))
                    {
                        r.BadSignatureCount++;
                        r.FirstBadSignatureLine ??= raw.Number;
                        r.Flag(raw.Number, "BadSignature", "the signature does not match (a different key, or the line was re-hashed after an edit).");
                    }
                }
                else
                {
                    r.UnsignedCount++;
                    r.FirstUnsignedLine ??= raw.Number;
                    if (options.RequireSignature) r.Flag(raw.Number, "UnsignedLine", "the line is not signed and a signature is required.");
                }
            }
            return true;
        }

        private static bool Stop(EvidenceVerificationResult r, int line, string errorId, string reason)
        {
            r.Fail(line, errorId, reason);
            return false;
        }
    }
}
