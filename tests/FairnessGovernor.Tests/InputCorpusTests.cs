using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using FairnessGovernor.Allocation;
using FairnessGovernor.Input;
using FairnessGovernor.Model;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// The bad-input corpus (issue 6): every class of fault a runbook can feed in, each asserting the
    /// full error id, the file, the item, the field and the position where the parser knows it.
    /// </summary>
    public class InputCorpusTests
    {
        public enum Kind { Tasks, Agents, Policy }

        private static void Load(Kind kind, string path, InputLimits? limits = null)
        {
            switch (kind)
            {
                case Kind.Tasks: TaskLoader.FromFile(path, limits); break;
                case Kind.Agents: AgentLoader.FromFile(path, limits); break;
                default: PolicyLoader.FromFile(path, limits); break;
            }
        }

        private static FairnessInputException Fail(Kind kind, string path, InputLimits? limits = null)
        {
            var ex = Assert.Throws<FairnessInputException>(() => Load(kind, path, limits));
            Assert.Equal(path, ex.SourceName);
            Assert.StartsWith(path + (ex.Line > 0 ? ":" + ex.Line + (ex.Column > 0 ? ":" + ex.Column : "") : "") + ": ", ex.Message);
            if (ex.Item != null) Assert.Contains(ex.Item + (ex.Field != null ? ", field '" + ex.Field + "'" : ""), ex.Message);
            else if (ex.Field != null) Assert.Contains("field '" + ex.Field + "'", ex.Message);
            return ex;
        }

        [Theory]
        // --- syntax
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\"}, {\"id\": \"t", "InvalidJson", null, null, 1, 25)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\"}] trailing", "InvalidJson", null, null, 1, 16)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\"},]", "InvalidJson", null, null, 1, 15)]
        [InlineData(Kind.Tasks, "t.json", "// note\n[]", "InvalidJson", null, null, 1, 1)]
        [InlineData(Kind.Tasks, "t.json", "  \r\n\t ", "EmptyInput", null, null, 0, 0)]
        [InlineData(Kind.Agents, "a.json", "id,weight\na,1\n", "InvalidJson", null, null, 1, 1)]
        [InlineData(Kind.Agents, "a.yaml", "- id: a\n\tweight: 1\n", "InvalidYaml", null, null, 2, 1)]
        [InlineData(Kind.Agents, "a.yaml", "agents:\n  - id: a\n   weight: 2\n", "InvalidYaml", null, null, 3, 4)]
        [InlineData(Kind.Agents, "a.yaml", "- id: a\n---\n- id: b\n", "InvalidYaml", null, null, 2, 1)]
        [InlineData(Kind.Agents, "a.yaml", "# only a comment\n", "EmptyInput", null, null, 0, 0)]
        [InlineData(Kind.Agents, "a.yaml", "- {id: a, weight: [1, 2}\n", "InvalidYaml", null, null, 1, 24)]
        [InlineData(Kind.Agents, "a.yaml", "- id: *nowhere\n", "InvalidYaml", null, null, 1, 7)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": 1, \"weight\": 2}]", "DuplicateKey", null, "weight", 1, 27)]
        [InlineData(Kind.Policy, "p.yaml", "policy_id: p\nstrategy: lag_bounded\nstrategy: smooth_weighted_round_robin\n", "DuplicateKey", null, "strategy", 3, 1)]
        // a mapping past 8 keys checks duplicates through a set: the same error and position
        [InlineData(Kind.Policy, "p.yaml", "policy_id: p\nrespect_priority: true\nmax_skew_ratio: 2\nstrategy: lag_bounded\nmax_bypass: 3\nx1: 1\nx2: 2\nx3: 3\nx4: 4\nx5: 5\nmax_bypass: 4\n", "DuplicateKey", null, "max_bypass", 11, 1)]
        [InlineData(Kind.Policy, "p.yaml", "? [a, b]\n: 1\n", "InvalidYaml", null, null, 1, 3)]
        // --- shape
        [InlineData(Kind.Tasks, "t.json", "{\"id\": \"t1\"}", "InvalidDocumentShape", null, null, 1, 1)]
        [InlineData(Kind.Tasks, "t.json", "\"t1\"", "InvalidDocumentShape", null, null, 1, 1)]
        [InlineData(Kind.Agents, "a.json", "{\"agents\": \"a\"}", "InvalidDocumentShape", null, "agents", 1, 12)]
        [InlineData(Kind.Agents, "a.yaml", "agents:\n  id: a\n", "InvalidDocumentShape", null, "agents", 2, 3)]
        [InlineData(Kind.Policy, "p.json", "[{\"policy_id\": \"p\"}]", "InvalidDocumentShape", null, null, 1, 1)]
        [InlineData(Kind.Policy, "p.json", "{\"policy\": [\"p\"]}", "InvalidDocumentShape", null, "policy", 1, 12)]
        [InlineData(Kind.Policy, "p.yaml", "42\n", "InvalidDocumentShape", null, null, 1, 1)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\"}, null]", "NullItem", "agents[1]", null, 1, 15)]
        [InlineData(Kind.Agents, "a.yaml", "- id: a\n-\n", "NullItem", "agents[1]", null, 2, 2)]
        [InlineData(Kind.Agents, "a.json", "[[{\"id\": \"a\"}]]", "InvalidItem", "agents[0]", null, 1, 2)]
        [InlineData(Kind.Agents, "a.json", "[42]", "InvalidItem", "agents[0]", null, 1, 2)]
        // --- identity
        [InlineData(Kind.Agents, "a.json", "[{\"weight\": 1}]", "MissingId", "agents[0]", "id", 1, 2)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": null}]", "MissingId", "agents[0]", "id", 1, 9)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"\"}]", "MissingId", "agents[0]", "id", 1, 9)]
        [InlineData(Kind.Agents, "a.yaml", "- id: \"\\t \"\n", "MissingId", "agents[0]", "id", 1, 7)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": 12}]", "InvalidId", "agents[0]", "id", 1, 9)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": [\"a\"]}]", "InvalidId", "agents[0]", "id", 1, 9)]
        [InlineData(Kind.Tasks, "t.yaml", "- id: true\n", "InvalidId", "tasks[0]", "id", 1, 7)]
        [InlineData(Kind.Tasks, "t.yaml", "- id: {name: t1}\n", "InvalidId", "tasks[0]", "id", 1, 7)]
        [InlineData(Kind.Tasks, "t.yaml", "- id: t1\n- id: t2\n- id: t1\n", "DuplicateId", "tasks[2] (id 't1')", "id", 3, 7)]
        [InlineData(Kind.Agents, "a.yaml", "agents:\n  - id: a\n  - id: a\n", "DuplicateId", "agents[1] (id 'a')", "id", 3, 9)]
        [InlineData(Kind.Policy, "p.json", "{\"policy_id\": \" \"}", "MissingId", "policy", "policy_id", 1, 15)]
        // --- priority
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"priority\": \"urgent\"}]", "InvalidPriority", "tasks[0] (id 't1')", "priority", 1, 27)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"priority\": 2}]", "InvalidPriority", "tasks[0] (id 't1')", "priority", 1, 27)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"priority\": [\"high\"]}]", "InvalidPriority", "tasks[0] (id 't1')", "priority", 1, 27)]
        // --- weight
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": \"heavy\"}]", "InvalidWeight", "agents[0] (id 'a')", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": 0.25}]", "InvalidWeight", "agents[0] (id 'a')", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": -0.5}]", "InvalidWeight", "agents[0] (id 'a')", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": Infinity}]", "InvalidJson", null, null, 1, 24)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": -1e300}]", "InvalidWeight", "agents[0] (id 'a')", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": 1e400}]", "InvalidWeight", "agents[0] (id 'a')", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": 99999999999999999999999}]", "InvalidWeight", "agents[0] (id 'a')", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": true}]", "InvalidWeight", "agents[0] (id 'a')", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.yaml", "- id: a\n  weight: -.inf\n", "InvalidWeight", "agents[0] (id 'a')", "weight", 2, 11)]
        [InlineData(Kind.Agents, "a.yaml", "- id: a\n  weight: '2'\n", "InvalidWeight", "agents[0] (id 'a')", "weight", 2, 11)]
        [InlineData(Kind.Agents, "a.yaml", "- id: a\n  weight: {n: 2}\n", "InvalidWeight", "agents[0] (id 'a')", "weight", 2, 11)]
        // --- capacity and max_share
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"capacity\": -1}]", "InvalidCapacity", "agents[0] (id 'a')", "capacity", 1, 26)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"capacity\": \"10\"}]", "InvalidCapacity", "agents[0] (id 'a')", "capacity", 1, 26)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"capacity\": 1e300}]", "InvalidCapacity", "agents[0] (id 'a')", "capacity", 1, 26)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"max_share\": 1.5}]", "InvalidMaxShare", "agents[0] (id 'a')", "max_share", 1, 27)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"max_share\": \"half\"}]", "InvalidMaxShare", "agents[0] (id 'a')", "max_share", 1, 27)]
        [InlineData(Kind.Agents, "a.yaml", "- id: a\n  max_share: .nan\n", "InvalidMaxShare", "agents[0] (id 'a')", "max_share", 2, 14)]
        // --- task group, duration, arrival
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"group\": 3}]", "InvalidGroup", "tasks[0] (id 't1')", "group", 1, 24)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"group\": \"  \"}]", "InvalidGroup", "tasks[0] (id 't1')", "group", 1, 24)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"group\": {\"name\": \"g\"}}]", "InvalidGroup", "tasks[0] (id 't1')", "group", 1, 24)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"duration\": 0}]", "InvalidDuration", "tasks[0] (id 't1')", "duration", 1, 27)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"duration\": \"5m\"}]", "InvalidDuration", "tasks[0] (id 't1')", "duration", 1, 27)]
        [InlineData(Kind.Tasks, "t.yaml", "- id: t1\n  duration: .inf\n", "InvalidDuration", "tasks[0] (id 't1')", "duration", 2, 13)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"arrival\": -1}]", "InvalidArrival", "tasks[0] (id 't1')", "arrival", 1, 26)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"arrival\": \"soon\"}]", "InvalidArrival", "tasks[0] (id 't1')", "arrival", 1, 26)]
        // --- policy fields
        [InlineData(Kind.Policy, "p.json", "{\"respect_priority\": 1}", "InvalidRespectPriority", "policy", "respect_priority", 1, 22)]
        [InlineData(Kind.Policy, "p.yaml", "respect_priority: yes\n", "InvalidRespectPriority", "policy", "respect_priority", 1, 19)]
        [InlineData(Kind.Policy, "p.json", "{\"max_skew_ratio\": 1e10}", "InvalidMaxSkewRatio", "policy", "max_skew_ratio", 1, 20)]
        [InlineData(Kind.Policy, "p.yaml", "max_skew_ratio: .nan\n", "InvalidMaxSkewRatio", "policy", "max_skew_ratio", 1, 17)]
        [InlineData(Kind.Policy, "p.json", "{\"strategy\": 1}", "InvalidStrategy", "policy", "strategy", 1, 14)]
        [InlineData(Kind.Policy, "p.json", "{\"strategy\": \"fastest\"}", "InvalidStrategy", "policy", "strategy", 1, 14)]
        [InlineData(Kind.Policy, "p.json", "{\"max_bypass\": -1}", "InvalidMaxBypass", "policy", "max_bypass", 1, 16)]
        [InlineData(Kind.Policy, "p.json", "{\"max_bypass\": 2.5}", "InvalidMaxBypass", "policy", "max_bypass", 1, 16)]
        [InlineData(Kind.Policy, "p.json", "{\"max_bypass\": \"3\"}", "InvalidMaxBypass", "policy", "max_bypass", 1, 16)]
        [InlineData(Kind.Policy, "p.json", "{\"group_quotas\": [1, 2]}", "InvalidGroupQuotas", "policy", "group_quotas", 1, 18)]
        [InlineData(Kind.Policy, "p.json", "{\"group_quotas\": \"g=1\"}", "InvalidGroupQuotas", "policy", "group_quotas", 1, 18)]
        [InlineData(Kind.Policy, "p.json", "{\"group_quotas\": {\"g\": -1}}", "InvalidGroupQuotas", "policy", "group_quotas", 1, 24)]
        [InlineData(Kind.Policy, "p.json", "{\"group_quotas\": {\"g\": \"one\"}}", "InvalidGroupQuotas", "policy", "group_quotas", 1, 24)]
        [InlineData(Kind.Policy, "p.json", "{\"group_quotas\": {\"g\": null}}", "InvalidGroupQuotas", "policy", "group_quotas", 1, 24)]
        [InlineData(Kind.Policy, "p.json", "{\"group_quotas\": {\" \": 1}}", "InvalidGroupQuotas", "policy", "group_quotas", 1, 24)]
        [InlineData(Kind.Policy, "p.yaml", "policy:\n  group_quotas:\n    g: 1.5\n", "InvalidGroupQuotas", "policy", "group_quotas", 3, 8)]
        // --- encoding
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\"},\n {\"id\": \"\u00ff\u00fe\"}]", "InvalidEncoding", null, null, 2, 10)]
        public void Bad_input_names_file_item_field_and_position(Kind kind, string file, string content, string errorId, string? item, string? field, int line, int column)
        {
            using var dir = new ScratchFolder();
            // Text is written as UTF-8, except that U+00FF U+00FE stand for the raw invalid bytes 0xFF 0xFE.
            var bytes = content.Contains('\u00ff')
                ? Encoding.Latin1.GetBytes(content)
                : new UTF8Encoding(false).GetBytes(content);
            var path = dir.WriteBytes(file, bytes);
            var ex = Fail(kind, path);
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(item, ex.Item);
            Assert.Equal(field, ex.Field);
            Assert.Equal(line, ex.Line);
            Assert.Equal(column, ex.Column);
        }

        [Fact]
        public void Ids_longer_than_the_limit_are_refused_and_the_limit_itself_is_accepted()
        {
            using var dir = new ScratchFolder();
            var ok = new string('x', 1024);
            Assert.Equal(ok, TaskLoader.FromFile(dir.Write("ok.json", "[{\"id\": \"" + ok + "\"}]")).Single().Id);
            var path = dir.Write("long.json", "[{\"id\": \"" + ok + "y\"}]");
            var ex = Fail(Kind.Tasks, path);
            Assert.Equal("InvalidId", ex.ErrorId);
            Assert.Equal("id", ex.Field);
            Assert.Contains("1025 characters", ex.Message);
        }

        [Fact]
        public void Utf16_without_a_whole_code_unit_or_with_a_lone_surrogate_is_invalid_encoding()
        {
            using var dir = new ScratchFolder();
            var odd = dir.WriteBytes("odd.json", new byte[] { 0xFF, 0xFE, (byte)'[', 0, (byte)']' });
            Assert.Equal("InvalidEncoding", Fail(Kind.Tasks, odd).ErrorId);
            var lone = dir.WriteBytes("lone.yaml", new byte[] { 0xFF, 0xFE, (byte)'-', 0, (byte)' ', 0, 0x00, 0xD8, (byte)'\n', 0 });
            Assert.Equal("InvalidEncoding", Fail(Kind.Tasks, lone).ErrorId);
            var surrogate = dir.WriteBytes("cesu.json", new byte[] { (byte)'[', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)']' });
            var ex = Fail(Kind.Tasks, surrogate);
            Assert.Equal("InvalidEncoding", ex.ErrorId);
            Assert.Equal(1, ex.Line);
            Assert.Equal(3, ex.Column);
        }

        /// <summary>
        /// UTF-16 and UTF-32 text without a byte-order mark (and UTF-32 with one) is InvalidEncoding naming the file
        /// and the likely encoding (issue 22, item 14), not a parser's "'0x00' is an invalid start of a value", for
        /// every input kind and both formats.
        /// </summary>
        [Theory]
        [InlineData(16, false, "UTF-16 LE")]
        [InlineData(16, true, "UTF-16 BE")]
        [InlineData(32, false, "UTF-32 LE")]
        [InlineData(32, true, "UTF-32 BE")]
        public void Utf16_and_utf32_without_a_bom_get_a_hint_about_the_encoding(int bits, bool bigEndian, string named)
        {
            using var dir = new ScratchFolder();
            Encoding enc = bits == 16 ? new UnicodeEncoding(bigEndian, true) : new UTF32Encoding(bigEndian, true);
            var inputs = new (Kind Kind, string File, string Text)[]
            {
                (Kind.Tasks, "tasks.json", "[{\"id\": \"t1\"}]"),
                (Kind.Tasks, "tasks.yaml", "- id: t1\n"),
                (Kind.Agents, "agents.json", "[{\"id\": \"a\"}]"),
                (Kind.Policy, "policy.yaml", "policy_id: p\n"),
            };
            foreach (var (kind, file, text) in inputs)
            {
                var path = dir.WriteBytes(file, enc.GetBytes(text)); // GetBytes writes no BOM
                var ex = Fail(kind, path);
                Assert.Equal("InvalidEncoding", ex.ErrorId);
                Assert.Contains(named + " text without a byte-order mark", ex.Message);
                Assert.StartsWith(path + ":", ex.Message);
                Assert.DoesNotContain("0x00", ex.Message);
            }
            if (bits == 32)
            {
                var withBom = dir.WriteBytes("bom.json", enc.GetPreamble().Concat(enc.GetBytes("[{\"id\": \"t1\"}]")).ToArray());
                var ex = Fail(Kind.Tasks, withBom);
                Assert.Equal("InvalidEncoding", ex.ErrorId);
                Assert.Contains(named + " byte-order mark; UTF-32 is not read", ex.Message);
            }
            var nul = dir.WriteBytes("nul.json", new byte[] { (byte)'[', (byte)']', 0, 0, 0 });
            Assert.Contains("NUL byte at byte offset 2", Fail(Kind.Tasks, nul).Message);
        }

        [Fact]
        public void Escaped_lone_surrogates_in_json_strings_are_refused_cleanly()
        {
            using var dir = new ScratchFolder();
            var path = dir.Write("t.json", "[{\"id\": \"\\ud800\"}]");
            var ex = Fail(Kind.Tasks, path);
            Assert.Contains(ex.ErrorId, new[] { "InvalidEncoding", "InvalidJson" });
        }

        // --- hostile

        [Theory]
        [InlineData("deep.json", "[", "]")]
        [InlineData("deep2.json", "{\"a\":", "}")]
        [InlineData("deep.yaml", "[", "]")]
        [InlineData("deep2.yaml", "{a: ", "}")]
        public void Hundred_thousand_deep_nesting_is_refused_at_the_limit(string file, string open, string close)
        {
            using var dir = new ScratchFolder();
            var sb = new StringBuilder();
            for (int i = 0; i < 100_000; i++) sb.Append(open);
            sb.Append('1');
            for (int i = 0; i < 100_000; i++) sb.Append(close);
            var path = dir.Write(file, sb.ToString());
            var clock = Stopwatch.StartNew();
            var ex = Fail(Kind.Tasks, path);
            Assert.Equal("InputTooDeep", ex.ErrorId);
            Assert.Equal(1, ex.Line);
            Assert.Equal(open.Length * 64 + 1, ex.Column);
            Assert.Contains("-MaxDepth", ex.Message);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "took " + clock.Elapsed);
        }

        [Fact]
        public void The_depth_limit_can_be_raised_to_its_ceiling_and_no_further()
        {
            using var dir = new ScratchFolder();
            string Nest(int n) => "{\"tasks\": " + new string('[', n - 1) + new string(']', n - 1) + "}";
            var path = dir.Write("t.json", Nest(200));
            Assert.Equal("InputTooDeep", Fail(Kind.Tasks, path).ErrorId);
            // 200 levels pass with a raised limit (the items are then arrays, refused one level up).
            Assert.Equal("InvalidItem", Fail(Kind.Tasks, path, new InputLimits(maxDepth: 300)).ErrorId);
            // The ceiling itself parses on a 4 MiB stack, Debug build included (Release needs far less).
            var ceiling = dir.Write("c.yaml", "tasks: " + new string('[', InputLimits.MaxDepthCeiling - 1) + new string(']', InputLimits.MaxDepthCeiling - 1) + "\n");
            Exception? error = null;
            var t = new System.Threading.Thread(() =>
            {
                try { TaskLoader.FromFile(ceiling, new InputLimits(maxDepth: InputLimits.MaxDepthCeiling)); }
                catch (Exception ex) { error = ex; }
            }, 4 * 1024 * 1024);
            t.Start();
            t.Join();
            Assert.Equal("InvalidItem", Assert.IsType<FairnessInputException>(error).ErrorId);
            // On a stack too small for the limit, the readers stop with InputTooDeep instead of crashing the process.
            foreach (var file in new[] { ceiling, dir.Write("c.json", "{\"tasks\": " + new string('[', InputLimits.MaxDepthCeiling - 1) + new string(']', InputLimits.MaxDepthCeiling - 1) + "}") })
            {
                Exception? small = null;
                var tiny = new System.Threading.Thread(() =>
                {
                    try { TaskLoader.FromFile(file, new InputLimits(maxDepth: InputLimits.MaxDepthCeiling)); }
                    catch (Exception ex) { small = ex; }
                }, 160 * 1024);
                tiny.Start();
                tiny.Join();
                var id = Assert.IsType<FairnessInputException>(small).ErrorId;
                Assert.True(id == "InputTooDeep" || id == "InvalidItem", id);
            }
            Assert.Throws<ArgumentOutOfRangeException>(() => new InputLimits(maxDepth: InputLimits.MaxDepthCeiling + 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new InputLimits(maxFileBytes: 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new InputLimits(maxAliasExpansion: -1));
        }

        [Fact]
        public void Alias_bombs_stop_at_the_limit_and_small_aliases_work()
        {
            using var dir = new ScratchFolder();
            var sb = new StringBuilder("lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (int i = 1; i < 20; i++) sb.Append("lol" + i + ": &l" + i + " [" + string.Join(", ", Enumerable.Repeat("*l" + (i - 1), 10)) + "]\n");
            sb.Append("policy_id: p\n");
            var path = dir.Write("bomb.yaml", sb.ToString());
            var clock = Stopwatch.StartNew();
            var ex = Fail(Kind.Policy, path);
            Assert.Equal("AliasExpansionLimit", ex.ErrorId);
            Assert.True(ex.Line > 1 && ex.Column > 0);
            Assert.Contains("-MaxAliasExpansion", ex.Message);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "took " + clock.Elapsed);
            var shared = dir.Write("shared.yaml", "defaults: &d {weight: 2, capacity: 3}\nagents:\n  - &a {id: a, weight: 2}\n");
            Assert.Equal(2, AgentLoader.FromFile(shared).Single().Weight);
            var zero = dir.Write("zero.yaml", "x: &x [1]\ny: *x\nagents: []\n");
            Assert.Equal("AliasExpansionLimit", Fail(Kind.Agents, zero, new InputLimits(maxAliasExpansion: 0)).ErrorId);
        }

        [Fact]
        public void Yaml_merge_keys_supply_the_keys_a_mapping_does_not_give_itself()
        {
            // Issue 22 item 6: `<<: *defaults` was dropped (weight 1, no capacity).
            using var dir = new ScratchFolder();
            var one = dir.Write("merge.yaml", "defaults: &d {weight: 3, capacity: 5}\nagents:\n  - <<: *d\n    id: a\n  - id: b\n    <<: *d\n    weight: 7\n");
            var agents = AgentLoader.FromFile(one);
            Assert.Equal(new[] { ("a", 3, (int?)5), ("b", 7, (int?)5) }, agents.Select(x => (x.Id, x.Weight, x.Capacity)));
            // A sequence of mappings: the earlier wins; the mapping's own keys win over all of them.
            var list = dir.Write("list.yaml", "x: &x {weight: 2, capacity: 1}\ny: &y {weight: 9, max_share: 0.5}\nagents:\n  - {id: a, <<: [*x, *y]}\n  - {id: b, capacity: 4, <<: [*y, *x]}\n");
            Assert.Equal(new[] { ("a", 2, (int?)1, (double?)0.5), ("b", 9, (int?)4, (double?)0.5) },
                AgentLoader.FromFile(list).Select(x => (x.Id, x.Weight, x.Capacity, x.MaxShare)));
            // A quoted "<<" is an ordinary key; a merge key naming a scalar is InvalidYaml at its place.
            Assert.Equal(1, AgentLoader.FromFile(dir.Write("quoted.yaml", "d: &d {weight: 3}\nagents:\n  - {id: a, '<<': *d}\n")).Single().Weight);
            var bad = Fail(Kind.Agents, dir.Write("bad.yaml", "agents:\n  - id: a\n    <<: 3\n"));
            Assert.Equal("InvalidYaml", bad.ErrorId);
            Assert.Equal(3, bad.Line);
            Assert.Contains("merge key", bad.Message);
            // The alias-expansion limit still applies to what merge keys copy.
            var many = new StringBuilder("d: &d {weight: 3}\nagents:\n");
            for (int i = 0; i < 20; i++) many.Append("  - {id: a" + i + ", <<: *d}\n");
            Assert.Equal("AliasExpansionLimit", Fail(Kind.Agents, dir.Write("many.yaml", many.ToString()), new InputLimits(maxAliasExpansion: 10)).ErrorId);
            Assert.Equal(20, AgentLoader.FromFile(dir.Write("many2.yaml", many.ToString())).Count);
            // Tasks read item by item (the streaming path) merge too.
            var tasks = dir.Write("tasks.yaml", "- &t {id: t1, priority: high, group: g}\n- {<<: *t, id: t2}\n");
            Assert.Equal(new[] { ("t1", "g"), ("t2", "g") }, TaskLoader.FromFile(tasks).Select(x => (x.Id, x.Group!)));
            Assert.Equal("high", TaskLoader.FromFile(tasks)[1].Priority);
        }

        [Fact]
        public void A_sparse_gigabyte_file_is_refused_by_size_without_reading_it()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "huge.json");
            using (var fs = new FileStream(path, FileMode.CreateNew)) fs.SetLength(1L << 30);
            var clock = Stopwatch.StartNew();
            var ex = Fail(Kind.Tasks, path);
            Assert.Equal("InputTooLarge", ex.ErrorId);
            Assert.Contains("536870912", ex.Message);
            Assert.Contains("-MaxInputBytes", ex.Message);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "took " + clock.Elapsed);
        }

        [Fact]
        public void One_huge_string_is_refused_under_a_lowered_limit_and_read_under_a_raised_one()
        {
            using var dir = new ScratchFolder();
            var path = dir.Write("a.json", "[{\"id\": \"a\", \"note\": \"" + new string('z', 4 << 20) + "\"}]");
            Assert.Equal("InputTooLarge", Fail(Kind.Agents, path, new InputLimits(maxFileBytes: 1 << 20)).ErrorId);
            Assert.Equal("a", AgentLoader.FromFile(path, new InputLimits(maxFileBytes: 8 << 20)).Single().Id);
        }

        private static bool OnUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        [Fact]
        public void Devices_and_fifos_are_refused_without_opening_them()
        {
            if (!OnUnix) return; // No /dev/zero or FIFOs on Windows.
            using var dir = new ScratchFolder();
            foreach (var device in new[] { "/dev/zero", "/dev/null", "/dev/urandom" })
            {
                var link = Path.Combine(dir.Path, Path.GetFileName(device) + ".json");
                File.CreateSymbolicLink(link, device);
                var ex = RunBounded(() => Fail(Kind.Tasks, link));
                Assert.Equal("InputNotAFile", ex.ErrorId);
                Assert.Contains("character device", ex.Message);
            }
            var fifo = Path.Combine(dir.Path, "pipe.yaml");
            Assert.Equal(0, MkFifo(fifo, Convert.ToUInt32("644", 8)));
            var f = RunBounded(() => Fail(Kind.Agents, fifo));
            Assert.Equal("InputNotAFile", f.ErrorId);
            Assert.Contains("FIFO", f.Message);
            // Without an extension the format check comes first, and still nothing is opened.
            Assert.Equal("UnsupportedInputFormat", RunBounded(() => Fail(Kind.Tasks, "/dev/zero")).ErrorId);
        }

        [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
        private static extern int MkFifo(string path, uint mode);

        private static T RunBounded<T>(Func<T> action)
        {
            var task = Task.Run(action);
            Assert.True(task.Wait(TimeSpan.FromSeconds(10)), "the loader hung");
            return task.Result;
        }

        [NotRootFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // NotRootFact skips it there
        public void An_unreadable_file_is_InputFileUnreadable()
        {
            using var dir = new ScratchFolder();
            var path = dir.Write("t.json", "[]");
            File.SetUnixFileMode(path, UnixFileMode.None);
            var ex = Fail(Kind.Tasks, path);
            Assert.Equal("InputFileUnreadable", ex.ErrorId);
        }

        [Fact]
        public void A_file_locked_by_another_stream_is_InputFileUnreadable()
        {
            // .NET locks files opened with FileShare.None (flock on Unix, a share mode on Windows), so the
            // loader cannot open a file another process is writing that way: it says so, it does not wait.
            using var dir = new ScratchFolder();
            var path = dir.Write("a.json", "[{\"id\": \"a\"}]");
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is string v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase)))
                {
                    Assert.Equal("a", AgentLoader.FromFile(path).Single().Id); // advisory locks switched off: the file is read
                    return;
                }
                var ex = RunBounded(() => Fail(Kind.Agents, path));
                Assert.Equal("InputFileUnreadable", ex.ErrorId);
                Assert.Contains("try again", ex.Message);
            }
            Assert.Equal("a", AgentLoader.FromFile(path).Single().Id);
        }

        [Fact]
        public void Missing_files_and_directories_are_named()
        {
            using var dir = new ScratchFolder();
            var missing = Path.Combine(dir.Path, "nope.yaml");
            var ex = Fail(Kind.Policy, missing);
            Assert.Equal("InputFileNotFound", ex.ErrorId);
            var folder = Path.Combine(dir.Path, "d.yml");
            Directory.CreateDirectory(folder);
            Assert.Equal("InputPathIsDirectory", Fail(Kind.Policy, folder).ErrorId);
        }

        // --- valid edge cases (SPEC 1.8)

        [Fact]
        public void Valid_edge_cases_load_and_allocate()
        {
            using var dir = new ScratchFolder();
            Assert.Empty(TaskLoader.FromFile(dir.Write("none.json", "{\"tasks\": []}")));
            Assert.Empty(AgentLoader.FromFile(dir.Write("none.yaml", "agents: []\n")));
            Assert.Empty(TaskLoader.FromFile(dir.Write("bare.yaml", "[]\n")));

            // Unicode ids: NFC and NFD spellings are different ids (ordinal comparison); emoji and RTL text are ids like any other.
            var tasks = TaskLoader.FromFile(dir.WriteBytes("u.json", new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(
                "{\"tasks\": [{\"id\": \"caf\u00e9\"}, {\"id\": \"cafe\u0301\"}, {\"id\": \"\ud83d\ude80\"}, {\"id\": \"\u05de\u05e9\u05d9\u05de\u05d4\"}]}")).ToArray()));
            Assert.Equal(4, tasks.Count);

            // CRLF line endings, nulls for optional fields, 2.0 as a whole number, zero weights, capacity 0.
            var agents = AgentLoader.FromFile(dir.Write("a.yaml", "agents:\r\n  - {id: z, weight: 0}\r\n  - {id: full, weight: 2.0, capacity: 0, max_share: null}\r\n"));
            Assert.Equal(new[] { 0, 2 }, agents.Select(a => a.Weight));

            // All agents full or weight 0: every task is Unassigned, nothing throws.
            var result = Allocator.Allocate(tasks, agents, FairnessPolicy.Default);
            Assert.Equal(4, result.Count);
            Assert.All(Enumerable.Range(0, result.Count), i => Assert.Null(result.GetDecision(i).AgentId));

            // No tasks, or no agents.
            Assert.Equal(0, Allocator.Allocate(new FairTask[0], agents, FairnessPolicy.Default).Count);
            Assert.Equal(4, Allocator.Allocate(tasks, new FairAgent[0], FairnessPolicy.Default).Count);

            // Wrapped policy, empty policy, unknown keys nested as deep as the limit allows.
            Assert.Equal("w", PolicyLoader.FromFile(dir.Write("p.json", "{\"policy\": {\"policy_id\": \"w\"}, \"comment\": [1]}")).PolicyId);
            Assert.Equal(FairnessPolicy.DefaultPolicyId, PolicyLoader.FromFile(dir.Write("e.yaml", "{}\n")).PolicyId);
            Assert.Equal(FairnessPolicy.DefaultPolicyId, PolicyLoader.FromFile(dir.Write("n.json", "{\"policy\": null}")).PolicyId);
            var deepUnknown = "{\"x\": " + new string('[', 62) + new string(']', 62) + "}";
            Assert.Equal(FairnessPolicy.DefaultPolicyId, PolicyLoader.FromFile(dir.Write("d.json", deepUnknown)).PolicyId);
        }
    }

    /// <summary>A fact skipped when the tests run as root, for whom file permissions do not block reads.</summary>
    public sealed class NotRootFactAttribute : FactAttribute
    {
        public NotRootFactAttribute()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && GetEUid() == 0)
                Skip = "Running as root: chmod 000 does not stop root from reading a file, so unreadability cannot be arranged.";
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                Skip = "Unix permissions only.";
        }

        [DllImport("libc", EntryPoint = "geteuid")]
        private static extern uint GetEUid();
    }
}
