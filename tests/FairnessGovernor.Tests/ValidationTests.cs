using System;
using System.IO;
using System.Linq;
using System.Text;
using FairnessGovernor.Input;
using FairnessGovernor.Model;

namespace FairnessGovernor.Tests
{
    public class ValidationTests
    {
        public enum Kind { Tasks, Agents, Policy }

        private static FairnessInputException Fail(Kind kind, string fileName, string content)
        {
            using var dir = new ScratchFolder();
            var path = dir.Write(fileName, content);
            var ex = Assert.Throws<FairnessInputException>(() => Load(kind, path));
            Assert.StartsWith(path, ex.Message);
            Assert.Equal(path, ex.SourceName);
            return ex;
        }

        private static void Load(Kind kind, string path)
        {
            switch (kind)
            {
                case Kind.Tasks: TaskLoader.FromFile(path); break;
                case Kind.Agents: AgentLoader.FromFile(path); break;
                default: PolicyLoader.FromFile(path); break;
            }
        }

        [Theory]
        // file-level and syntax
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\"}", "InvalidJson", null, 1, 14)]
        [InlineData(Kind.Tasks, "t.json", "[] []", "InvalidJson", null, 1, 4)]
        [InlineData(Kind.Tasks, "t.json", "", "EmptyInput", null, 0, 0)]
        [InlineData(Kind.Tasks, "t.json", "hello", "InvalidJson", null, 1, 1)]
        [InlineData(Kind.Tasks, "t.yaml", "- id: t1\n  priority: high\n - id: t2\n", "InvalidYaml", null, 3, 2)]
        [InlineData(Kind.Tasks, "t.yaml", "", "EmptyInput", null, 0, 0)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"id\": \"t2\"}]", "DuplicateKey", "id", 1, 15)]
        [InlineData(Kind.Tasks, "t.yaml", "- id: t1\n  id: t2\n", "DuplicateKey", "id", 2, 3)]
        // shape
        [InlineData(Kind.Tasks, "t.json", "{\"items\": []}", "InvalidDocumentShape", null, 1, 1)]
        [InlineData(Kind.Tasks, "t.json", "{\"tasks\": {\"id\": \"t1\"}}", "InvalidDocumentShape", "tasks", 1, 11)]
        [InlineData(Kind.Tasks, "t.json", "[null]", "NullItem", null, 1, 2)]
        [InlineData(Kind.Tasks, "t.json", "[\"t1\"]", "InvalidItem", null, 1, 2)]
        [InlineData(Kind.Policy, "p.json", "[]", "InvalidDocumentShape", null, 1, 1)]
        // ids
        [InlineData(Kind.Tasks, "t.json", "[{\"priority\": \"high\"}]", "MissingId", "id", 1, 2)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"\"}]", "MissingId", "id", 1, 9)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"   \"}]", "MissingId", "id", 1, 9)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": 7}]", "InvalidId", "id", 1, 9)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": {\"x\": 1}}]", "InvalidId", "id", 1, 9)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\"},\n {\"id\": \"t1\"}]", "DuplicateId", "id", 2, 9)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\"}, {\"id\": \"a\"}]", "DuplicateId", "id", 1, 22)]
        [InlineData(Kind.Agents, "a.yaml", "- weight: 1\n", "MissingId", "id", 1, 3)]
        // priority
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"priority\": \"urgent\"}]", "InvalidPriority", "priority", 1, 27)]
        [InlineData(Kind.Tasks, "t.json", "[{\"id\": \"t1\", \"priority\": 1}]", "InvalidPriority", "priority", 1, 27)]
        [InlineData(Kind.Tasks, "t.yaml", "- id: t1\n  priority: true\n", "InvalidPriority", "priority", 2, 13)]
        // weight
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": -1}]", "InvalidWeight", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": 1.5}]", "InvalidWeight", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": \"2\"}]", "InvalidWeight", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": 1e300}]", "InvalidWeight", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": 3000000000}]", "InvalidWeight", "weight", 1, 24)]
        [InlineData(Kind.Agents, "a.yaml", "- id: a\n  weight: .nan\n", "InvalidWeight", "weight", 2, 11)]
        [InlineData(Kind.Agents, "a.yaml", "- id: a\n  weight: .inf\n", "InvalidWeight", "weight", 2, 11)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"weight\": NaN}]", "InvalidJson", null, 1, 24)]
        // capacity
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"capacity\": -3}]", "InvalidCapacity", "capacity", 1, 26)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"capacity\": 2.5}]", "InvalidCapacity", "capacity", 1, 26)]
        [InlineData(Kind.Agents, "a.json", "[{\"id\": \"a\", \"capacity\": true}]", "InvalidCapacity", "capacity", 1, 26)]
        // policy
        [InlineData(Kind.Policy, "p.json", "{\"policy_id\": \"p\", \"max_skew_ratio\": 0.5}", "InvalidMaxSkewRatio", "max_skew_ratio", 1, 38)]
        [InlineData(Kind.Policy, "p.json", "{\"policy_id\": \"p\", \"max_skew_ratio\": \"2\"}", "InvalidMaxSkewRatio", "max_skew_ratio", 1, 38)]
        [InlineData(Kind.Policy, "p.yaml", "policy_id: p\nmax_skew_ratio: .inf\n", "InvalidMaxSkewRatio", "max_skew_ratio", 2, 17)]
        [InlineData(Kind.Policy, "p.json", "{\"policy_id\": \"p\", \"respect_priority\": \"yes\"}", "InvalidRespectPriority", "respect_priority", 1, 40)]
        [InlineData(Kind.Policy, "p.json", "{\"policy_id\": 3}", "InvalidId", "policy_id", 1, 15)]
        [InlineData(Kind.Policy, "p.json", "{\"policy_id\": \"\"}", "MissingId", "policy_id", 1, 15)]
        public void Each_rule_rejects_with_file_item_field_and_position(Kind kind, string file, string content, string errorId, string? field, int line, int col)
        {
            var ex = Fail(kind, file, content);
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(field, ex.Field);
            if (field != null) Assert.Contains("'" + field + "'", ex.Message);
            Assert.Equal(line, ex.Line);
            Assert.Equal(col, ex.Column);
        }

        [Fact]
        public void Item_errors_name_the_index_and_the_id()
        {
            var ex = Fail(Kind.Agents, "a.json", "[{\"id\": \"ok\"}, {\"id\": \"agent-b\", \"weight\": \"heavy\"}]");
            Assert.Equal("agents[1] (id 'agent-b')", ex.Item);
            Assert.Contains("agents[1] (id 'agent-b'), field 'weight': expected a whole number from 0 to 2147483647, got string \"heavy\"", ex.Message);
        }

        [Fact]
        public void File_errors_have_their_own_ids()
        {
            using var dir = new ScratchFolder();
            Assert.Equal("InputFileNotFound", Assert.Throws<FairnessInputException>(() => TaskLoader.FromFile(Path.Combine(dir.Path, "missing.json"))).ErrorId);
            Directory.CreateDirectory(Path.Combine(dir.Path, "folder.json"));
            Assert.Equal("InputPathIsDirectory", Assert.Throws<FairnessInputException>(() => TaskLoader.FromFile(Path.Combine(dir.Path, "folder.json"))).ErrorId);
            var txt = dir.Write("tasks.txt", "[]");
            Assert.Equal("UnsupportedInputFormat", Assert.Throws<FairnessInputException>(() => TaskLoader.FromFile(txt)).ErrorId);
            var big = dir.Write("big.json", "[" + new string(' ', 2000) + "]");
            Assert.Equal("InputTooLarge", Assert.Throws<FairnessInputException>(() => TaskLoader.FromFile(big, new InputLimits(maxFileBytes: 1000))).ErrorId);
        }

        [Fact]
        public void Deep_nesting_is_refused_not_overflowed()
        {
            var json = new string('[', 100_000) + new string(']', 100_000);
            Assert.Equal("InputTooDeep", Fail(Kind.Tasks, "deep.json", json).ErrorId);
            var yaml = new string('[', 100_000) + new string(']', 100_000);
            Assert.Equal("InputTooDeep", Fail(Kind.Tasks, "deep.yaml", yaml).ErrorId);
        }

        [Fact]
        public void Yaml_alias_bombs_hit_the_expansion_limit()
        {
            var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for (int i = 1; i < 9; i++) sb.Append("a" + i + ": &a" + i + " [" + string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 10)) + "]\n");
            sb.Append("tasks: [*a8]\n");
            Assert.Equal("AliasExpansionLimit", Fail(Kind.Tasks, "bomb.yaml", sb.ToString()).ErrorId);
        }

        [Fact]
        public void Encodings_with_and_without_bom_are_accepted_and_invalid_utf8_is_refused()
        {
            using var dir = new ScratchFolder();
            const string json = "[{\"id\": \"tâche-1\", \"priority\": \"HIGH\"}]";
            var plain = dir.WriteBytes("a.json", new UTF8Encoding(false).GetBytes(json));
            var bom = dir.WriteBytes("b.json", new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray());
            var utf16 = dir.WriteBytes("c.json", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(json)).ToArray());
            var utf16yaml = dir.WriteBytes("c.yaml", Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes("- id: tâche-1\n  priority: High\n")).ToArray());
            foreach (var p in new[] { plain, bom, utf16, utf16yaml })
            {
                var t = TaskLoader.FromFile(p).Single();
                Assert.Equal("tâche-1", t.Id);
                Assert.Equal("high", t.Priority);
            }
            var bad = dir.WriteBytes("bad.json", new byte[] { (byte)'[', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)']' });
            var ex = Assert.Throws<FairnessInputException>(() => TaskLoader.FromFile(bad));
            Assert.Equal("InvalidEncoding", ex.ErrorId);
        }

        [Fact]
        public void Defaults_and_nulls_and_wrappers()
        {
            using var dir = new ScratchFolder();
            var tasks = TaskLoader.FromFile(dir.Write("t.json", "{\"tasks\": [{\"id\": \"a\", \"extra\": {\"x\": [1]}}, {\"id\": \"b\", \"priority\": null}, {\"id\": \"c\", \"priority\": \" Low \"}]}"));
            Assert.Equal(new[] { "normal", "normal", "low" }, tasks.Select(t => t.Priority));
            var agents = AgentLoader.FromFile(dir.Write("a.yaml", "agents:\n  - id: x\n  - id: y\n    weight: 2.0\n    capacity: ~\n  - {id: z, weight: 0, capacity: 0}\n"));
            Assert.Equal(new[] { 1, 2, 0 }, agents.Select(a => a.Weight));
            Assert.Equal(new int?[] { null, null, 0 }, agents.Select(a => a.Capacity));
            var policy = PolicyLoader.FromFile(dir.Write("p.json", "{}"));
            Assert.Equal(FairnessPolicy.DefaultPolicyId, policy.PolicyId);
            Assert.True(policy.RespectPriority);
            Assert.Equal(2.0, policy.MaxSkewRatio);
            var wrapped = PolicyLoader.FromFile(dir.Write("p2.yaml", "policy:\n  policy_id: w\n  respect_priority: false\n"));
            Assert.Equal("w", wrapped.PolicyId);
            Assert.False(wrapped.RespectPriority);
            Assert.Empty(TaskLoader.FromFile(dir.Write("empty.json", "[]")));
        }

        [Fact]
        public void Untyped_sources_take_text_numbers_but_typed_files_do_not()
        {
            var item = InputValue.Object(new[]
            {
                new System.Collections.Generic.KeyValuePair<string, InputValue>("id", InputValue.String("a")),
                new System.Collections.Generic.KeyValuePair<string, InputValue>("weight", InputValue.String("3")),
                new System.Collections.Generic.KeyValuePair<string, InputValue>("capacity", InputValue.String("")),
            });
            var csv = new InputSource("Import-Csv rows", false, true);
            Assert.Null(AgentLoader.FromItems(new[] { item }, csv).Single().Capacity); // a blank CSV cell is "not given"
            var typed = Assert.Throws<FairnessInputException>(() => AgentLoader.FromItems(new[] { item }, new InputSource("f.json", true, false)));
            Assert.Equal("InvalidWeight", typed.ErrorId);
            var item2 = InputValue.Object(new[]
            {
                new System.Collections.Generic.KeyValuePair<string, InputValue>("id", InputValue.String("a")),
                new System.Collections.Generic.KeyValuePair<string, InputValue>("weight", InputValue.String("3")),
            });
            Assert.Equal(3, AgentLoader.FromItems(new[] { item2 }, csv).Single().Weight);
            Assert.Equal("InvalidWeight", Assert.Throws<FairnessInputException>(() => AgentLoader.FromItems(new[] { item2 }, new InputSource("f.json", true, false))).ErrorId);
        }
    }
}
