using System;
using System.Collections.Generic;

namespace FairnessGovernor.Evidence
{
    /// <summary>Streams the entries of an evidence log, oldest (first line) first, with filters.</summary>
    public static class EvidenceReader
    {
        /// <summary>
        /// Reads the log as it was when the call started (a line being appended meanwhile is not
        /// seen), line by line, keeping the entries that pass <paramref name="options"/>' filters.
        /// Blank lines are skipped. Lines are parsed, not verified (see <see cref="EvidenceVerifier"/>).
        /// The file is opened at the first MoveNext and closed when the enumeration ends.
        /// </summary>
        /// <exception cref="EvidenceLogException">
        /// EvidenceLogNotFound, EvidenceLogUnreadable, InvalidEvidenceLine (naming the line),
        /// EvidenceTornLine (the last line has no newline).
        /// </exception>
        public static IEnumerable<EvidenceEntry> Read(string path, EvidenceReadOptions? options = null)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            return ReadCore(path, options ?? new EvidenceReadOptions());
        }

        private static IEnumerable<EvidenceEntry> ReadCore(string path, EvidenceReadOptions options)
        {
            DateTime? after = Utc(options.After), before = Utc(options.Before);
            string? policy = options.PolicyId;
            using var stream = EvidenceFile.OpenForReading(path, options.LockTimeout, out long length);
            foreach (var raw in EvidenceFile.Lines(stream, length))
            {
                if (raw.TooLong) throw new EvidenceLogException("InvalidEvidenceLine", path, "the line is longer than " + EvidenceFile.MaxLineBytes + " bytes.", raw.Number);
                string text;
                try { text = EvidenceDigests.Utf8.GetString(raw.Bytes); }
                catch (ArgumentException) { throw new EvidenceLogException("InvalidEvidenceLine", path, "the line is not valid UTF-8.", raw.Number); }
                if (text.Trim().Length == 0)
                {
                    if (!raw.Terminated) break;
                    continue;
                }
                if (!raw.Terminated)
                    throw new EvidenceLogException("EvidenceTornLine", path, "the last line is incomplete: the file does not end with a newline (a write was interrupted). Verify the log; truncate it to " + raw.Offset + " bytes to drop the line.", raw.Number, truncateTo: raw.Offset);
                var entry = EvidenceFormat.TryParse(text, raw.Number, raw.Offset, out _, out var failure);
                if (entry == null) throw new EvidenceLogException(failure!.ErrorId, path, failure.Problem, raw.Number, failure.Field);
                if (policy != null && !string.Equals(entry.PolicyId, policy, StringComparison.Ordinal)) continue;
                if (after.HasValue && entry.Timestamp <= after.Value) continue;
                if (before.HasValue && entry.Timestamp >= before.Value) continue;
                yield return entry;
            }
        }

        /// <summary>UTC as is; local converted; unspecified taken as UTC.</summary>
        internal static DateTime? Utc(DateTime? t)
        {
            if (!t.HasValue) return null;
            var v = t.Value;
            return v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc);
        }
    }
}
