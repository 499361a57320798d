using System;
using System.IO;
using System.Linq;
using FairnessGovernor.Evidence;
using FairnessGovernor.Input;
using FairnessGovernor.Output;
using FairnessGovernor.Canonical;

namespace FairnessGovernor.Tests
{
    public class OutputFormatTests
    {
        [Theory]
        [InlineData(3.0, "3.0")]
        [InlineData(1.5, "1.5")]
        [InlineData(0.0, "0.0")]
        [InlineData(2.0 / 3.0, "0.6666666666666666")]
        [InlineData(1e16, "1e+16")]
        [InlineData(123456789012345.0, "123456789012345.0")]
        [InlineData(0.0001, "0.0001")]
        [InlineData(0.00001, "1e-05")]
        [InlineData(-2.5, "-2.5")]
        [InlineData(1e9, "1000000000.0")]
        [InlineData(-3.0, "-3.0")]
        [InlineData(1e15, "1000000000000000.0")]
        [InlineData(9999999999999998.0, "9999999999999998.0")]
        [InlineData(-1e16, "-1e+16")]
        [InlineData(9007199254740993.0, "9007199254740992.0")]
        public void Doubles_are_written_as_python_writes_them(double value, string expected) => Assert.Equal(expected, PythonNumber.Format(value));

        [Fact]
        public void Evidence_line_has_the_prototype_fields_in_order()
        {
            var entry = new EvidenceEntry(new DateTime(2026, 11, 27, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560), "priority-weighted-rr", 6, 3, 3.0, "strong_imbalance");
            Assert.Equal("{\"timestamp\": \"2026-11-27T03:04:05.123456Z\", \"policy_id\": \"priority-weighted-rr\", \"task_count\": 6, \"agent_count\": 3, \"skew_ratio\": 3.0, \"fairness_label\": \"strong_imbalance\"}", EvidenceLog.Format(entry));
        }

        [Fact]
        public void Evidence_appends_one_line_per_run_and_reads_back()
        {
            // Appending now needs a run (the line carries its digests): SPEC.md 5.
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "evidence.jsonl");
            var t = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run("p1"), t));
            EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run("p2"), t.AddMinutes(1)));
            var lines = File.ReadAllLines(path);
            Assert.Equal(2, lines.Length);
            var read = EvidenceLog.Read(path).ToArray();
            Assert.Equal(new[] { "p1", "p2" }, read.Select(e => e.PolicyId));
            Assert.Equal(t, read[0].Timestamp);
            Assert.Equal(DateTimeKind.Utc, read[0].Timestamp.Kind);
            Assert.Equal(2, read[1].LineNumber);
            Assert.Equal(3.0, read[1].SkewRatio);
        }

        [Fact]
        public void A_corrupt_evidence_line_is_reported_with_its_line_number()
        {
            // Evidence problems now raise EvidenceLogException (same ErrorId and line as before).
            using var dir = new ScratchFolder();
            var path = dir.Write("e.jsonl", "{\"timestamp\": \"2026-01-02T03:04:05.000000Z\", \"policy_id\": \"p\", \"task_count\": 1, \"agent_count\": 1, \"skew_ratio\": 1.0, \"fairness_label\": \"balanced\"}\n{\"timestamp\": \"x\n");
            var ex = Assert.Throws<EvidenceLogException>(() => EvidenceLog.Read(path).ToArray());
            Assert.Equal("InvalidEvidenceLine", ex.ErrorId);
            Assert.Equal(2, ex.Line);
            Assert.Contains(path, ex.Message);
        }
    }
}
