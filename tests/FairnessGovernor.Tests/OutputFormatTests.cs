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

        // SPEC 4.1, 4.2, 5.1: non-ASCII text as UTF-8 (astral characters, U+2028, U+007F, U+0085 included), control
        // characters as Python's json module escapes them (lower-case hex), in the document, the line and the digests.
        private static readonly string[] OddIds = { "\U0001F600", "a\u2028b", "c\u007fd\u0085", "e\u001ff\nt\tg\"\\" };
        private const string Robot = "\U0001F916";

        private static Allocation.AllocationResult OddRun() =>
            Allocation.Allocator.Allocate(OddIds.Select(id => new Model.FairTask(id)).ToArray(), new[] { new Model.FairAgent(Robot) }, Model.FairnessPolicy.Default);

        [Fact]
        public void Spec_4_1_non_ascii_is_written_as_utf8_and_control_characters_as_python_escapes_them()
        {
            var run = OddRun();
            var document = AllocationDocument.ToText(run, Metrics.AllocationMetrics.Of(run));
            Assert.Contains("\"task_id\": \"\U0001F600\"", document);
            Assert.Contains("\"agent_id\": \"\U0001F916\"", document);
            Assert.Contains("\"a\u2028b\"", document);
            Assert.Contains("\"c\u007fd\u0085\"", document);
            Assert.Contains("\"e\\u001ff\\nt\\tg\\\"\\\\\"", document);
            Assert.Contains("\"\U0001F916\": 4", document); // an agent id as a key of task_count_per_agent
            Assert.DoesNotContain("\\uD83", document, StringComparison.OrdinalIgnoreCase);

            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "evidence.jsonl");
            var policy = new Model.FairnessPolicy("p\U0001F600\u2028\u001f");
            EvidenceLog.Append(path, EvidenceEntry.For(Allocation.Allocator.Allocate(new[] { new Model.FairTask("t") }, new[] { new Model.FairAgent("a") }, policy), DateTime.UtcNow));
            var line = File.ReadAllText(path, System.Text.Encoding.UTF8);
            Assert.Contains("\"policy_id\": \"p\U0001F600\u2028\\u001f\"", line);
            var back = EvidenceReader.Read(path).Single();
            Assert.Equal(policy.PolicyId, back.PolicyId);
            Assert.True(EvidenceVerifier.Verify(path).IsValid);
        }

        [Fact]
        public void Spec_4_2_canonical_forms_are_pythons_json_dumps_and_ascii_digests_are_unchanged()
        {
            // Expected values from Python: json.dumps(x, separators=(",", ":"), ensure_ascii=False), SHA-256 of its UTF-8.
            var run = OddRun();
            Assert.Equal("413f1f0634a353782d699695f01c467936496b2c8397f6ea535ab3f99b2b834a", Allocation.CanonicalInput.TasksDigest(run.Tasks));
            Assert.Equal("977d304cda08c0c958c0979d0870581c7b02973eced4202af6f0984295a843cb", Allocation.CanonicalInput.AgentsDigest(run.Agents));
            Assert.Equal("7a7fc6d0f4c2da47ae2dfa74036d6b5296334dbc8b775d5eb5e540fcd7abfeda", EvidenceDigests.Decisions(run));
            // The forms 0.1.0 hashed (its encoder's \uXXXX, upper-case hex) stay computable for replay.
            Assert.Equal("d29c407c4ae5f4c0262be6c22b223e95ebfce31df3ef2a68eb22d0a1a888160c", Allocation.CanonicalInput.LegacyTasksDigest(run.Tasks));
            Assert.Equal("da8ab6992e6914f4ec0029d91f5f984ae4531afcae3d521b69cd0f1fd8871990", Allocation.CanonicalInput.LegacyAgentsDigest(run.Agents));
            Assert.Equal("bec6a2b4975c1551b0154d4c8e4c83375a09954a3fe96a3c12c312e8d4c5ea07", EvidenceDigests.LegacyDecisions(run));
            // Printable ASCII, and text the old encoder left as it was (é, CJK), digest exactly as before.
            var plain = Allocation.Allocator.Allocate(new[] { new Model.FairTask("t<&>'+1"), new Model.FairTask("caf\u00e9 \u4e2d") },
                new[] { new Model.FairAgent("agent-a", 2, 3, 0.5) },
                new Model.FairnessPolicy("p", true, 2.0, "lag_bounded", 1, new[] { new System.Collections.Generic.KeyValuePair<string, int>("g\u00e9", 1) }));
            Assert.Equal(Allocation.CanonicalInput.LegacyTasksDigest(plain.Tasks), Allocation.CanonicalInput.TasksDigest(plain.Tasks));
            Assert.Equal(Allocation.CanonicalInput.LegacyAgentsDigest(plain.Agents), Allocation.CanonicalInput.AgentsDigest(plain.Agents));
            Assert.Equal(Allocation.CanonicalInput.LegacyPolicyDigest(plain.Policy), Allocation.CanonicalInput.PolicyDigest(plain.Policy));
            Assert.Equal(EvidenceDigests.LegacyDecisions(plain), EvidenceDigests.Decisions(plain));
        }

        [Fact]
        public void Spec_5_8_a_line_of_0_1_0_with_non_ascii_ids_still_replays()
        {
            var run = OddRun();
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "evidence.jsonl");
            var entry = EvidenceLog.Append(path, EvidenceEntry.For(run, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
            var written = File.ReadAllText(path, System.Text.Encoding.UTF8).TrimEnd('\n');
            var line = written
                .Replace(entry.TasksDigest!, "d29c407c4ae5f4c0262be6c22b223e95ebfce31df3ef2a68eb22d0a1a888160c")
                .Replace(entry.AgentsDigest!, "da8ab6992e6914f4ec0029d91f5f984ae4531afcae3d521b69cd0f1fd8871990")
                .Replace(entry.DecisionsDigest!, "bec6a2b4975c1551b0154d4c8e4c83375a09954a3fe96a3c12c312e8d4c5ea07");
            Assert.Contains("d29c407c", line);
            var replay = EvidenceReplay.Replay(line, run.Tasks, run.Agents, run.Policy);
            Assert.True(replay.IsMatch, string.Join(", ", replay.Mismatches));
            Assert.True(EvidenceReplay.Replay(written, run.Tasks, run.Agents, run.Policy).IsMatch);
            // Other inputs still mismatch under either form.
            var other = EvidenceReplay.Replay(line, run.Tasks.Take(3).ToArray(), run.Agents, run.Policy);
            Assert.Equal(new[] { "tasks_digest", "decisions_digest", "task_count", "assigned_count" }, other.Mismatches);
        }

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
