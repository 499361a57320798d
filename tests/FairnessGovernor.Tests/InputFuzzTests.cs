using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using FairnessGovernor.Input;
using Xunit.Abstractions;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// A seeded mutation fuzzer over the fixtures: whatever bytes arrive, TaskLoader, AgentLoader and
    /// PolicyLoader.FromFile either succeed or throw FairnessInputException, and each case ends quickly.
    /// CI runs FG_FUZZ_CASES (default 2,000) cases; set FG_FUZZ_CASES=200000 (and FG_FUZZ_SEED) for a
    /// long local run. A failing input is saved and its path and Base64 printed: add it to
    /// FuzzRegressions/ (kept as regression cases below).
    /// </summary>
    public class InputFuzzTests
    {
        private const int DefaultCases = 2000;
        private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);
        private readonly ITestOutputHelper _output;

        public InputFuzzTests(ITestOutputHelper output) => _output = output;

        private static readonly string[] JsonTokens =
        {
            "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "0", "-0", "1e300", "-1e300", "1e-400", "NaN", "Infinity",
            "123456789012345678901234567890", "2.5", "\"\\ud800\"", "\"\\u0000\"", "\\", "\"id\"", "\"weight\"", "\"capacity\"", "\"priority\"",
            "\"policy_id\"", "\"max_skew_ratio\"", "\"strategy\"", "\"max_bypass\"", "\"max_share\"", "\"group\"", "\"group_quotas\"", "\"duration\"",
            "\"arrival\"", "\"tasks\"", "\"agents\"", "\"policy\"", "/*", "//", "\u00e9", "\ud83d\ude00", " ", "\t", "\n", "\r\n",
        };

        private static readonly string[] YamlTokens =
        {
            "- ", ": ", "\n", "\n  ", "\t", "&a ", "*a", "&b [*a, *a, *a]", "---\n", "...\n", "!!str ", "!!int ", "!!map ", "!<tag:x> ", "? ", "|\n", ">-\n",
            "%YAML 1.2\n", "%TAG ! tag:x:\n", "{", "}", "[", "]", "'", "\"", "#", ".inf", "-.inf", ".nan", "~", "0x7FFFFFFFFFFFFFFF", "0xZZ", "1e300",
            "id: ", "weight: ", "capacity: ", "priority: ", "policy_id: ", "strategy: ", "max_bypass: ", "group_quotas: ", "<<: *a", "@", "`", "%",
        };

        private static byte[][] Seeds()
        {
            var seeds = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "fixtures"))
                .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(File.ReadAllBytes)
                .ToList();
            seeds.Add(Encoding.UTF8.GetBytes("{\"policy_id\": \"p\", \"strategy\": \"lag_bounded\", \"max_bypass\": 2, \"group_quotas\": {\"g\": 1}}"));
            seeds.Add(Encoding.UTF8.GetBytes("[{\"id\": \"t\", \"group\": \"g\", \"duration\": 2.5, \"arrival\": 1}]"));
            seeds.Add(Encoding.UTF8.GetBytes("[{\"id\": \"a\", \"weight\": 2, \"capacity\": 3, \"max_share\": 0.5}]"));
            seeds.Add(Encoding.UTF8.GetBytes("base: &b {id: x, weight: 2}\nagents: [*b, {id: y}]\n"));
            return seeds.ToArray();
        }

        /// <summary>One mutated input; deterministic for a given random state.</summary>
        internal static byte[] Mutate(Random rng, byte[][] seeds)
        {
            var data = new List<byte>(seeds[rng.Next(seeds.Length)]);
            int rounds = 1 + rng.Next(4);
            for (int r = 0; r < rounds; r++)
            {
                int at = data.Count == 0 ? 0 : rng.Next(data.Count + 1);
                switch (rng.Next(12))
                {
                    case 0: // flip a bit
                        if (data.Count > 0) { int i = rng.Next(data.Count); data[i] ^= (byte)(1 << rng.Next(8)); }
                        break;
                    case 1: // random byte
                        if (data.Count > 0) data[rng.Next(data.Count)] = (byte)rng.Next(256);
                        break;
                    case 2: // truncate
                        if (data.Count > 0) data.RemoveRange(at == data.Count ? data.Count - 1 : at, data.Count - (at == data.Count ? data.Count - 1 : at));
                        break;
                    case 3: // delete a span
                        if (data.Count > 0) { int i = rng.Next(data.Count); data.RemoveRange(i, Math.Min(data.Count - i, 1 + rng.Next(16))); }
                        break;
                    case 4: // JSON token
                        data.InsertRange(at, Encoding.UTF8.GetBytes(JsonTokens[rng.Next(JsonTokens.Length)]));
                        break;
                    case 5: // YAML token
                        data.InsertRange(at, Encoding.UTF8.GetBytes(YamlTokens[rng.Next(YamlTokens.Length)]));
                        break;
                    case 6: // splice another seed
                    {
                        var other = seeds[rng.Next(seeds.Length)];
                        int from = rng.Next(other.Length), len = rng.Next(other.Length - from + 1);
                        data.InsertRange(at, other.Skip(from).Take(len));
                        break;
                    }
                    case 7: // deep nesting
                    {
                        int depth = rng.Next(2) == 0 ? 60 + rng.Next(10) : 1000 + rng.Next(100_000);
                        string open = rng.Next(2) == 0 ? "[" : "{\"k\":", close = open == "[" ? "]" : "}";
                        var sb = new StringBuilder();
                        for (int i = 0; i < depth; i++) sb.Append(open);
                        sb.Append('1');
                        if (rng.Next(3) > 0) for (int i = 0; i < depth; i++) sb.Append(close);
                        data.InsertRange(at, Encoding.UTF8.GetBytes(sb.ToString()));
                        break;
                    }
                    case 8: // huge or odd number
                    {
                        string[] numbers = { "1e308", "1e309", "-1e309", "4.9e-324", "9223372036854775808", "-9223372036854775809", "2147483648", "1." + new string('0', 5000) + "1", new string('9', 5000) };
                        data.InsertRange(at, Encoding.UTF8.GetBytes(numbers[rng.Next(numbers.Length)]));
                        break;
                    }
                    case 9: // duplicate a span (repeated keys, repeated items)
                        if (data.Count > 0) { int i = rng.Next(data.Count); int len = Math.Min(data.Count - i, 1 + rng.Next(64)); data.InsertRange(at, data.GetRange(i, len).ToArray()); }
                        break;
                    case 10: // encoding marks and invalid sequences
                    {
                        byte[][] marks = { new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0xFF, 0xFE }, new byte[] { 0xFE, 0xFF }, new byte[] { 0xC3, 0x28 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0 } };
                        var mark = marks[rng.Next(marks.Length)];
                        data.InsertRange(rng.Next(3) == 0 ? 0 : at, mark);
                        break;
                    }
                    default: // YAML alias fan-out
                    {
                        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x]\n");
                        int levels = 2 + rng.Next(8);
                        for (int i = 1; i < levels; i++) sb.Append("a" + i + ": &a" + i + " [" + string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 8)) + "]\n");
                        data.InsertRange(rng.Next(2) == 0 ? 0 : at, Encoding.UTF8.GetBytes(sb.ToString()));
                        break;
                    }
                }
            }
            return data.ToArray();
        }

        /// <summary>Runs the three loaders on <paramref name="bytes"/> saved as .json and as .yaml; returns the unexpected exception, if any.</summary>
        internal static Exception? RunCase(byte[] bytes, string folder)
        {
            foreach (var ext in new[] { ".json", ".yaml" })
            {
                var path = Path.Combine(folder, "case" + ext);
                File.WriteAllBytes(path, bytes);
                foreach (var load in new Action<string>[] { p => TaskLoader.FromFile(p), p => AgentLoader.FromFile(p), p => PolicyLoader.FromFile(p) })
                {
                    try { load(path); }
                    catch (FairnessInputException ex)
                    {
                        if (ex.SourceName != path || !ex.Message.StartsWith(path, StringComparison.Ordinal) || string.IsNullOrEmpty(ex.ErrorId) || ex.Line < 0 || ex.Column < 0)
                            return new InvalidOperationException("badly formed FairnessInputException: " + ex.ErrorId + " " + ex.Message, ex);
                    }
                    catch (Exception ex) { return ex; }
                }
            }
            return null;
        }

        [Fact]
        public void Mutated_fixtures_only_ever_raise_FairnessInputException()
        {
            int cases = int.TryParse(Environment.GetEnvironmentVariable("FG_FUZZ_CASES"), out int n) && n > 0 ? n : DefaultCases;
            int seed = int.TryParse(Environment.GetEnvironmentVariable("FG_FUZZ_SEED"), out int s) ? s : 20240606;
            var seeds = Seeds();
            using var dir = new ScratchFolder();
            var rng = new Random(seed);

            // The cases run on a worker thread; this thread is the watchdog, so a hang fails the test instead of blocking CI.
            int current = -1;
            byte[]? currentBytes = null;
            long caseStarted = 0;
            Exception? failure = null;
            int failedCase = -1;
            byte[]? failedBytes = null;
            var clock = Stopwatch.StartNew();
            var worker = new Thread(() =>
            {
                for (int i = 0; i < cases && failure == null; i++)
                {
                    var bytes = Mutate(rng, seeds);
                    Volatile.Write(ref currentBytes, bytes);
                    Volatile.Write(ref caseStarted, clock.ElapsedTicks);
                    Volatile.Write(ref current, i);
                    var ex = RunCase(bytes, dir.Path);
                    if (ex != null) { failedCase = i; failedBytes = bytes; failure = ex; }
                }
                Volatile.Write(ref current, int.MaxValue);
            }, 16 * 1024 * 1024) { IsBackground = true, Name = "fuzz" };
            worker.Start();
            while (!worker.Join(100))
            {
                int c = Volatile.Read(ref current);
                if (c >= 0 && c != int.MaxValue && TimeSpan.FromTicks((long)((clock.ElapsedTicks - Volatile.Read(ref caseStarted)) * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency))) > CaseTimeout)
                {
                    var hung = Volatile.Read(ref currentBytes)!;
                    var saved = Save(hung, "hang");
                    Assert.Fail("Fuzz case " + c + " (seed " + seed + ") ran longer than " + CaseTimeout.TotalSeconds + " s. Input saved to " + saved + "; Base64: " + Base64Head(hung));
                }
            }
            _output.WriteLine(cases + " cases x 6 loads, seed " + seed + ", in " + clock.Elapsed.TotalSeconds.ToString("F1") + " s");
            if (failure != null)
            {
                var saved = Save(failedBytes!, "crash");
                Assert.Fail("Fuzz case " + failedCase + " (seed " + seed + ") raised " + failure.GetType().Name + ": " + failure.Message + "\nInput saved to " + saved + "; Base64: " + Base64Head(failedBytes!) + "\n" + failure);
            }
        }

        private static string Save(byte[] bytes, string kind)
        {
            var path = Path.Combine(Path.GetTempPath(), "fg-fuzz-" + kind + "-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".bin");
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private static string Base64Head(byte[] bytes) => bytes.Length <= 4096 ? Convert.ToBase64String(bytes) : "(" + bytes.Length + " bytes, see the file)";

        public static IEnumerable<object[]> Regressions() =>
            Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "FairnessGovernor.Tests", "FuzzRegressions"))
                .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new object[] { Path.GetFileName(f) });

        [Theory]
        [MemberData(nameof(Regressions))]
        public void Inputs_the_fuzzer_found_stay_fixed(string name)
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "tests", "FairnessGovernor.Tests", "FuzzRegressions", name));
            using var dir = new ScratchFolder();
            var ex = RunCase(bytes, dir.Path);
            Assert.True(ex == null, ex?.ToString());
        }
    }
}
