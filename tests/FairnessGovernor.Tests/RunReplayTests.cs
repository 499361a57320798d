using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Input;
using FairnessGovernor.Model;
using FairnessGovernor.State;
using Xunit;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// SPEC.md 5.1, 5.8, 7.7, 7.10: what an evidence line records of a stateful or streamed run, and its replay (issue 22
    /// item 2); files written by 0.1.0 still verify and replay (issue 19, "old formats still work").
    /// </summary>
    public sealed class RunReplayTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private static IReadOnlyList<FairTask> FixtureTasks() => TaskLoader.FromFile(TestPaths.Fixture("tasks.json"));

        private static IReadOnlyList<FairAgent> FixtureAgents() => AgentLoader.FromFile(TestPaths.Fixture("agents.json"));

        private static FairnessPolicy FixturePolicy(string name) => PolicyLoader.FromFile(TestPaths.Fixture(name));

        private static EvidenceEntry Line(string path, int number) => EvidenceLog.Read(path).Single(e => e.LineNumber == number);

        /// <summary>A copy of the 0.1.0 log in a scratch folder (verifying takes the log's sidecar lock, which must not land in the repository).</summary>
        private static string Release010Log(ScratchFolder dir)
        {
            var path = Path.Combine(dir.Path, "evidence.jsonl");
            File.Copy(TestPaths.Release010("evidence.jsonl"), path);
            return path;
        }

        [Fact]
        public void Release_0_1_0_evidence_verifies_and_its_input_digests_are_this_versions()
        {
            using var dir = new ScratchFolder();
            var path = Release010Log(dir);
            var verified = EvidenceVerifier.Verify(path);
            Assert.True(verified.IsValid, verified.Reason);
            Assert.Equal(4, verified.ChainedCount);
            var one = Line(path, 1);
            Assert.Equal(CanonicalInput.TasksDigest(FixtureTasks()), one.TasksDigest);
            Assert.Equal(CanonicalInput.AgentsDigest(FixtureAgents()), one.AgentsDigest);
            Assert.Equal(CanonicalInput.PolicyDigest(FixturePolicy("policy.json")), one.PolicyDigest);
            Assert.Equal(CanonicalInput.PolicyDigest(FixturePolicy("policy_lag_bounded.yaml")), Line(path, 2).PolicyDigest);
            Assert.All(EvidenceLog.Read(path), e => Assert.Null(e.Run));
        }

        [Fact]
        public void Release_0_1_0_lines_replay_and_a_stateful_or_streamed_one_cannot_be_replayed_never_mismatches()
        {
            using var dir = new ScratchFolder();
            var path = Release010Log(dir);
            var one = EvidenceReplay.Replay(Line(path, 1), FixtureTasks(), FixtureAgents(), FixturePolicy("policy.json"));
            Assert.True(one.IsMatch, one.ToString());
            Assert.Equal("Match", one.Status);
            // The first run on a new state file decided as a run on its own would: it replays.
            Assert.True(EvidenceReplay.Replay(Line(path, 2), FixtureTasks(), FixtureAgents(), FixturePolicy("policy_lag_bounded.yaml")).IsMatch);
            foreach (var (n, policy) in new[] { (3, "policy_lag_bounded.yaml"), (4, "policy.json") })
            {
                var r = EvidenceReplay.Replay(Line(path, n), FixtureTasks(), FixtureAgents(), FixturePolicy(policy));
                Assert.False(r.IsMatch);
                Assert.Equal("CannotReplay", r.Status);
                Assert.StartsWith("cannot replay: the run continued a state", r.CannotReplay);
                Assert.Empty(r.Mismatches);
                Assert.False(r.DecisionsMatch);
            }
            // Wrong inputs are still a mismatch, not "cannot replay".
            var wrong = EvidenceReplay.Replay(Line(path, 3), FixtureTasks(), FixtureAgents().Take(2).ToArray(), FixturePolicy("policy_lag_bounded.yaml"));
            Assert.Equal("Mismatch", wrong.Status);
            Assert.Contains("agents_digest", wrong.Mismatches);
        }

        [Fact]
        public void Release_0_1_0_state_file_continues_as_0_1_0_would()
        {
            // 0.1.0 left this state after two runs; a third run continues its lag_bounded epoch.
            var state = GovernorStateSerializer.Read(File.ReadAllText(TestPaths.Release010("state-v1.json")), "state-v1.json");
            Assert.Equal(2, state.Runs);
            Assert.Equal(12, state.Step);
            var policy = FixturePolicy("policy_lag_bounded.yaml");
            var tasks = FixtureTasks();
            Allocator.Allocate(tasks, FixtureAgents(), policy, null, state, T0, out var next);
            Assert.Equal(18, next.TotalTasks);
            Assert.Equal(3, next.Runs);
        }

        [Fact]
        public void Issue_22_two_stateful_runs_log_lines_that_replay_exactly_and_have_different_run_ids()
        {
            using var dir = new ScratchFolder();
            var log = Path.Combine(dir.Path, "ev.jsonl");
            var policy = FixturePolicy("policy_lag_bounded.yaml");
            var state = GovernorState.Empty;
            var runIds = new List<string>();
            for (int run = 0; run < 2; run++)
            {
                var r = Allocator.Allocate(FixtureTasks(), FixtureAgents(), policy, null, state, T0.AddMinutes(run), out state);
                runIds.Add(r.RunId);
                var entry = EvidenceLog.Append(log, EvidenceEntry.For(r, T0));
                Assert.Equal(EvidenceRun.BatchMode, entry.Run!.Mode);
            }
            Assert.NotEqual(runIds[0], runIds[1]);
            Assert.True(EvidenceVerifier.Verify(log).IsValid);
            var two = Line(log, 2);
            Assert.Equal(T0.AddMinutes(1), two.Run!.AsOf);
            Assert.Equal(64, two.Run.StateDigest!.Length);
            var replay = EvidenceReplay.Replay(two, FixtureTasks(), FixtureAgents(), policy);
            Assert.True(replay.IsMatch, replay.ToString());
            // A run on its own keeps its 0.1.0 run id: the three input digests only.
            var alone = Allocator.Allocate(FixtureTasks(), FixtureAgents(), policy);
            Assert.Equal(CanonicalInput.Digest(FixtureTasks(), FixtureAgents(), policy).Substring(0, 16), alone.RunId);
            Assert.Null(EvidenceEntry.For(alone, T0).Run);
        }

        [Fact]
        public void Issue_22_fair_share_runs_with_decay_replay_at_their_recorded_time()
        {
            using var dir = new ScratchFolder();
            var log = Path.Combine(dir.Path, "ev.jsonl");
            var policy = new FairnessPolicy("fs", false, 2.0, FairnessStrategies.FairShare, null, null, TimeSpan.FromHours(1), null);
            var shorted = new[] { new FairAgent("a", 1), new FairAgent("b", 1, 100) };
            var open = new[] { new FairAgent("a", 1), new FairAgent("b", 1) };
            var tasks1 = Enumerable.Range(0, 1000).Select(i => new FairTask("r1-" + i)).ToArray();
            var tasks2 = Enumerable.Range(0, 400).Select(i => new FairTask("r2-" + i)).ToArray();
            var r1 = Allocator.Allocate(tasks1, shorted, policy, null, GovernorState.Empty, T0, out var s1);
            var r2 = Allocator.Allocate(tasks2, open, policy, null, s1, T0.AddHours(1), out _);
            EvidenceLog.Append(log, EvidenceEntry.For(r1, T0));
            EvidenceLog.Append(log, EvidenceEntry.For(r2, T0.AddHours(1)));
            var replay = EvidenceReplay.Replay(Line(log, 2), tasks2, open, policy);
            Assert.True(replay.IsMatch, replay.ToString());
            Assert.Equal(new[] { 100, 300 }, replay.GetRun()!.AgentTaskCounts);
        }

        [Theory]
        [InlineData(false, 1)]
        [InlineData(true, 1)]
        [InlineData(true, 3)]
        public void Issue_22_a_streamed_run_records_its_mode_window_and_state_and_replays(bool withState, int window)
        {
            using var dir = new ScratchFolder();
            var log = Path.Combine(dir.Path, "ev.jsonl");
            var policy = FixturePolicy("policy.json");
            var start = GovernorState.Empty;
            if (withState) Allocator.Allocate(FixtureTasks().Select(t => new FairTask(t.Id + "-0", t.GetPriorityLevel())).ToArray(), FixtureAgents(), policy, null, start, T0, out start);
            var stream = new AllocationStream(FixtureAgents(), policy, new AllocationStreamOptions { WindowSize = window, AsOf = T0.AddDays(1) }, withState ? start : null);
            foreach (var t in FixtureTasks()) stream.Add(t);
            stream.Complete();
            var entry = EvidenceLog.Append(log, EvidenceEntry.For(stream, T0));
            Assert.Equal(EvidenceRun.StreamMode, entry.Run!.Mode);
            Assert.Equal(window, entry.Run.WindowSize);
            Assert.Equal(withState, entry.Run.HasState);
            var replay = EvidenceReplay.Replay(Line(log, 1), FixtureTasks(), FixtureAgents(), policy);
            Assert.True(replay.IsMatch, replay.ToString());
            // The batch of the same tasks goes by priority: replayed as a batch, the line would differ.
            if (!withState && window == 1)
                Assert.NotEqual(EvidenceEntry.For(Allocator.Allocate(FixtureTasks(), FixtureAgents(), policy), T0).DecisionsDigest, entry.DecisionsDigest);
        }

        [Fact]
        public void Issue_22_a_changed_start_state_is_an_invalid_line()
        {
            var policy = FixturePolicy("policy_lag_bounded.yaml");
            Allocator.Allocate(FixtureTasks(), FixtureAgents(), policy, null, GovernorState.Empty, T0, out var s1);
            var r = Allocator.Allocate(FixtureTasks(), FixtureAgents(), policy, null, s1, T0, out _);
            using var dir = new ScratchFolder();
            var log = Path.Combine(dir.Path, "ev.jsonl");
            EvidenceLog.Append(log, EvidenceEntry.For(r, T0));
            var line = File.ReadAllLines(log)[0];
            Assert.NotNull(EvidenceLog.Parse(line, "test", 1).Run);
            Assert.Contains("\"run_mode\": \"batch\"", line);
            Assert.Contains("\"start_state\": {\"format\":\"fairness-governor-state\",\"version\":2", line);
            var changed = line.Replace("\"runs\":1", "\"runs\":7");
            var ex = Assert.Throws<EvidenceLogException>(() => EvidenceLog.Parse(changed, "test", 1));
            Assert.Equal("InvalidEvidenceLine", ex.ErrorId);
            Assert.Contains("start_state", ex.Message);
        }
    }
}
