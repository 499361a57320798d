using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Input;
using FairnessGovernor.Model;
using FairnessGovernor.State;
using Xunit;
using Xunit.Abstractions;

namespace FairnessGovernor.Tests
{
    /// <summary>SPEC.md 7: state across runs and streaming.</summary>
    public sealed class StateTests
    {
        private readonly ITestOutputHelper _out;

        public StateTests(ITestOutputHelper output) => _out = output;

        private static FairTask[] Sample(int run = 0) => EvidenceTestRuns.Tasks().Select(t => new FairTask(t.Id + "-" + run, t.GetPriorityLevel())).ToArray();

        private static FairnessPolicy Policy(string strategy, bool priority = true) => new FairnessPolicy("p", priority, 2.0, strategy);

        public static IEnumerable<object[]> Strategies() => FairnessStrategies.All.Select(s => new object[] { s });

        [Theory]
        [MemberData(nameof(Strategies))]
        public void Spec_7_1_hundred_sample_runs_follow_the_weights_cumulatively(string strategy)
        {
            var state = GovernorState.Empty;
            for (int run = 0; run < 100; run++) Allocator.Allocate(Sample(run), EvidenceTestRuns.Agents(), Policy(strategy), null, state, out state);
            Assert.Equal(600, state.TotalTasks);
            Assert.Equal(100, state.Runs);
            Assert.Equal(new long[] { 150, 300, 150 }, state.Agents.Select(a => a.Count).ToArray());
            // Without state every run restarts: 200, 300, 100 for the rotation.
        }

        [Theory]
        [MemberData(nameof(Strategies))]
        public void Spec_7_2_consecutive_runs_decide_as_one_batch(string strategy)
        {
            var rng = new Random(7);
            var agents = new[] { new FairAgent("a", 3), new FairAgent("b", 1), new FairAgent("c", 5), new FairAgent("d", 2) };
            var all = Enumerable.Range(0, 500).Select(i => new FairTask("t" + i)).ToArray();
            var policy = Policy(strategy, priority: false);
            var whole = Allocator.Allocate(all, agents, policy).Decisions().Select(d => d.AgentId).ToList();
            Assert.Equal(whole, DecideInPieces(all, agents, policy, rng, 40));
        }

        /// <summary>
        /// The agents chosen when <paramref name="all"/> is decided in consecutive runs of 0 to
        /// <paramref name="maxPiece"/> - 1 tasks, the state carried through its file format between runs.
        /// </summary>
        internal static List<string?> DecideInPieces(FairTask[] all, FairAgent[] agents, FairnessPolicy policy, Random rng, int maxPiece)
        {
            var state = GovernorState.Empty;
            var pieces = new List<string?>();
            int at = 0;
            while (at < all.Length)
            {
                int size = Math.Min(all.Length - at, rng.Next(0, maxPiece));
                var r = Allocator.Allocate(all.Skip(at).Take(size).ToArray(), agents, policy, null, state, out state);
                pieces.AddRange(r.Decisions().Select(d => d.AgentId));
                at += size;
                state = GovernorStateSerializer.Read(System.Text.Encoding.UTF8.GetBytes(GovernorStateSerializer.ToJson(state)), "mem");
            }
            return pieces;
        }

        [Theory]
        [MemberData(nameof(Strategies))]
        public void Spec_7_6_a_stream_decides_as_a_batch_in_arrival_order(string strategy)
        {
            var agents = new[] { new FairAgent("a", 3), new FairAgent("b", 1, 40), new FairAgent("c", 5), new FairAgent("d", 2) };
            var all = Enumerable.Range(0, 300).Select(i => new FairTask("t" + i, (TaskPriority)(i % 3), i % 4 == 0 ? "g" : null, 1 + i % 3, i % 7)).ToArray();
            var policy = new FairnessPolicy("p", false, 2.0, strategy, null, new Dictionary<string, int> { ["g"] = 30 });
            var batch = Allocator.Allocate(all, agents, policy);
            var stream = new AllocationStream(agents, policy);
            var decisions = all.SelectMany(t => stream.Add(t)).ToList();
            decisions.AddRange(stream.Complete());
            Assert.Equal(batch.Decisions().Select(d => (d.Sequence, d.TaskId, d.AgentId, d.Reason, d.Bypassed, d.Wait)),
                decisions.Select(d => (d.Sequence, d.TaskId, d.AgentId, d.Reason, d.Bypassed, d.Wait)));
            var entry = EvidenceEntry.For(batch, DateTime.UtcNow);
            var streamed = EvidenceEntry.For(stream, DateTime.UtcNow);
            Assert.Equal(entry.TasksDigest, streamed.TasksDigest);
            Assert.Equal(entry.DecisionsDigest, streamed.DecisionsDigest);
            Assert.Equal(entry.AgentsDigest, streamed.AgentsDigest);
            Assert.Equal(entry.SkewRatio, streamed.SkewRatio);
            Assert.Equal(entry.AssignedCount, streamed.AssignedCount);
        }

        [Fact]
        public void Spec_7_6_window_orders_by_priority_within_the_window_and_max_bypass_holds()
        {
            var agents = new[] { new FairAgent("a") };
            var tasks = new[] { new FairTask("t1", TaskPriority.Low), new FairTask("t2", TaskPriority.High), new FairTask("t3", TaskPriority.High), new FairTask("t4", TaskPriority.High), new FairTask("t5") };
            string Run(int window, int? bypass)
            {
                var s = new AllocationStream(agents, new FairnessPolicy("p", true, 2.0, FairnessStrategies.WeightedRoundRobin, bypass), new AllocationStreamOptions { WindowSize = window });
                var list = tasks.SelectMany(t => s.Add(t)).ToList();
                list.AddRange(s.Complete());
                return string.Join(" ", list.Select(d => d.TaskId + ":" + d.Bypassed));
            }
            Assert.Equal("t1:0 t2:0 t3:0 t4:0 t5:0", Run(1, null));
            Assert.Equal("t2:0 t3:0 t4:0 t5:0 t1:4", Run(3, null)); // t1 waits while higher tasks keep arriving
            Assert.Equal("t2:0 t3:0 t4:0 t5:0 t1:4", Run(5, null)); // the whole batch: as Allocator
            Assert.Equal("t2:0 t3:0 t1:2 t4:0 t5:0", Run(5, 2));   // as SPEC 6.2's example
        }

        [Fact]
        public void Spec_7_6_stream_refuses_a_repeated_task_id_before_deciding_it()
        {
            var agents = new[] { new FairAgent("a", 1), new FairAgent("b", 2) };
            var policy = new FairnessPolicy("p", true, 2.0);
            var stream = new AllocationStream(agents, policy, new AllocationStreamOptions { WindowSize = 3 }, GovernorState.Empty);
            Assert.Empty(stream.Add(new FairTask("t1")));
            Assert.Empty(stream.Add(new FairTask("t2", TaskPriority.High)));
            var ex = Assert.Throws<FairnessInputException>(() => stream.Add(new FairTask("t1", TaskPriority.High)));
            Assert.Equal("DuplicateId", ex.ErrorId);
            Assert.Equal("the stream's tasks", ex.SourceName);
            Assert.Equal("tasks[2] (id 't1')", ex.Item);
            Assert.Equal("id", ex.Field);
            Assert.Equal("the stream's tasks: tasks[2] (id 't1'), field 'id': the id is already used by tasks[0] of this stream; task ids must be unique within a stream.", ex.Message);
            // Refused on arrival, before it entered the window: nothing was decided, counted or hashed.
            Assert.Equal(2, stream.TaskCount);
            Assert.Equal(0, stream.DecisionCount);
            // Ordinal, as batch ids: other spellings are other ids. The stream goes on as if the duplicate never came.
            var rest = new List<AllocationDecision>();
            foreach (var id in new[] { "T1", "t1 ", "t3" }) rest.AddRange(stream.Add(new FairTask(id)));
            rest.AddRange(stream.Complete());
            Assert.Equal(new[] { "t2", "t1", "T1", "t1 ", "t3" }, rest.Select(d => d.TaskId));
            var clean = new AllocationStream(agents, policy, new AllocationStreamOptions { WindowSize = 3 }, GovernorState.Empty);
            var expected = new[] { new FairTask("t1"), new FairTask("t2", TaskPriority.High), new FairTask("T1"), new FairTask("t1 "), new FairTask("t3") }
                .SelectMany(t => clean.Add(t)).ToList();
            expected.AddRange(clean.Complete());
            Assert.Equal(expected.Select(d => (d.TaskId, d.AgentId)), rest.Select(d => (d.TaskId, d.AgentId)));
            Assert.Equal(clean.TasksDigest, stream.TasksDigest);
            Assert.Equal(clean.DecisionsDigest, stream.DecisionsDigest);
            Assert.Equal(5, stream.NextState!.TotalTasks);
            // A repeat is refused however far back the first one came, and in a window of 1.
            var one = new AllocationStream(agents, policy);
            for (int i = 0; i < 1000; i++) Assert.Single(one.Add(new FairTask("x" + i)));
            Assert.Equal("tasks[1000] (id 'x0')", Assert.Throws<FairnessInputException>(() => one.Add(new FairTask("x0"))).Item);
            Assert.Equal(1000, one.DecisionCount);
        }

        [Fact]
        public void Spec_7_6_stream_refuses_max_share()
        {
            var ex = Assert.Throws<FairnessInputException>(() => new AllocationStream(new[] { new FairAgent("a", 1, null, 0.5) }, FairnessPolicy.Default));
            Assert.Equal("InvalidMaxShare", ex.ErrorId);
        }

        [Fact]
        public void Spec_7_3_agents_added_and_removed_keep_their_counts_and_the_pointer_moves_on()
        {
            var state = GovernorState.Empty;
            var abc = EvidenceTestRuns.Agents();
            Allocator.Allocate(Sample(), abc, Policy(FairnessStrategies.WeightedRoundRobin, false), null, state, out state);
            Assert.Equal("agent-b", state.PointerAgent);
            Assert.Equal(1, state.PointerSlot);
            // agent-b leaves: the pointer goes to the next carried agent present (agent-c); b keeps its count.
            var r = Allocator.Allocate(new[] { new FairTask("x") }, new[] { abc[0], abc[2], new FairAgent("agent-d", 1) }, Policy(FairnessStrategies.WeightedRoundRobin, false), null, state, out var next);
            Assert.Equal("agent-c", r.GetDecision(0).AgentId);
            Assert.Equal(new[] { "agent-a", "agent-c", "agent-d", "agent-b" }, next.Agents.Select(a => a.Id));
            Assert.Equal(new long[] { 2, 2, 0, 3 }, next.Agents.Select(a => a.Count));
        }

        [Fact]
        public void Spec_7_4_foreign_corrupt_and_future_files_are_errors_and_stay_unchanged()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "state.json");
            foreach (var (text, id) in new[] { ("{\"tasks\": []}", "InvalidStateFile"), ("not json", "InvalidStateFile"), ("", "InvalidStateFile"),
                         ("{\"format\": \"fairness-governor-state\", \"version\": 3}", "UnsupportedStateVersion"),
                         ("{\"format\": \"fairness-governor-state\", \"version\": 1, \"strategy\": null, \"runs\": 1}", "InvalidStateFile") })
            {
                File.WriteAllText(path, text);
                var ex = Assert.Throws<GovernorStateException>(() => GovernorStateFile.Update(path, s => s));
                Assert.Equal(id, ex.ErrorId);
                Assert.Equal(text, File.ReadAllText(path));
            }
        }

        [Fact]
        public void Spec_7_5_a_failed_update_leaves_the_state_unchanged()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "state.json");
            GovernorStateFile.Update(path, s => { Allocator.Allocate(Sample(), EvidenceTestRuns.Agents(), FairnessPolicy.Default, null, s, out var n); return n; });
            var before = File.ReadAllText(path);
            Assert.Throws<InvalidOperationException>(() => GovernorStateFile.Update(path, s => throw new InvalidOperationException("boom")));
            Assert.Equal(before, File.ReadAllText(path));
            Assert.Equal(6, GovernorStateFile.Load(path).TotalTasks);
            GovernorStateFile.Reset(path);
            Assert.Equal(0, GovernorStateFile.Load(path).TotalTasks);
        }

        [Fact]
        public void Spec_7_8_governor_keeps_state_across_calls_and_streams()
        {
            var g = new Governor();
            for (int i = 0; i < 50; i++) g.Allocate(Sample(i), EvidenceTestRuns.Agents(), FairnessPolicy.Default);
            var s = g.OpenStream(EvidenceTestRuns.Agents(), FairnessPolicy.Default);
            foreach (var t in Enumerable.Range(0, 300).Select(i => new FairTask("s" + i))) s.Add(t);
            s.Complete();
            g.Commit(s);
            Assert.Equal(600, g.TotalTasks);
            Assert.Equal(new long[] { 150, 300, 150 }, g.State.Agents.Select(a => a.Count));
            var report = new GovernorStateReport(g.State, null);
            Assert.Equal(new[] { 150.0, 300.0, 150.0 }, report.Agents.Select(a => a.Entitlement));
            Assert.All(report.Agents, a => Assert.Equal(0.0, a.Lag));
        }

        [Fact]
        public void Spec_7_5_four_processes_making_25_stateful_runs_each_leave_600_tasks()
        {
            using var dir = new ScratchFolder();
            var path = Path.Combine(dir.Path, "shared-state.json");
            var dll = EvidenceTestRuns.WriterDll();
            var barrier = Directory.CreateDirectory(Path.Combine(dir.Path, "barrier")).FullName;
            var processes = Enumerable.Range(1, 4).Select(i =>
            {
                var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { dll, "state", path, "25", "w" + i, barrier }) psi.ArgumentList.Add(a);
                return Process.Start(psi)!;
            }).ToArray();
            var ready = Stopwatch.StartNew();
            while (Directory.GetFiles(barrier, "ready-*").Length < 4 && ready.Elapsed < TimeSpan.FromSeconds(60) && !processes.Any(p => p.HasExited)) System.Threading.Thread.Sleep(5);
            File.WriteAllText(Path.Combine(barrier, "go"), "");
            foreach (var p in processes)
            {
                Assert.True(p.WaitForExit(120_000), "a process did not finish");
                var err = p.StandardError.ReadToEnd();
                _out.WriteLine(p.StandardOutput.ReadToEnd().Trim() + err);
                Assert.True(p.ExitCode == 0, err);
            }
            var state = GovernorStateFile.Load(path);
            Assert.Equal(600, state.TotalTasks);
            Assert.Equal(100, state.Runs);
            Assert.Equal(new long[] { 150, 300, 150 }, state.Agents.Select(a => a.Count));
            Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        }
    }
}
