using System;
using System.Collections.Generic;
using System.IO;
using FairnessGovernor.Files;

namespace FairnessGovernor.Evidence
{
    /// <summary>File mechanics of the log (SPEC.md 5.4-5.5): its errors for the shared sidecar lock, line scanning, tail reading.</summary>
    internal static class EvidenceFile
    {
        /// <summary>The longest line accepted, in bytes (a line is about 700 bytes).</summary>
        public const int MaxLineBytes = 1 << 20;

        public const FileShare ReaderShare = FileShare.ReadWrite | FileShare.Delete;

        /// <summary>
        /// Takes the log's sidecar lock (<see cref="FileLock"/>), retrying until <paramref name="timeout"/>. With
        /// <paramref name="optional"/> (readers), a lock file that cannot be created (read-only folder) gives null
        /// instead of an error.
        /// </summary>
        public static FileStream? Lock(string path, TimeSpan timeout, bool optional)
        {
            try
            {
                return FileLock.Acquire(path, timeout, optional);
            }
            catch (FileLockException ex)
            {
                switch (ex.Failure)
                {
                    case FileLockFailure.Disabled:
                        throw new EvidenceLogException("EvidenceLogLockDisabled", path,
                            "file locking is disabled in this process (DOTNET_SYSTEM_IO_DISABLEFILELOCKING or System.IO.DisableFileLocking), so concurrent appends could break the chain; unset it to append.");
                    case FileLockFailure.Unwritable:
                        throw new EvidenceLogException("EvidenceLogUnwritable", path, "cannot create the lock file '" + ex.LockPath + "': " + ex.Detail, inner: ex.InnerException);
                    default:
                        throw new EvidenceLogException("EvidenceLogLocked", path,
                            "could not lock '" + ex.LockPath + "' within " + ex.TimeoutSeconds
                            + " s: another process is appending, or the file cannot be locked (" + ex.Detail + "). Try again; the log was not changed.", inner: ex.InnerException);
                }
            }
        }

        /// <summary>Opens the log for reading, up to the length it had under the lock (so a line being appended is never seen half-written).</summary>
        public static FileStream OpenForReading(string path, TimeSpan timeout, out long length)
        {
            if (Directory.Exists(path)) throw new EvidenceLogException("EvidenceLogNotFound", path, "the path names a directory, not an evidence log.");
            if (!File.Exists(path)) throw new EvidenceLogException("EvidenceLogNotFound", path, "no such evidence log.");
            using (Lock(path, timeout, optional: true))
            {
                FileStream stream;
                try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, ReaderShare, 1 << 16, FileOptions.SequentialScan); }
                catch (FileNotFoundException ex) { throw new EvidenceLogException("EvidenceLogNotFound", path, "no such evidence log.", inner: ex); }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new EvidenceLogException("EvidenceLogUnreadable", path, "cannot open the evidence log: " + ex.Message, inner: ex);
                }
                length = stream.Length;
                return stream;
            }
        }

        /// <summary>One physical line: bytes without the '\n'.</summary>
        public sealed class RawLine
        {
            public RawLine(int number, long offset, byte[] bytes, bool terminated, bool tooLong)
            {
                Number = number; Offset = offset; Bytes = bytes; Terminated = terminated; TooLong = tooLong;
            }
            public int Number { get; }
            public long Offset { get; }
            public byte[] Bytes { get; }
            public bool Terminated { get; }
            public bool TooLong { get; }
            public long End => Offset + Bytes.Length + (Terminated ? 1 : 0);
        }

        /// <summary>Splits the first <paramref name="limit"/> bytes of <paramref name="stream"/> into lines, streaming. A line over the limit ends the scan.</summary>
        public static IEnumerable<RawLine> Lines(Stream stream, long limit)
        {
            var buffer = new byte[1 << 16];
            var line = new MemoryStream();
            long pos = 0, lineStart = 0;
            int number = 1;
            while (pos < limit)
            {
                int want = (int)Math.Min(buffer.Length, limit - pos);
                int n = stream.Read(buffer, 0, want);
                if (n <= 0) break;
                int start = 0;
                for (int i = 0; i < n; i++)
                {
                    if (buffer[i] != (byte)'\n') continue;
                    line.Write(buffer, start, i - start);
                    if (line.Length > MaxLineBytes) { yield return new RawLine(number, lineStart, new byte[0], false, true); yield break; }
                    yield return new RawLine(number, lineStart, line.ToArray(), true, false);
                    line.SetLength(0);
                    number++;
                    lineStart = pos + i + 1;
                    start = i + 1;
                }
                line.Write(buffer, start, n - start);
                if (line.Length > MaxLineBytes) { yield return new RawLine(number, lineStart, new byte[0], false, true); yield break; }
                pos += n;
            }
            if (line.Length > 0) yield return new RawLine(number, lineStart, line.ToArray(), false, false);
        }

        /// <summary>
        /// The start of the line that ends at <paramref name="end"/> (exclusive)
        /// (the byte after the previous '\n', or 0), reading backwards; -1 when the line is longer than <paramref name="maxBytes"/>.
        /// </summary>
        public static long LastLineStart(FileStream stream, long end, long maxBytes)
        {
            var buffer = new byte[4096];
            long pos = end; // search [.., end)
            while (pos > 0)
            {
                if (end - pos > maxBytes) return -1;
                int chunk = (int)Math.Min(buffer.Length, pos);
                pos -= chunk;
                stream.Seek(pos, SeekOrigin.Begin);
                ReadExactly(stream, buffer, chunk);
                for (int i = chunk - 1; i >= 0; i--)
                    if (buffer[i] == (byte)'\n') return pos + i + 1;
            }
            return end > maxBytes ? -1 : 0;
        }

        /// <summary>How many '\n' the first <paramref name="end"/> bytes hold (error path only: reads them all).</summary>
        public static int CountNewlines(FileStream stream, long end)
        {
            var buffer = new byte[1 << 16];
            stream.Seek(0, SeekOrigin.Begin);
            long pos = 0;
            int count = 0;
            while (pos < end)
            {
                int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, end - pos));
                if (n <= 0) break;
                for (int i = 0; i < n; i++) if (buffer[i] == (byte)'\n') count++;
                pos += n;
            }
            return count;
        }

        public static void ReadExactly(Stream stream, byte[] buffer, int count)
        {
            int got = 0;
            while (got < count)
            {
                int n = stream.Read(buffer, got, count - got);
                if (n <= 0) throw new EndOfStreamException();
                got += n;
            }
        }
    }
}
