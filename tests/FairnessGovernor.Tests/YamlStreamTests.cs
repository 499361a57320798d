using System;
using System.IO;
using System.Linq;
using FairnessGovernor.Input;
using Xunit;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// YAML task files whose root is a sequence are read item by item (TaskLoader's streaming path, SPEC.md 1):
    /// the tasks, and every error with its id, place and text, must equal the general path's (the whole document
    /// parsed first, then checked).
    /// </summary>
    public sealed class YamlStreamTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "fg-yaml-stream-" + Guid.NewGuid().ToString("N"));

        public YamlStreamTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        [Theory]
        [InlineData("- id: t1\n  priority: high\n- id: t2\n- {id: t3, priority: low, group: g}\n")]
        [InlineData("# tasks\n- id: 't1'\n  duration: 2.5\n  arrival: 0x10\n- id: \"t2\"\n  priority: ~\n  group: null\n")]
        [InlineData("- &first\n  id: t1\n  priority: normal\n- id: t2\n  priority: *p\n")] // alias to a missing anchor: InvalidYaml
        [InlineData("- id: t1\n  priority: &p low\n- id: t2\n  priority: *p\n")]
        [InlineData("tasks:\n  - id: t1\n  - id: t2\n")] // a mapping root: the general path
        [InlineData("--- \n- id: t1\n...\n")]
        [InlineData("- id: t1\n- id: t1\n")] // DuplicateId
        [InlineData("- id: t1\n  priority: urgent\n- id: t2\n  : bad\n  [x\n")] // a bad item, then a syntax error: the syntax error wins
        [InlineData("- id: t1\n  priority: urgent\n- id: t2\n")]
        [InlineData("- id: t1\n- id: [t2]\n")]
        [InlineData("- id: t1\n---\n- id: t2\n")] // two documents
        [InlineData("- id: t1\n  id: t2\n")] // DuplicateKey
        [InlineData("- - - - id: t1\n")]
        [InlineData("[]\n")]
        [InlineData("- id: t1\n- 42\n")]
        [InlineData("&root\n- id: t1\n")]
        public void Streaming_equals_the_general_path(string yaml)
        {
            foreach (var limits in new[] { InputLimits.Default, new InputLimits(maxDepth: 2), new InputLimits(maxDepth: 1) })
            {
                var path = Path.Combine(_dir, "t.yaml");
                File.WriteAllText(path, yaml);
                var fast = Run(() => TaskLoader.FromFile(path, limits));
                var general = Run(() => TaskLoader.FromDocument(InputFile.Read(path, limits), new InputSource(path, true, false), limits));
                Assert.Equal(general, fast);
            }
        }

        [Theory]
        [InlineData("- id: t1\n  priority: high\n- id: t2\n- {id: t3, priority: low, group: g}\n", 3)]
        [InlineData("- id: t1\n  priority: &p low\n- id: t2\n  priority: *p\n", 2)]
        [InlineData("[]\n", 0)]
        public void A_plain_sequence_is_streamed(string yaml, int count)
        {
            var path = Path.Combine(_dir, "s.yaml");
            File.WriteAllText(path, yaml);
            Assert.Equal(count, TaskLoader.TryYamlStream(path, InputLimits.Default)!.Count);
            Assert.Null(TaskLoader.TryYamlStream(Path.Combine(_dir, "missing.yaml"), InputLimits.Default));
        }

        private static string Run(Func<System.Collections.Generic.IReadOnlyList<Model.FairTask>> load)
        {
            try
            {
                return string.Join("|", load().Select(t => t.Id + "," + t.Priority + "," + t.Group + "," + t.Duration + "," + t.Arrival));
            }
            catch (FairnessInputException ex)
            {
                return "error " + ex.ErrorId + " " + ex.Item + " " + ex.Field + " " + ex.Line + ":" + ex.Column + " " + ex.Message;
            }
        }
    }
}
