using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Model;
using Xunit.Abstractions;

namespace FairnessGovernor.Tests
{
    /// <summary>SPEC.md 5: the hash-chained evidence log.</summary>
    public class EvidenceChainTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 11, 27, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560);
        private static readonly byte[] Key = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");
        private readonly ITestOutputHelper _out;

        public EvidenceChainTests(ITestOutputHelper output) => _out = output;

        internal static string Sha(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s))).ToLowerInvariant();

        private static string Log(ScratchFolder dir, int lines, byte[]? key = null, string name = "evidence.jsonl")
        {
            var path = Path.Combine(dir.Path, name);
            var run = EvidenceTestRuns.Run();
            for (int i = 0; i < lines; i++) EvidenceLog.Append(path, EvidenceEntry.For(run, T0.AddSeconds(i)), new EvidenceAppendOptions { Key = key });
            return path;
        }

        [Fact]
        public void A_chained_line_starts_with_the_prototype_line_then_the_chain_fields_in_order()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 1);
            var line = File.ReadAllText(path);
            Assert.EndsWith("}\n", line);
            line = line.TrimEnd('\n');
            Assert.StartsWith("{\"timestamp\": \"2026-11-27T03:04:05.123456Z\", \"policy_id\": \"priority-weighted-rr\", \"task_count\": 6, \"agent_count\": 3, \"skew_ratio\": 3.0, \"fairness_label\": \"strong_imbalance\", \"assigned_count\": 6, \"unassigned_count\": 0, \"module_version\": \"", line);
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(new[] { "timestamp", "policy_id", "task_count", "agent_count", "skew_ratio", "fairness_label", "assigned_count", "unassigned_count", "module_version",
                "tasks_digest", "agents_digest", "policy_digest", "decisions_digest", "prev", "hash" }, doc.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(EvidenceEntry.CurrentModuleVersion, doc.RootElement.GetProperty("module_version").GetString());
            Assert.DoesNotContain("+", EvidenceEntry.CurrentModuleVersion);
            Assert.Equal(new string('0', 64), doc.RootElement.GetProperty("prev").GetString());
            var run = EvidenceTestRuns.Run();
            Assert.Equal(CanonicalInput.TasksDigest(run.Tasks), doc.RootElement.GetProperty("tasks_digest").GetString());
            Assert.Equal(CanonicalInput.AgentsDigest(run.Agents), doc.RootElement.GetProperty("agents_digest").GetString());
            Assert.Equal(CanonicalInput.PolicyDigest(run.Policy), doc.RootElement.GetProperty("policy_digest").GetString());
        }

        [Fact]
        public void The_hash_is_the_sha256_of_the_line_without_its_hash_member_and_prev_links_lines()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 3);
            var lines = File.ReadAllLines(path);
            string prev = new string('0', 64);
            foreach (var line in lines)
            {
                var content = line.Substring(0, line.LastIndexOf(", \"hash\": \"", StringComparison.Ordinal)) + "}";
                using var doc = JsonDocument.Parse(line);
                Assert.Equal(prev, doc.RootElement.GetProperty("prev").GetString());
                Assert.Equal(Sha(content), doc.RootElement.GetProperty("hash").GetString());
                prev = doc.RootElement.GetProperty("hash").GetString()!;
            }
            var entries = EvidenceLog.Read(path).ToArray();
            Assert.Equal(prev, entries[2].Hash);
            Assert.Equal(entries[1].Hash, entries[2].Prev);
            Assert.Equal(lines[2], EvidenceLog.Format(entries[2]));
        }

        [Fact]
        public void The_decisions_digest_is_the_sha256_of_the_canonical_decisions()
        {
            var run = Allocator.Allocate(new[] { new FairTask("t1"), new FairTask("t2"), new FairTask("t3") }, new[] { new FairAgent("a", 1, 1), new FairAgent("b", 1, 1) }, new FairnessPolicy("p"));
            Assert.Equal(Sha("[{\"sequence\":1,\"task_id\":\"t1\",\"agent_id\":\"a\"},{\"sequence\":2,\"task_id\":\"t2\",\"agent_id\":\"b\"},{\"sequence\":3,\"task_id\":\"t3\",\"agent_id\":null}]"), EvidenceDigests.Decisions(run));
        }

        [Fact]
        public void Append_returns_the_entry_as_written()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "e.jsonl");
            var first = EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(), T0));
            var second = EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(), T0), new EvidenceAppendOptions { Key = Key });
            Assert.Equal(EvidenceDigests.Genesis, first.Prev);
            Assert.Equal(first.Hash, second.Prev);
            Assert.NotNull(second.Sig);
            Assert.Equal(0, first.ByteOffset);
            Assert.Equal(File.ReadAllLines(path)[0].Length + 1, second.ByteOffset);
            Assert.Equal(File.ReadAllLines(path)[1], EvidenceLog.Format(second));
        }

        [Fact]
        public void Extra_metrics_come_after_unassigned_count_and_read_back()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "e.jsonl");
            var entry = EvidenceEntry.For(EvidenceTestRuns.Run(), T0, new[] { new EvidenceMetric("weighted_skew_ratio", 1.5), new EvidenceMetric("share_error", 0.25) });
            EvidenceLog.Append(path, entry);
            Assert.Contains("\"unassigned_count\": 0, \"weighted_skew_ratio\": 1.5, \"share_error\": 0.25, \"module_version\": ", File.ReadAllText(path));
            var read = EvidenceLog.Read(path).Single();
            Assert.Equal(new[] { "weighted_skew_ratio", "share_error" }, read.ExtraMetrics.Select(m => m.Name));
            Assert.Equal(0.25, read.GetExtraMetric("share_error"));
            Assert.Null(read.GetExtraMetric("nope"));
            Assert.True(EvidenceVerifier.Verify(path).IsValid);
            Assert.Throws<ArgumentException>(() => new EvidenceMetric("skew_ratio", 1));
            Assert.Throws<ArgumentException>(() => new EvidenceMetric("Bad Name", 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new EvidenceMetric("x", double.NaN));
        }

        [Fact]
        public void An_entry_without_digests_cannot_be_appended()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "e.jsonl");
            Assert.Throws<ArgumentException>(() => EvidenceLog.Append(path, new EvidenceEntry(T0, "p", 1, 1, 1.0, "balanced")));
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void A_valid_log_verifies()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 10);
            var r = EvidenceVerifier.Verify(path);
            Assert.True(r.IsValid, r.ToString());
            Assert.Equal(10, r.EntryCount);
            Assert.Equal(10, r.ChainedCount);
            Assert.Null(r.FirstInvalidLine);
            Assert.Null(r.Reason);
            Assert.Equal(EvidenceLog.Read(path).Last().Hash, r.LastHash);
            Assert.Equal(new FileInfo(path).Length, r.ByteCount);
            Assert.Equal(10, r.UnsignedCount);
            Assert.False(r.SignaturesChecked);
        }

        [Fact]
        public void An_anchor_recorded_elsewhere_detects_truncation()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 4);
            var anchor = EvidenceLog.Read(path).Last().Hash;
            var ok = EvidenceVerifier.Verify(path, new EvidenceVerifyOptions { Anchor = anchor });
            Assert.True(ok.IsValid, ok.ToString());
            Assert.Equal(4, ok.AnchorLine);

            var lines = File.ReadAllLines(path);
            File.WriteAllText(path, string.Join("\n", lines.Take(3)) + "\n"); // the last line removed: the chain alone still verifies
            Assert.True(EvidenceVerifier.Verify(path).IsValid);
            var cut = EvidenceVerifier.Verify(path, new EvidenceVerifyOptions { Anchor = anchor });
            Assert.False(cut.IsValid);
            Assert.Equal("AnchorNotFound", cut.ErrorId);
            Assert.Null(cut.AnchorLine);
        }

        [Fact]
        public void An_empty_log_is_valid()
        {
            using var dir = new ScratchFolder();
            var path = dir.Write("e.jsonl", "");
            var r = EvidenceVerifier.Verify(path);
            Assert.True(r.IsValid);
            Assert.Equal(0, r.EntryCount);
            Assert.Equal(EvidenceDigests.Genesis, r.LastHash);
        }

        [Fact]
        public void A_flipped_digit_in_line_50_of_100_is_caught_at_line_50()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 100);
            var lines = File.ReadAllLines(path);
            lines[49] = lines[49].Replace("\"task_count\": 6", "\"task_count\": 7");
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
            var r = EvidenceVerifier.Verify(path);
            Assert.False(r.IsValid);
            Assert.Equal(50, r.FirstInvalidLine);
            Assert.Equal("HashMismatch", r.ErrorId);
            Assert.Equal(49, r.EntryCount);
        }

        [Fact]
        public void Changing_any_byte_of_a_line_is_caught_at_that_line()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 5);
            var original = File.ReadAllBytes(path);
            var starts = new List<int> { 0 };
            for (int i = 0; i < original.Length; i++) if (original[i] == '\n') starts.Add(i + 1);
            int from = starts[2], to = starts[3] - 1; // line 3 without its newline
            var failures = new List<string>();
            for (int i = from; i < to; i++)
            {
                // Every byte flipped; every 4th also replaced by a newline and by a space.
                var replacements = (i - from) % 4 == 0 ? new[] { (byte)(original[i] ^ 0x01), (byte)'\n', (byte)' ' } : new[] { (byte)(original[i] ^ 0x01) };
                foreach (byte replacement in replacements)
                {
                    if (replacement == original[i]) continue;
                    var copy = (byte[])original.Clone();
                    copy[i] = replacement;
                    File.WriteAllBytes(path, copy);
                    var r = EvidenceVerifier.Verify(path);
                    if (r.IsValid || r.FirstInvalidLine != 3) failures.Add("byte " + (i - from) + " -> " + replacement + ": " + r);
                }
            }
            Assert.Empty(failures);
        }

        [Fact]
        public void Removing_inserting_or_reordering_lines_is_caught()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 6);
            var lines = File.ReadAllLines(path);
            void Expect(string[] content, int line, string id)
            {
                File.WriteAllText(path, string.Join("\n", content) + "\n");
                var r = EvidenceVerifier.Verify(path);
                Assert.False(r.IsValid);
                Assert.Equal(line, r.FirstInvalidLine);
                Assert.Equal(id, r.ErrorId);
            }
            Expect(lines.Where((_, i) => i != 3).ToArray(), 4, "PrevMismatch");
            Expect(lines.Skip(1).ToArray(), 1, "PrevMismatch");
            Expect(new[] { lines[0], lines[2], lines[1], lines[3] }, 2, "PrevMismatch");
            Expect(new[] { lines[0], lines[1], lines[1], lines[2] }, 3, "PrevMismatch");
            Expect(new[] { lines[0], "", lines[1] }, 2, "BlankLine");
        }

        [Fact]
        public void A_torn_last_line_is_caught_and_blocks_appends_leaving_the_file_unchanged()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 3);
            long good = new FileInfo(path).Length;
            var fourth = File.ReadAllLines(path)[2];
            File.AppendAllText(path, fourth.Substring(0, 100)); // an interrupted write
            var before = File.ReadAllBytes(path);

            var r = EvidenceVerifier.Verify(path);
            Assert.False(r.IsValid);
            Assert.Equal(4, r.FirstInvalidLine);
            Assert.Equal("TornLine", r.ErrorId);

            var ex = Assert.Throws<EvidenceLogException>(() => EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(), T0)));
            Assert.Equal("EvidenceTornLine", ex.ErrorId);
            Assert.Equal(4, ex.Line);
            Assert.Equal(good, ex.TruncateTo);
            Assert.Contains("truncate the file to " + good + " bytes (the end of line 3)", ex.Message);
            Assert.Equal(before, File.ReadAllBytes(path));

            Assert.Throws<EvidenceLogException>(() => EvidenceLog.Read(path).ToArray());

            // The recovery the message describes works.
            using (var fs = new FileStream(path, FileMode.Open)) fs.SetLength(ex.TruncateTo);
            EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(), T0));
            var after = EvidenceVerifier.Verify(path);
            Assert.True(after.IsValid, after.ToString());
            Assert.Equal(4, after.EntryCount);
        }

        [Theory]
        [InlineData("garbage\n", "EvidenceLogCorrupt")]
        [InlineData("\n", "EvidenceLogCorrupt")]
        [InlineData("{\"timestamp\": \"2026", "EvidenceTornLine")]
        public void A_corrupt_last_line_blocks_appends_leaving_the_file_unchanged(string tail, string errorId)
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 2);
            long good = new FileInfo(path).Length;
            File.AppendAllText(path, tail);
            var before = File.ReadAllBytes(path);
            var ex = Assert.Throws<EvidenceLogException>(() => EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(), T0)));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(3, ex.Line);
            Assert.Equal(good, ex.TruncateTo);
            Assert.Equal(before, File.ReadAllBytes(path));
        }

        [Fact]
        public void Append_reads_only_the_tail_so_damage_earlier_in_the_file_is_left_to_the_verifier()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 3);
            var lines = File.ReadAllLines(path);
            lines[0] = "not json at all";
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
            EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(), T0));
            var r = EvidenceVerifier.Verify(path);
            Assert.Equal(1, r.FirstInvalidLine);
            Assert.Equal("InvalidEvidenceLine", r.ErrorId);
        }

        [Fact]
        public void Appending_into_a_missing_folder_is_a_clear_error()
        {
            using var dir = new ScratchFolder();
            var ex = Assert.Throws<EvidenceLogException>(() => EvidenceLog.Append(Path.Combine(dir.Path, "no", "e.jsonl"), EvidenceEntry.For(EvidenceTestRuns.Run(), T0)));
            Assert.Equal("EvidenceLogUnwritable", ex.ErrorId);
        }

        [Fact]
        public void An_altered_last_line_blocks_appends()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 2);
            var text = File.ReadAllText(path).Replace("\"skew_ratio\": 3.0", "\"skew_ratio\": 1.0");
            File.WriteAllText(path, text);
            var before = File.ReadAllBytes(path);
            var ex = Assert.Throws<EvidenceLogException>(() => EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(), T0)));
            Assert.Equal("EvidenceLogCorrupt", ex.ErrorId);
            Assert.Equal(2, ex.Line);
            Assert.Contains("hash", ex.Message);
            Assert.Equal(before, File.ReadAllBytes(path));
        }

        [Fact]
        public void A_held_lock_times_out_with_a_clear_error_and_no_change()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 1);
            var before = File.ReadAllBytes(path);
            using (new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                var clock = Stopwatch.StartNew();
                var ex = Assert.Throws<EvidenceLogException>(() => EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(), T0), new EvidenceAppendOptions { LockTimeout = TimeSpan.FromMilliseconds(300) }));
                Assert.Equal("EvidenceLogLocked", ex.ErrorId);
                Assert.InRange(clock.ElapsedMilliseconds, 250, 5000);
                Assert.Contains(".lock", ex.Message);
            }
            Assert.Equal(before, File.ReadAllBytes(path));
            EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(), T0));
            Assert.True(EvidenceVerifier.Verify(path).IsValid);
        }

        [Fact]
        public async System.Threading.Tasks.Task A_writer_with_file_locking_disabled_is_refused()
        {
            if (OperatingSystem.IsWindows()) return;
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "e.jsonl");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { EvidenceTestRuns.WriterDll(), path, "1", "x" }) psi.ArgumentList.Add(a);
            psi.Environment["DOTNET_SYSTEM_IO_DISABLEFILELOCKING"] = "1";
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(60_000));
            Assert.Equal(3, p.ExitCode);
            Assert.Contains("EvidenceLogLockDisabled", await err);
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void Reading_filters_by_policy_and_time_oldest_first()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "e.jsonl");
            for (int i = 0; i < 6; i++) EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(i % 2 == 0 ? "even" : "odd"), T0.AddMinutes(i)));
            Assert.Equal(new[] { 1, 3, 5 }, EvidenceReader.Read(path, new EvidenceReadOptions { PolicyId = "even" }).Select(e => e.LineNumber));
            Assert.Equal(new[] { 3, 4 }, EvidenceReader.Read(path, new EvidenceReadOptions { After = T0.AddMinutes(1), Before = T0.AddMinutes(4) }).Select(e => e.LineNumber));
            Assert.Equal(new[] { 5 }, EvidenceReader.Read(path, new EvidenceReadOptions { PolicyId = "even", After = T0.AddMinutes(3) }).Select(e => e.LineNumber));
            Assert.Equal(new[] { 1 }, EvidenceReader.Read(path, new EvidenceReadOptions { Before = DateTime.SpecifyKind(T0.AddSeconds(1), DateTimeKind.Unspecified) }).Select(e => e.LineNumber));
            var all = EvidenceReader.Read(path).ToArray();
            Assert.All(all, e => Assert.True(e.IsChained));
            Assert.Equal(all[0].Hash, all[1].Prev);
            Assert.Equal(6, all[0].AssignedCount);
            Assert.Equal(0, all[0].UnassignedCount);
            var missing = Assert.Throws<EvidenceLogException>(() => EvidenceReader.Read(Path.Combine(dir.Path, "none.jsonl")).ToArray());
            Assert.Equal("EvidenceLogNotFound", missing.ErrorId);
        }

        [Fact]
        public void Replay_accepts_the_true_inputs()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 1);
            var entry = EvidenceLog.Read(path).Single();
            var r = EvidenceReplay.Replay(entry, EvidenceTestRuns.Tasks(), EvidenceTestRuns.Agents(), new FairnessPolicy("priority-weighted-rr"));
            Assert.True(r.IsMatch, r.ToString());
            Assert.Empty(r.Mismatches);
            Assert.True(r.SameModuleVersion);
            var byLine = EvidenceReplay.Replay(File.ReadAllLines(path)[0], EvidenceTestRuns.Tasks(), EvidenceTestRuns.Agents(), new FairnessPolicy("priority-weighted-rr"));
            Assert.True(byLine.IsMatch);
        }

        [Fact]
        public void Replay_rejects_a_changed_weight()
        {
            using var dir = new ScratchFolder();
            var entry = EvidenceLog.Read(Log(dir, 1)).Single();
            var agents = EvidenceTestRuns.Agents();
            agents[2] = new FairAgent("agent-c", 2);
            var r = EvidenceReplay.Replay(entry, EvidenceTestRuns.Tasks(), agents, new FairnessPolicy("priority-weighted-rr"));
            Assert.False(r.IsMatch);
            Assert.False(r.AgentsMatch);
            Assert.True(r.TasksMatch);
            Assert.True(r.PolicyMatches);
            Assert.Contains("agents_digest", r.Mismatches);
            Assert.Contains("decisions_digest", r.Mismatches);
        }

        [Fact]
        public void Replay_rejects_a_changed_task_order_and_a_changed_policy()
        {
            using var dir = new ScratchFolder();
            var entry = EvidenceLog.Read(Log(dir, 1)).Single();
            var tasks = EvidenceTestRuns.Tasks();
            (tasks[2], tasks[3]) = (tasks[3], tasks[2]);
            var r = EvidenceReplay.Replay(entry, tasks, EvidenceTestRuns.Agents(), new FairnessPolicy("priority-weighted-rr"));
            Assert.False(r.IsMatch);
            Assert.Equal(new[] { "tasks_digest", "decisions_digest" }, r.Mismatches);

            var p = EvidenceReplay.Replay(entry, EvidenceTestRuns.Tasks(), EvidenceTestRuns.Agents(), new FairnessPolicy("priority-weighted-rr", respectPriority: false));
            Assert.False(p.IsMatch);
            Assert.False(p.PolicyMatches);
            Assert.True(p.TasksMatch);

            var legacy = new EvidenceEntry(T0, "p", 1, 1, 1.0, "balanced");
            Assert.Equal("EvidenceNotReplayable", Assert.Throws<EvidenceLogException>(() => EvidenceReplay.Replay(legacy, tasks, EvidenceTestRuns.Agents(), FairnessPolicy.Default)).ErrorId);
        }

        [Fact]
        public void Signatures_right_key_valid_wrong_key_invalid()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 4, Key);
            var right = EvidenceVerifier.Verify(path, new EvidenceVerifyOptions { Key = Key, RequireSignature = true });
            Assert.True(right.IsValid, right.ToString());
            Assert.Equal(4, right.SignedCount);
            Assert.Equal(0, right.UnsignedCount);
            Assert.Equal(0, right.BadSignatureCount);
            Assert.True(right.SignaturesChecked);

            var wrong = EvidenceVerifier.Verify(path, new EvidenceVerifyOptions { Key = Encoding.UTF8.GetBytes("not the key") });
            Assert.False(wrong.IsValid);
            Assert.Equal("BadSignature", wrong.ErrorId);
            Assert.Equal(1, wrong.FirstInvalidLine);
            Assert.Equal(4, wrong.BadSignatureCount);
            Assert.Equal(4, wrong.EntryCount);

            var noKey = EvidenceVerifier.Verify(path);
            Assert.True(noKey.IsValid);
            Assert.Equal(4, noKey.SignedCount);

            var line = File.ReadAllLines(path)[0];
            var content = line.Substring(0, line.LastIndexOf(", \"hash\": \"", StringComparison.Ordinal)) + "}";
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(content))).ToLowerInvariant(), doc.RootElement.GetProperty("sig").GetString());
        }

        [Fact]
        public void Unsigned_lines_are_reported_and_fail_only_when_signatures_are_required()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "e.jsonl");
            var run = EvidenceTestRuns.Run();
            EvidenceLog.Append(path, EvidenceEntry.For(run, T0), new EvidenceAppendOptions { Key = Key });
            EvidenceLog.Append(path, EvidenceEntry.For(run, T0));
            EvidenceLog.Append(path, EvidenceEntry.For(run, T0), new EvidenceAppendOptions { Key = Key });
            var r = EvidenceVerifier.Verify(path, new EvidenceVerifyOptions { Key = Key });
            Assert.True(r.IsValid, r.ToString());
            Assert.Equal(2, r.SignedCount);
            Assert.Equal(1, r.UnsignedCount);
            Assert.Equal(2, r.FirstUnsignedLine);
            var strict = EvidenceVerifier.Verify(path, new EvidenceVerifyOptions { Key = Key, RequireSignature = true });
            Assert.False(strict.IsValid);
            Assert.Equal(2, strict.FirstInvalidLine);
            Assert.Equal("UnsignedLine", strict.ErrorId);
        }

        [Fact]
        public void A_stripped_or_forged_signature_is_caught()
        {
            using var dir = new ScratchFolder();
            var path = Log(dir, 3, Key);
            var lines = File.ReadAllLines(path);
            // Editing a line and re-hashing the whole chain without the key: hashes check, signatures do not.
            string prev = EvidenceDigests.Genesis;
            for (int i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Replace("\"skew_ratio\": 3.0", "\"skew_ratio\": 1.0").Replace("strong_imbalance", "balanced");
                int cut = line.LastIndexOf(", \"hash\": \"", StringComparison.Ordinal);
                var content = line.Substring(0, cut) + "}";
                content = content.Substring(0, content.LastIndexOf("\"prev\": \"", StringComparison.Ordinal)) + "\"prev\": \"" + prev + "\"}";
                var hash = Sha(content);
                lines[i] = content.Substring(0, content.Length - 1) + ", \"hash\": \"" + hash + "\", \"sig\": \"" + new string('a', 64) + "\"}";
                prev = hash;
            }
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
            Assert.True(EvidenceVerifier.Verify(path).IsValid);
            var r = EvidenceVerifier.Verify(path, new EvidenceVerifyOptions { Key = Key });
            Assert.False(r.IsValid);
            Assert.Equal(3, r.BadSignatureCount);
        }

        [Fact]
        public void Legacy_lines_are_read_but_unchained_unless_allowed_and_the_chain_binds_the_last_one()
        {
            using var dir = new ScratchFolder();
            var legacy1 = "{\"timestamp\": \"2026-01-02T03:04:05.000001Z\", \"policy_id\": \"p\", \"task_count\": 6, \"agent_count\": 3, \"skew_ratio\": 3.0, \"fairness_label\": \"strong_imbalance\"}";
            var legacy2 = "{\"timestamp\": \"2026-01-02T03:04:06Z\", \"policy_id\": \"p\", \"task_count\": 2, \"agent_count\": 2, \"skew_ratio\": 1.0, \"fairness_label\": \"balanced\"}";
            var path = dir.Write("e.jsonl", legacy1 + "\n" + legacy2 + "\n");
            var appended = EvidenceLog.Append(path, EvidenceEntry.For(EvidenceTestRuns.Run(), T0));
            Assert.Equal(Sha(legacy2), appended.Prev);

            var entries = EvidenceLog.Read(path).ToArray();
            Assert.Equal(3, entries.Length);
            Assert.False(entries[0].IsChained);
            Assert.Null(entries[0].Hash);
            Assert.Null(entries[1].AssignedCount);
            Assert.True(entries[2].IsChained);

            var strict = EvidenceVerifier.Verify(path);
            Assert.False(strict.IsValid);
            Assert.Equal("LegacyLine", strict.ErrorId);
            Assert.Equal(1, strict.FirstInvalidLine);

            var lenient = EvidenceVerifier.Verify(path, new EvidenceVerifyOptions { AllowLegacy = true });
            Assert.True(lenient.IsValid, lenient.ToString());
            Assert.Equal(2, lenient.LegacyCount);
            Assert.Equal(1, lenient.ChainedCount);

            // Editing the last legacy line breaks the chain; a legacy line after chained lines is refused.
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"task_count\": 2", "\"task_count\": 3"));
            Assert.Equal(3, EvidenceVerifier.Verify(path, new EvidenceVerifyOptions { AllowLegacy = true }).FirstInvalidLine);
            File.WriteAllText(path, File.ReadAllText(path) + legacy1 + "\n");
            var after = EvidenceVerifier.Verify(path, new EvidenceVerifyOptions { AllowLegacy = true });
            Assert.Equal(3, after.FirstInvalidLine);
        }

        [Fact]
        public void Concurrent_threads_append_a_valid_chain()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "e.jsonl");
            var run = EvidenceTestRuns.Run();
            System.Threading.Tasks.Parallel.For(0, 8, _ => { for (int i = 0; i < 10; i++) EvidenceLog.Append(path, EvidenceEntry.For(run, DateTime.UtcNow)); });
            var r = EvidenceVerifier.Verify(path);
            Assert.True(r.IsValid, r.ToString());
            Assert.Equal(80, r.EntryCount);
        }

        [Fact]
        public async System.Threading.Tasks.Task Four_processes_appending_25_lines_each_make_100_whole_lines_in_one_chain()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "shared.jsonl");
            var dll = EvidenceTestRuns.WriterDll();
            var barrier = Directory.CreateDirectory(Path.Combine(dir.Path, "barrier")).FullName;
            var processes = Enumerable.Range(1, 4).Select(i =>
            {
                var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { dll, path, "25", "w" + i, Convert.ToHexString(Key), barrier }) psi.ArgumentList.Add(a);
                return Process.Start(psi)!;
            }).ToArray();
            var outputs = processes.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToArray();
            // Start all four at once: wait until each has started and is waiting, then say go.
            var ready = Stopwatch.StartNew();
            while (Directory.GetFiles(barrier, "ready-*").Length < 4 && ready.Elapsed < TimeSpan.FromSeconds(60) && !processes.Any(p => p.HasExited)) System.Threading.Thread.Sleep(5);
            File.WriteAllText(Path.Combine(barrier, "go"), "");
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < processes.Length; i++)
            {
                var p = processes[i];
                Assert.True(p.WaitForExit(120_000), "a writer did not finish");
                string stdout = await outputs[i].Out, stderr = await outputs[i].Err;
                _out.WriteLine(stdout.Trim() + stderr.Trim());
                Assert.True(p.ExitCode == 0, "writer failed: " + stderr);
            }
            _out.WriteLine("4 x 25 concurrent appends by separate processes: " + clock.ElapsedMilliseconds + " ms after the go signal");

            var bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'\n', bytes[^1]);
            var lines = File.ReadAllLines(path);
            Assert.Equal(100, lines.Length);
            Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
            var r = EvidenceVerifier.Verify(path, new EvidenceVerifyOptions { Key = Key, RequireSignature = true });
            Assert.True(r.IsValid, r.ToString());
            Assert.Equal(100, r.EntryCount);
            Assert.Equal(100, r.SignedCount);
            var perWriter = EvidenceLog.Read(path).GroupBy(e => e.PolicyId).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(new[] { 25, 25, 25, 25 }, new[] { "writer-w1", "writer-w2", "writer-w3", "writer-w4" }.Select(k => perWriter[k]));
            var order = EvidenceLog.Read(path).Select(e => e.PolicyId).ToArray();
            _out.WriteLine("writer switches between consecutive lines: " + order.Zip(order.Skip(1), (a, b) => a != b).Count(x => x));
        }
    }
}
