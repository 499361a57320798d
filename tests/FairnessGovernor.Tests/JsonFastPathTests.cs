using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FairnessGovernor.Input;
using FairnessGovernor.Model;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// The streaming JSON fast path (JsonItemStream, issue 8) gives exactly what the general path
    /// (InputFile + JsonDocumentReader + the loaders) gives: the same tasks and agents, or the same error
    /// (id, message, line, column), because it hands every unusual file to the general path.
    /// </summary>
    public sealed class JsonFastPathTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "fg-fast-" + Guid.NewGuid().ToString("N"));

        public JsonFastPathTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private string Write(string text, bool bom = false, string name = "in.json")
        {
            var path = Path.Combine(_dir, name);
            var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private static string Describe<T>(Func<IReadOnlyList<T>> load, Func<T, string> show)
        {
            try { return string.Join("\n", load().Select(show)); }
            catch (FairnessInputException ex) { return "ERROR " + ex.ErrorId + " " + ex.Line + ":" + ex.Column + " " + ex.Message; }
        }

        private static string ShowTask(FairTask t) => t.Id + "|" + t.Priority + "|" + (t.Group ?? "<null>") + "|" + t.Duration.ToString("R") + "|" + t.Arrival.ToString("R");

        private static string ShowAgent(FairAgent a) => a.Id + "|" + a.Weight + "|" + (a.Capacity?.ToString() ?? "<null>") + "|" + (a.MaxShare?.ToString("R") ?? "<null>");

        private static void SameTasks(string path)
        {
            var general = Describe(() => TaskLoader.FromDocument(InputFile.Read(path), new InputSource(path, true, false)), ShowTask);
            Assert.Equal(general, Describe(() => TaskLoader.FromFile(path), ShowTask));
        }

        private static void SameAgents(string path)
        {
            var general = Describe(() => AgentLoader.FromDocument(InputFile.Read(path), new InputSource(path, true, false)), ShowAgent);
            Assert.Equal(general, Describe(() => AgentLoader.FromFile(path), ShowAgent));
        }

        [Theory]
        [InlineData("[{\"id\":\"t1\"},{\"id\":\"t2\",\"priority\":\"high\"}]", true)]
        [InlineData("{\"tasks\":[{\"id\":\"t1\",\"priority\":\"low\"}]}", true)]
        [InlineData("[\n  { \"id\": \"t1\", \"priority\": \" HIGH \", \"group\": \"g\", \"duration\": 2.5, \"arrival\": 1e2 }\n]\n", true)]
        [InlineData("[{\"id\":\"t\\u0031\",\"priority\":null,\"group\":null,\"duration\":null,\"arrival\":null}]", true)]
        [InlineData("[]", true)]
        [InlineData("{\"tasks\":[]}", true)]
        [InlineData("[{\"id\":\"t1\",\"extra\":1}]", false)]
        [InlineData("{\"note\":\"x\",\"tasks\":[{\"id\":\"t1\"}]}", false)]
        [InlineData("[{\"id\":\"t\u00e9\"}]", false)]
        [InlineData("[{\"id\":\"t1\"},{\"id\":\"t1\"}]", false)]
        [InlineData("[{\"id\":\"t1\",\"id\":\"t2\"}]", false)]
        [InlineData("[{\"priority\":\"high\"}]", false)]
        [InlineData("[{\"id\":\"  \"}]", false)]
        [InlineData("[{\"id\":null}]", false)]
        [InlineData("[{\"id\":5}]", false)]
        [InlineData("[{\"id\":\"t1\",\"priority\":\"urgent\"}]", false)]
        [InlineData("[{\"id\":\"t1\",\"priority\":1}]", false)]
        [InlineData("[{\"id\":\"t1\",\"group\":\" \"}]", false)]
        [InlineData("[{\"id\":\"t1\",\"duration\":0}]", false)]
        [InlineData("[{\"id\":\"t1\",\"duration\":\"2\"}]", false)]
        [InlineData("[{\"id\":\"t1\",\"arrival\":-1}]", false)]
        [InlineData("[{\"id\":\"t1\",\"arrival\":1e999}]", false)]
        [InlineData("[{\"id\":\"t1\",\"group\":{\"a\":1}}]", false)]
        [InlineData("[{\"id\":\"t1\"}] x", false)]
        [InlineData("[{\"id\":\"t1\"},]", false)]
        [InlineData("[{\"id\":\"t1\"}", false)]
        [InlineData("[null]", false)]
        [InlineData("[1]", false)]
        [InlineData("", false)]
        [InlineData("  \n", false)]
        [InlineData("{\"tasks\":5}", false)]
        [InlineData("\"x\"", false)]
        [InlineData("[{\"id\":\"t\\ud800\"}]", false)]
        public void Tasks_match_the_general_path(string json, bool fast)
        {
            var path = Write(json);
            SameTasks(path);
            Assert.Equal(fast, JsonItemStream.TryTasks(path, InputLimits.Default) != null);
            SameTasks(Write(json, bom: true, name: "bom.json"));
        }

        [Theory]
        [InlineData("[{\"id\":\"a\"},{\"id\":\"b\",\"weight\":2,\"capacity\":10,\"max_share\":0.5}]", true)]
        [InlineData("{\"agents\":[{\"id\":\"a\",\"weight\":2.0,\"capacity\":1e2,\"max_share\":1}]}", true)]
        [InlineData("[{\"id\":\"a\",\"weight\":0,\"capacity\":null,\"max_share\":null},{\"id\":\"b\",\"weight\":2147483647,\"capacity\":-0}]", true)]
        [InlineData("[{\"id\":\"a\",\"weight\":-1}]", false)]
        [InlineData("[{\"id\":\"a\",\"weight\":1.5}]", false)]
        [InlineData("[{\"id\":\"a\",\"weight\":2147483648}]", false)]
        [InlineData("[{\"id\":\"a\",\"weight\":1e300}]", false)]
        [InlineData("[{\"id\":\"a\",\"weight\":\"2\"}]", false)]
        [InlineData("[{\"id\":\"a\",\"capacity\":true}]", false)]
        [InlineData("[{\"id\":\"a\",\"max_share\":1.5}]", false)]
        [InlineData("[{\"id\":\"a\"},{\"id\":\"a\"}]", false)]
        [InlineData("[{\"id\":\"a\",\"tags\":[1]}]", false)]
        public void Agents_match_the_general_path(string json, bool fast)
        {
            var path = Write(json);
            SameAgents(path);
            Assert.Equal(fast, JsonItemStream.TryAgents(path, InputLimits.Default) != null);
        }

        [Fact]
        public void Large_files_stream_across_chunk_boundaries()
        {
            // ~3.5 MB: items straddle the 1 MiB chunks; one item has a long group to shift the boundaries.
            var sb = new StringBuilder("{\"tasks\": [\n");
            for (int i = 0; i < 60_000; i++)
            {
                if (i > 0) sb.Append(",\n");
                sb.Append("  {\"id\": \"task-").Append(i).Append("\", \"priority\": \"").Append(i % 3 == 0 ? "high" : i % 3 == 1 ? "normal" : "Low").Append('"');
                if (i % 7 == 0) sb.Append(", \"duration\": ").Append(i % 5 + 1).Append(".25");
                if (i == 12_345) sb.Append(", \"group\": \"").Append('g', 900).Append('"');
                sb.Append('}');
            }
            sb.Append("\n]}\n");
            var path = Write(sb.ToString());
            Assert.NotNull(JsonItemStream.TryTasks(path, InputLimits.Default));
            SameTasks(path);

            // The same file with a duplicate id near the end: the general path's error, line and column.
            var dup = Write(sb.ToString().Replace("\"task-59990\"", "\"task-17\""), name: "dup.json");
            SameTasks(dup);
        }

        [Fact]
        public void Limits_are_the_general_paths()
        {
            var path = Write("[{\"id\":\"abcdef\"}]");
            var shortIds = new InputLimits(maxIdLength: 3);
            Assert.Null(JsonItemStream.TryTasks(path, shortIds));
            var ex = Assert.Throws<FairnessInputException>(() => TaskLoader.FromFile(path, shortIds));
            Assert.Equal("InvalidId", ex.ErrorId);
            Assert.Equal("InputTooLarge", Assert.Throws<FairnessInputException>(() => TaskLoader.FromFile(path, new InputLimits(maxFileBytes: 4))).ErrorId);
            Assert.Equal("InputTooDeep", Assert.Throws<FairnessInputException>(() => TaskLoader.FromFile(path, new InputLimits(maxDepth: 1))).ErrorId);
        }
    }
}
