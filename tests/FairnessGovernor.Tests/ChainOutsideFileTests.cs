using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FairnessGovernor.Evidence;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// SPEC.md 10.2: a chain kept outside a file (the PostgreSQL store) is linked by <see cref="EvidenceLog.Chain"/> and
    /// verified by <see cref="EvidenceVerifier.Verify(string, IEnumerable{string}, EvidenceVerifyOptions)"/> exactly as
    /// an appended log is: the same lines, the same hashes, the same findings at the same numbers.
    /// </summary>
    public class ChainOutsideFileTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);

        private static List<string> Chain(int count, byte[]? key = null)
        {
            var lines = new List<string>();
            string prev = new string('0', 64);
            for (int i = 1; i <= count; i++)
            {
                var linked = EvidenceLog.Chain(EvidenceEntry.For(EvidenceTestRuns.Run(), T0.AddMinutes(i)), prev, i, key);
                Assert.Equal(i, linked.LineNumber);
                lines.Add(EvidenceLog.Format(linked));
                prev = linked.Hash!;
            }
            return lines;
        }

        [Fact]
        public void Chained_lines_are_the_lines_an_append_writes()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "evidence.jsonl");
            for (int i = 1; i <= 3; i++) EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(), T0.AddMinutes(i)));
            Assert.Equal(File.ReadAllLines(path), Chain(3));
        }

        [Fact]
        public void Lines_verify_as_a_file_does_and_an_altered_line_is_reported_at_its_number()
        {
            var key = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");
            var lines = Chain(5, key);
            var ok = EvidenceVerifier.Verify("store", lines, new EvidenceVerifyOptions { Key = key, RequireSignature = true });
            Assert.True(ok.IsValid, ok.ToString());
            Assert.Equal(5, ok.EntryCount);
            Assert.Equal(5, ok.SignedCount);
            Assert.Equal("store", ok.Path);

            var altered = lines.ToList();
            altered[3] = altered[3].Replace("\"task_count\": 6", "\"task_count\": 7");
            var bad = EvidenceVerifier.Verify("store", altered);
            Assert.Equal(4, bad.FirstInvalidLine);
            Assert.Equal("HashMismatch", bad.ErrorId);

            var removed = lines.Where((_, i) => i != 1).ToList();
            var gap = EvidenceVerifier.Verify("store", removed);
            Assert.Equal(2, gap.FirstInvalidLine);
            Assert.Equal("PrevMismatch", gap.ErrorId);

            var anchored = EvidenceVerifier.Verify("store", lines.Take(4), new EvidenceVerifyOptions { Anchor = EvidenceLog.Parse(lines[4], "store", 5).Hash });
            Assert.Equal("AnchorNotFound", anchored.ErrorId);
        }

        [Fact]
        public void Chain_refuses_what_an_append_refuses()
        {
            var entry = EvidenceEntry.For(EvidenceTestRuns.Run(), T0);
            Assert.Throws<ArgumentException>(() => EvidenceLog.Chain(entry, "not a hash", 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => EvidenceLog.Chain(entry, new string('0', 64), 0));
            Assert.Throws<ArgumentException>(() => EvidenceLog.Chain(new EvidenceEntry(T0, "p", 1, 1, 1.0, "fair"), new string('0', 64), 1));
        }
    }
}
