using System;
using System.Collections.Generic;
using System.IO;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// The append-only, hash-chained JSONL evidence log (SPEC.md 5): one line per run, the
    /// prototype's fields first, written as Python's json.dumps writes them ({"key": value, ...}).
    /// Appends from any number of processes are serialised by a lock file and form one chain.
    /// </summary>
    public static class EvidenceLog
    {
        /// <summary>The timestamp format: ISO-8601 UTC with microseconds and Z.</summary>
        public const string TimestampFormat = EvidenceFormat.TimestampFormat;

        /// <summary>The default time an append (or a reader's snapshot) waits for the lock: 10 s.</summary>
        public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(10);

        /// <summary>
        /// The JSONL line for <paramref name="entry"/>, without the newline: a chained line when the
        /// entry has been appended or read from a chained line; the prototype's line for an entry
        /// with the prototype's fields only. (A new entry's chained line depends on the log's last
        /// hash, so it is only known when appended.)
        /// </summary>
        public static string Format(EvidenceEntry entry)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            if (entry.IsChained) return EvidenceFormat.Line(EvidenceFormat.Content(entry, entry.Prev!), entry.Hash!, entry.Sig);
            return EvidenceFormat.LegacyLine(entry);
        }

        /// <summary>
        /// The canonical content of <paramref name="entry"/>'s line if it followed a line whose hash is
        /// <paramref name="prev"/>: the text the hash and sig are computed over (SPEC.md 5.2).
        /// </summary>
        public static string CanonicalContent(EvidenceEntry entry, string prev)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            if (!entry.HasDigests) throw new ArgumentException("The entry has no digests; create it with EvidenceEntry.For(AllocationResult, DateTime).", nameof(entry));
            if (prev == null || prev.Length != 64 || !EvidenceFormat.IsHex64(prev)) throw new ArgumentException("prev must be 64 lower-case hex digits.", nameof(prev));
            return EvidenceFormat.Content(entry, prev);
        }

        /// <summary>
        /// <paramref name="entry"/> linked after a line whose hash is <paramref name="prev"/>, as line (or entry)
        /// <paramref name="lineNumber"/> of a chain kept elsewhere than a file (a database store, SPEC.md 10): Prev,
        /// Hash and, with <paramref name="key"/>, Sig set as an append sets them. <see cref="Format"/> gives its line.
        /// </summary>
        public static EvidenceEntry Chain(EvidenceEntry entry, string prev, int lineNumber, byte[]? key = null)
        {
            string content = CanonicalContent(entry, prev);
            if (lineNumber < 1) throw new ArgumentOutOfRangeException(nameof(lineNumber), "Entry numbers start at 1.");
            if (key != null) EvidenceDigests.CheckKey(key);
            string hash = EvidenceDigests.LineHash(content);
            string? sig = key == null ? null : EvidenceDigests.LineSignature(content, key);
            return entry.WithChain(prev, hash, sig, lineNumber, -1);
        }

        /// <summary>Appends one chained line (see <see cref="Append(string, EvidenceEntry, EvidenceAppendOptions)"/>) with the default options.</summary>
        public static EvidenceEntry Append(string path, EvidenceEntry entry) => Append(path, entry, null);

        /// <summary>
        /// Appends one chained line for <paramref name="entry"/> and flushes it to disk. Under the
        /// exclusive lock on <c>&lt;path&gt;.lock</c> it reads the last line (seeking from the end),
        /// checks it, links the new line to its hash, signs it when a key is given, writes the line
        /// in one write and flushes it. Returns the entry as written (Prev, Hash, Sig, LineNumber and ByteOffset set).
        /// </summary>
        /// <exception cref="EvidenceLogException">
        /// EvidenceTornLine or EvidenceLogCorrupt (the last line is incomplete or invalid: nothing
        /// is written, <see cref="EvidenceLogException.TruncateTo"/> tells how to recover),
        /// EvidenceLogLocked (the lock was not obtained in time), EvidenceLogUnwritable,
        /// EvidenceLogWriteFailed (the write failed; the partial line was removed).
        /// </exception>
        public static EvidenceEntry Append(string path, EvidenceEntry entry, EvidenceAppendOptions? options)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            if (!entry.HasDigests) throw new ArgumentException("The entry has no digests, so it cannot be chained; create it with EvidenceEntry.For(AllocationResult, DateTime).", nameof(entry));
            var key = options?.Key;
            if (key != null) EvidenceDigests.CheckKey(key);
            var timeout = options?.LockTimeout ?? DefaultLockTimeout;
            if (Directory.Exists(path)) throw new EvidenceLogException("EvidenceLogUnwritable", path, "the path names a directory, not an evidence log.");

            using (EvidenceFile.Lock(path, timeout, optional: false))
            {
                FileStream stream;
                try { stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, EvidenceFile.ReaderShare, 1, FileOptions.None); }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new EvidenceLogException("EvidenceLogUnwritable", path, "cannot open the evidence log for appending: " + ex.Message, inner: ex);
                }
                using (stream)
                {
                    long length = stream.Length;
                    string prev = length == 0 ? EvidenceDigests.Genesis : LastLineHash(stream, length, path);
                    // The file ends with a newline here (LastLineHash refuses a torn or blank tail), so the new line's
                    // number is one past the newlines before it, counted as the reader counts lines.
                    int lineNumber = length == 0 ? 1 : EvidenceFile.CountNewlines(stream, length) + 1;
                    string content = EvidenceFormat.Content(entry, prev);
                    string hash = EvidenceDigests.LineHash(content);
                    string? sig = key == null ? null : EvidenceDigests.LineSignature(content, key);
                    var bytes = EvidenceDigests.Utf8.GetBytes(EvidenceFormat.Line(content, hash, sig) + "\n");
                    try
                    {
                        stream.Seek(length, SeekOrigin.Begin);
                        stream.Write(bytes, 0, bytes.Length);
                        stream.Flush(true);
                    }
                    catch (IOException ex)
                    {
                        string undo;
                        try { stream.SetLength(length); stream.Flush(true); undo = "the partial line was removed"; }
                        catch (IOException) { undo = "the partial line could not be removed: truncate the file to " + length + " bytes"; }
                        throw new EvidenceLogException("EvidenceLogWriteFailed", path, "the write failed (" + ex.Message + "); " + undo + ".", truncateTo: length, inner: ex);
                    }
                    return entry.WithChain(prev, hash, sig, lineNumber, length);
                }
            }
        }

        /// <summary>
        /// The hash the next line must carry as prev: the last line's hash (a chained line, whose
        /// hash is checked) or the SHA-256 of its bytes (a legacy line). Fails on a torn or corrupt tail.
        /// </summary>
        private static string LastLineHash(FileStream stream, long length, string path)
        {
            var one = new byte[1];
            stream.Seek(length - 1, SeekOrigin.Begin);
            EvidenceFile.ReadExactly(stream, one, 1);
            if (one[0] != (byte)'\n')
            {
                long start = EvidenceFile.LastLineStart(stream, length, long.MaxValue);
                throw Corrupt(stream, path, start, "EvidenceTornLine", "is incomplete: the file does not end with a newline (a write was interrupted)");
            }
            long lineStart = EvidenceFile.LastLineStart(stream, length - 1, EvidenceFile.MaxLineBytes);
            if (lineStart < 0)
                throw Corrupt(stream, path, EvidenceFile.LastLineStart(stream, length - 1, long.MaxValue), "EvidenceLogCorrupt", "is longer than " + EvidenceFile.MaxLineBytes + " bytes");
            int count = (int)(length - 1 - lineStart);
            var bytes = new byte[count];
            stream.Seek(lineStart, SeekOrigin.Begin);
            EvidenceFile.ReadExactly(stream, bytes, count);
            string text;
            try { text = EvidenceDigests.Utf8.GetString(bytes); }
            catch (ArgumentException) { throw Corrupt(stream, path, lineStart, "EvidenceLogCorrupt", "is not valid UTF-8"); }
            if (text.Trim().Length == 0) throw Corrupt(stream, path, lineStart, "EvidenceLogCorrupt", "is blank");
            var parsed = EvidenceFormat.TryParse(text, 0, lineStart, out var content, out var failure);
            if (parsed == null) throw Corrupt(stream, path, lineStart, "EvidenceLogCorrupt", "is not a valid evidence entry (" + (failure!.Field == null ? "" : "field '" + failure.Field + "': ") + failure.Problem + ")");
            if (!parsed.IsChained) return EvidenceDigests.Sha256(bytes, 0, count);
            if (EvidenceDigests.LineHash(content!) != parsed.Hash)
                throw Corrupt(stream, path, lineStart, "EvidenceLogCorrupt", "has a hash that does not match its content (the line was altered)");
            return parsed.Hash!;
        }

        private static EvidenceLogException Corrupt(FileStream stream, string path, long lineStart, string errorId, string what)
        {
            int line = EvidenceFile.CountNewlines(stream, lineStart) + 1;
            string keep = line == 1 ? "0 bytes (the line is the first: empty the file)" : lineStart + " bytes (the end of line " + (line - 1) + ")";
            return new EvidenceLogException(errorId, path,
                "line " + line + " " + what + ". Nothing was appended and the file is unchanged. To recover, check the line (verify the log), keep a copy, then truncate the file to " + keep + " and append again.",
                line, truncateTo: lineStart);
        }

        /// <summary>Reads the log line by line, oldest first (see <see cref="EvidenceReader.Read"/>).</summary>
        /// <exception cref="EvidenceLogException">EvidenceLogNotFound, InvalidEvidenceLine, EvidenceTornLine.</exception>
        public static IEnumerable<EvidenceEntry> Read(string path) => EvidenceReader.Read(path, null);

        /// <summary>Parses one line of the log (its text, without the newline); does not check its hash.</summary>
        /// <exception cref="EvidenceLogException">InvalidEvidenceLine, naming <paramref name="source"/> and <paramref name="lineNumber"/>.</exception>
        public static EvidenceEntry Parse(string line, string source, int lineNumber)
        {
            if (line == null) throw new ArgumentNullException(nameof(line));
            var entry = EvidenceFormat.TryParse(line, lineNumber, -1, out _, out var failure);
            if (entry == null) throw new EvidenceLogException(failure!.ErrorId, source, failure.Problem, lineNumber, failure.Field);
            return entry;
        }
    }
}
