using System.Linq;
using System.Text;
using FairnessGovernor.Allocation;
using FairnessGovernor.Input;
using FairnessGovernor.Model;
using FairnessGovernor.Output;
using Xunit;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// JSON task files load into a compact store; every result made from it must equal the one made from the same
    /// tasks as plain <see cref="FairTask"/> objects (documents byte for byte, decisions, run ids, waits).
    /// </summary>
    public class TaskStoreTests
    {
        private const string Tasks = "[\n" +
            "{\"id\": \"t1\", \"priority\": \"high\"},\n" +
            "{\"id\": \"t\\\"2\\\\\", \"priority\": \"low\", \"group\": \"g\"},\n" +
            "{\"id\": \"t\\u00e93 <&>\", \"duration\": 2.5, \"arrival\": -0.0},\n" +
            "{\"id\": \"t\\u00014\", \"priority\": \" Normal \", \"arrival\": 3},\n" +
            "{\"id\": \"  t5\", \"group\": \"g\", \"duration\": 1.0},\n" +
            "{\"id\": \"t6\"}\n]";

        [Theory]
        [InlineData("weighted_round_robin")]
        [InlineData("smooth_weighted_round_robin")]
        [InlineData("lag_bounded")]
        public void StoreAndObjectsGiveTheSameResults(string strategy)
        {
            using var dir = new ScratchFolder();
            var loaded = TaskLoader.FromFile(dir.Write("tasks.json", Tasks));
            var copies = loaded.Select(t => new FairTask(t.Id, t.GetPriorityLevel(), t.Group, t.Duration, t.Arrival)).ToArray();
            Assert.IsType<TaskStore>(loaded); // the fast path took the file
            var columns = TaskColumns.Of(loaded);
            Assert.NotNull(columns); // read as columns by the allocator, digests, metrics and output
            Assert.Null(TaskColumns.Of(copies));
            for (int i = 0; i < copies.Length; i++)
            {
                Assert.Equal((copies[i].Id, copies[i].Level, copies[i].Group, copies[i].Duration, copies[i].Arrival),
                    (columns!.Id(i), columns.Level(i), columns.Group(i), columns.Duration(i), columns.Arrival(i)));
                Assert.Equal(Encoding.UTF8.GetBytes(copies[i].Id), columns.IdUtf8(i).ToArray());
            }
            Assert.Equal(6, loaded.Count);
            Assert.Same(loaded[2], loaded[2]);
            Assert.Equal("t\u00e93 <&>", loaded[2].Id);
            var agents = new[] { new FairAgent("a1", 2, 2), new FairAgent("a\"2", 1) };
            var policy = new FairnessPolicy("p", true, 2.0, strategy, null, new[] { new System.Collections.Generic.KeyValuePair<string, int>("g", 1) });
            foreach (var explain in new[] { false, true })
            {
                var options = new AllocationOptions { Explain = explain };
                var a = Allocator.Allocate(loaded, agents, policy, options);
                var b = Allocator.Allocate(copies, agents, policy, options);
                var metrics = FairnessGovernor.Metrics.AllocationMetrics.Of(b);
                Assert.Equal(AllocationDocument.ToText(b, metrics), AllocationDocument.ToText(a, metrics));
                Assert.Equal(a.RunId, b.RunId);
                for (int k = 0; k < a.Count; k++)
                {
                    var x = a.GetDecision(k);
                    var y = b.GetDecision(k);
                    Assert.Equal((y.TaskId, y.AgentId, y.Priority, y.Group, y.Reason, y.Wait, y.Bypassed), (x.TaskId, x.AgentId, x.Priority, x.Group, x.Reason, x.Wait, x.Bypassed));
                    Assert.Equal(y.Skipped, x.Skipped);
                }
            }
        }
    
        [Theory]
        [InlineData(new[] { "a", "b", "c", "b" }, 3, 1)]
        [InlineData(new[] { "z", "y", "x", "y" }, 3, 1)]
        [InlineData(new[] { "c", "a", "c" }, 2, 0)]
        public void DuplicateIdsAreReportedWhateverTheOrder(string[] ids, int at, int first)
        {
            using var dir = new ScratchFolder();
            var path = dir.Write("dup.json", "[" + string.Join(",", ids.Select(i => "{\"id\": \"" + i + "\"}")) + "]");
            var ex = Assert.Throws<FairnessInputException>(() => TaskLoader.FromFile(path));
            Assert.Equal("DuplicateId", ex.ErrorId);
            Assert.Contains("tasks[" + at + "]", ex.Message);
            Assert.Contains("tasks[" + first + "]", ex.Message);
        }
    }
}
