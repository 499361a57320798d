using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Input;
using FairnessGovernor.Model;
using FairnessGovernor.State;
using Xunit;
using Xunit.Abstractions;

namespace FairnessGovernor.Tests
{
    /// <summary>SPEC.md 7.10: fair_share, usage_half_life, max_catch_up, the run's clock and state format 2 (issue 19).</summary>
    public sealed class FairShareTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private readonly ITestOutputHelper _out;

        public FairShareTests(ITestOutputHelper output) => _out = output;

        private static FairTask[] Tasks(int n, string prefix = "t") => Enumerable.Range(1, n).Select(i => new FairTask(prefix + i)).ToArray();

        private static FairnessPolicy Policy(string strategy = FairnessStrategies.FairShare, TimeSpan? halfLife = null, int? maxCatchUp = null) =>
            new FairnessPolicy("p", false, 2.0, strategy, null, null, halfLife, maxCatchUp);

        /// <summary>Run 1 of the issue's example: 1,000 tasks, b held to 100 by its capacity, at 2026-01-01T00:00Z.</summary>
        private static GovernorState AfterShortedRun()
        {
            var r = Allocator.Allocate(Tasks(1000, "r1-"), new[] { new FairAgent("a", 1), new FairAgent("b", 1, 100) }, Policy(), null, GovernorState.Empty, T0, out var state);
            Assert.Equal(new[] { 900, 100 }, r.AgentTaskCounts);
            return state;
        }

        private static int[] Run2(GovernorState state, DateTime at, TimeSpan? halfLife, int? maxCatchUp = null) =>
            Allocator.Allocate(Tasks(400, "r2-"), new[] { new FairAgent("a", 1), new FairAgent("b", 1) }, Policy(FairnessStrategies.FairShare, halfLife, maxCatchUp), null, state, at, out _)
                .AgentTaskCounts.ToArray();

        [Fact]
        public void Spec_7_10_catch_up_with_decay_gives_the_issues_figures()
        {
            var state = AfterShortedRun();
            var b = state.Find("b")!;
            Assert.Equal(100, b.DecayedCount);
            Assert.Equal(500, b.Entitlement);
            Assert.Equal(-400, b.Lag);
            Assert.Equal(T0, state.AsOf);

            // At 01:00Z, one half-life later: the deficit of 400 halves to 200, then the rest is split evenly.
            Assert.Equal(new[] { 100, 300 }, Run2(state, T0.AddHours(1), TimeSpan.FromHours(1)));
            // At 10:00Z the deficit is 400 / 1024 < 1: an even split.
            var late = Run2(state, T0.AddHours(10), TimeSpan.FromHours(1));
            Assert.InRange(late[1], 199, 201);
            // Without usage_half_life the whole deficit is paid.
            Assert.Equal(new[] { 0, 400 }, Run2(state, T0.AddHours(1), null));
            // max_catch_up 50: at most 50 beyond b's share of 200.
            Assert.Equal(new[] { 150, 250 }, Run2(state, T0.AddHours(1), TimeSpan.FromHours(1), 50));
        }

        [Fact]
        public void Spec_7_10_catch_up_picks_are_first_and_carry_their_reason()
        {
            var state = AfterShortedRun();
            var r = Allocator.Allocate(Tasks(400, "r2-"), new[] { new FairAgent("a", 1), new FairAgent("b", 1) }, Policy(FairnessStrategies.FairShare, TimeSpan.FromHours(1)), null, state, T0.AddHours(1), out var next);
            for (int i = 0; i < 200; i++)
            {
                Assert.Equal("b", r.GetDecision(i).AgentId);
                Assert.Equal(DecisionReasons.FairShareCatchUp, r.GetDecision(i).Reason);
            }
            Assert.Equal(DecisionReasons.LagBoundedDeadline, r.GetDecision(200).Reason);
            // Decay, then the run's counts and shares added: b 50 + 300 against 250 + 200.
            Assert.Equal(350, next.Find("b")!.DecayedCount, 9);
            Assert.Equal(450, next.Find("b")!.Entitlement, 9);
            Assert.Equal(1000, next.Find("a")!.Count);
            Assert.Equal(T0.AddHours(1), next.AsOf);
        }

        [Fact]
        public void Spec_7_10_a_clock_that_goes_back_decays_nothing_and_the_state_time_stays()
        {
            var state = AfterShortedRun();
            var policy = Policy(FairnessStrategies.FairShare, TimeSpan.FromHours(1));
            Allocator.Allocate(Tasks(10), new[] { new FairAgent("a", 1), new FairAgent("b", 1, 0) }, policy, null, state, T0.AddHours(-5), out var next);
            Assert.Equal(T0, next.AsOf);
            Assert.Equal(910, next.Find("a")!.DecayedCount, 9);
            Assert.Equal(505, next.Find("b")!.Entitlement, 9);
            Assert.Equal(1.0, UsageClock.Factor(T0, T0.AddHours(-1), TimeSpan.FromHours(1)));
            Assert.Equal(0.25, UsageClock.Factor(T0, T0.AddHours(2), TimeSpan.FromHours(1)));
        }

        [Theory]
        [InlineData(FairnessStrategies.WeightedRoundRobin)]
        [InlineData(FairnessStrategies.SmoothWeightedRoundRobin)]
        [InlineData(FairnessStrategies.LagBounded)]
        public void Spec_7_10_usage_half_life_decays_what_the_state_reports_for_every_strategy(string strategy)
        {
            var agents = new[] { new FairAgent("a", 1), new FairAgent("b", 3) };
            var policy = Policy(strategy, TimeSpan.FromDays(7));
            Allocator.Allocate(Tasks(40), agents, policy, null, GovernorState.Empty, T0, out var s1);
            var r = Allocator.Allocate(Tasks(40, "u"), agents, policy, null, s1, T0.AddDays(7), out var s2);
            var plain = Allocator.Allocate(Tasks(40, "u"), agents, Policy(strategy), null, s1, T0.AddDays(7), out _);
            Assert.Equal(plain.AgentTaskCounts, r.AgentTaskCounts); // decay does not change these strategies' decisions
            var report = new GovernorStateReport(s2, null);
            Assert.Equal(T0.AddDays(7), report.AsOf);
            Assert.Equal(new long[] { 20, 60 }, report.Agents.Select(x => x.Count));
            Assert.Equal(new[] { 15.0, 45.0 }, report.Agents.Select(x => x.DecayedCount));
            Assert.Equal(new[] { 15.0, 45.0 }, report.Agents.Select(x => x.Entitlement));
            Assert.Equal(new[] { 0.0, 0.0 }, report.Agents.Select(x => x.Lag));
        }

        [Fact]
        public void Spec_7_10_agents_absent_from_a_run_neither_gain_nor_lose_entitlement()
        {
            var ab = new[] { new FairAgent("a", 1), new FairAgent("b", 1) };
            Allocator.Allocate(Tasks(10), ab, Policy(), null, GovernorState.Empty, T0, out var s1);
            Allocator.Allocate(Tasks(30, "u"), new[] { new FairAgent("a", 1), new FairAgent("c", 2) }, Policy(), null, s1, T0, out var s2);
            Assert.Equal(5, s2.Find("b")!.Entitlement);
            Assert.Equal(5, s2.Find("b")!.DecayedCount);
            Assert.Equal(15, s2.Find("a")!.Entitlement);
            Assert.Equal(20, s2.Find("c")!.Entitlement);
            // An agent closed by capacity 0 is present: it gains entitlement, so it carries a deficit.
            Allocator.Allocate(Tasks(30, "v"), new[] { new FairAgent("a", 1), new FairAgent("c", 2, 0) }, Policy(), null, s2, T0, out var s3);
            Assert.Equal(-20, s3.Find("c")!.Lag, 9);
            Assert.Equal(20, s3.Find("a")!.Lag, 9);
        }

        [Fact]
        public void Spec_7_10_without_state_fair_share_decides_as_lag_bounded_on_random_inputs()
        {
            var rng = new Random(1919);
            for (int trial = 0; trial < 300; trial++)
            {
                int m = rng.Next(1, 9), n = rng.Next(0, 120);
                var agents = Enumerable.Range(0, m).Select(i => new FairAgent("a" + i, rng.Next(0, 6), rng.Next(3) == 0 ? rng.Next(0, 20) : (int?)null)).ToArray();
                var tasks = Enumerable.Range(0, n).Select(i => new FairTask("t" + i, (TaskPriority)rng.Next(3))).ToArray();
                bool priority = rng.Next(2) == 0;
                var fair = Allocator.Allocate(tasks, agents, new FairnessPolicy("p", priority, 2.0, FairnessStrategies.FairShare));
                var lag = Allocator.Allocate(tasks, agents, new FairnessPolicy("p", priority, 2.0, FairnessStrategies.LagBounded));
                Assert.Equal(Enumerable.Range(0, n).Select(lag.AgentIndexAt), Enumerable.Range(0, n).Select(fair.AgentIndexAt));
                Assert.Equal(Enumerable.Range(0, n).Select(lag.ReasonAt), Enumerable.Range(0, n).Select(fair.ReasonAt));
                // The empty state is no state: the same decisions.
                var fromEmpty = Allocator.Allocate(tasks, agents, new FairnessPolicy("p", priority, 2.0, FairnessStrategies.FairShare), null, GovernorState.Empty, T0, out _);
                Assert.Equal(Enumerable.Range(0, n).Select(lag.AgentIndexAt), Enumerable.Range(0, n).Select(fromEmpty.AgentIndexAt));
            }
        }

        /// <summary>
        /// The issue's many-run figure: 100 runs of 60 tasks over weights 1, 1, 2, 4; in each run one agent, drawn with a
        /// seeded generator, has a capacity from 0 to 5. After every run, the cumulative MaxAbsLag: the largest
        /// |count - entitlement| over the agents (entitlement: the weighted share of every task assigned so far). A run's
        /// shortfall is what its capacity kept from the capped agent: what the run owed it (its share of the run plus the
        /// whole tasks of the deficit it carried in) minus what it got; <paramref name="plainShortfall"/> leaves the
        /// carried deficit out (share minus count).
        /// </summary>
        internal static double[] CumulativeMaxAbsLag(string strategy, int seed, out double largestShortfall, out double plainShortfall)
        {
            var rng = new Random(seed);
            int[] weights = { 1, 1, 2, 4 };
            var state = GovernorState.Empty;
            var result = new double[100];
            largestShortfall = plainShortfall = 0;
            for (int run = 0; run < 100; run++)
            {
                int capped = rng.Next(4), cap = rng.Next(0, 6);
                var agents = weights.Select((w, i) => new FairAgent("ag" + i, w, i == capped ? cap : (int?)null)).ToArray();
                var before = state.Find("ag" + capped);
                double carried = before == null ? 0 : Math.Max(0, Math.Floor(before.Entitlement - before.DecayedCount));
                var r = Allocator.Allocate(Tasks(60, "r" + run + "-"), agents, new FairnessPolicy("p", false, 2.0, strategy), null, state, T0.AddHours(run), out state);
                double share = 60.0 * weights[capped] / 8;
                largestShortfall = Math.Max(largestShortfall, share + carried - r.AgentTaskCounts[capped]);
                plainShortfall = Math.Max(plainShortfall, share - r.AgentTaskCounts[capped]);
                result[run] = state.Agents.Max(a => Math.Abs(a.Count - (double)state.AssignedTasks * a.Weight / 8));
            }
            return result;
        }

        [Fact]
        public void Spec_7_10_catch_up_over_many_runs_keeps_the_cumulative_lag_within_the_largest_shortfall_plus_one()
        {
            const int seed = 19;
            var table = new Dictionary<string, double[]>();
            double owed = 0, plain = 0;
            foreach (var s in FairnessStrategies.All)
            {
                table[s] = CumulativeMaxAbsLag(s, seed, out var o, out var p);
                if (s == FairnessStrategies.FairShare) { owed = o; plain = p; }
            }
            _out.WriteLine("fair_share: largest single-run shortfall " + owed + " (share - count alone: " + plain + ")");
            _out.WriteLine("run  " + string.Join("  ", FairnessStrategies.All));
            for (int run = 0; run < 100; run++)
                _out.WriteLine((run + 1).ToString().PadLeft(3) + "  " + string.Join("  ", FairnessStrategies.All.Select(s => table[s][run].ToString("0.00").PadLeft(8))));
            foreach (var s in FairnessStrategies.All)
                _out.WriteLine(s + ": max " + table[s].Max().ToString("0.00") + ", mean " + table[s].Average().ToString("0.00") + ", after run 100 " + table[s][99].ToString("0.00"));
            Assert.All(table[FairnessStrategies.FairShare], lag => Assert.True(lag <= owed + 1, "cumulative MaxAbsLag " + lag + " > " + (owed + 1)));
            // The other strategies carry no lag: every shortfall stays for good, and the lag drifts.
            foreach (var s in FairnessStrategies.All.Where(x => x != FairnessStrategies.FairShare))
            {
                Assert.True(table[s][99] > 10 * table[FairnessStrategies.FairShare][99], s);
                Assert.True(table[s].Average() > 5 * table[FairnessStrategies.FairShare].Average(), s);
            }
        }

        [Fact]
        public void Spec_7_10_max_catch_up_zero_pays_nothing_and_a_lone_agent_has_nothing_to_catch_up()
        {
            var state = AfterShortedRun();
            Assert.Equal(new[] { 200, 200 }, Run2(state, T0, null, 0));
            var lone = Allocator.Allocate(Tasks(5), new[] { new FairAgent("b", 1) }, Policy(), null, state, T0, out _);
            Assert.Equal(DecisionReasons.LagBoundedDeadline, lone.GetDecision(0).Reason);
            Assert.Equal(0, FairShare.Credit(500, 100, 1, 1, null));
            Assert.Equal(100, FairShare.Credit(500, 100, 1, 2, 50));
            Assert.Equal(400, FairShare.Credit(500, 100, 1, 2, null));
            Assert.Equal(400, FairShare.Credit(500, 100.00000000001, 1, 2, null)); // rounding of the doubles
            Assert.Equal(0, FairShare.Credit(100, 100.5, 1, 2, null));
        }

        [Fact]
        public void Spec_7_10_a_stream_and_a_governor_follow_the_same_rules()
        {
            var state = AfterShortedRun();
            var policy = Policy(FairnessStrategies.FairShare, TimeSpan.FromHours(1));
            var agents = new[] { new FairAgent("a", 1), new FairAgent("b", 1) };
            var stream = new AllocationStream(agents, policy, new AllocationStreamOptions { AsOf = T0.AddHours(1) }, state);
            foreach (var t in Tasks(400, "r2-")) stream.Add(t);
            stream.Complete();
            Assert.Equal(new[] { 100, 300 }, stream.AgentTaskCounts);
            Assert.Equal(T0.AddHours(1), stream.NextState!.AsOf);
            var governor = new Governor(state);
            var r = governor.Allocate(Tasks(400, "r2-"), agents, policy, null, T0.AddHours(1), _ => true);
            Assert.Equal(new[] { 100, 300 }, r.AgentTaskCounts);
            Assert.Equal(GovernorStateSerializer.ToJson(stream.NextState), GovernorStateSerializer.ToJson(governor.State));
        }

        [Theory]
        [InlineData("7d", 7 * 86400.0)]
        [InlineData("36h", 36 * 3600.0)]
        [InlineData("90m", 5400.0)]
        [InlineData("45s", 45.0)]
        [InlineData("1.5h", 5400.0)]
        [InlineData("P7D", 7 * 86400.0)]
        [InlineData("PT36H", 36 * 3600.0)]
        [InlineData("P1DT12H", 36 * 3600.0)]
        [InlineData("3600", 3600.0)]
        [InlineData("1.12:00:00", 36 * 3600.0)]
        public void Spec_7_10_usage_half_life_takes_durations(string text, double seconds)
        {
            var policy = PolicyLoader.FromDocument(InputValue.Object(new[] { new KeyValuePair<string, InputValue>("usage_half_life", InputValue.String(text)) }), new InputSource("test", true, false));
            Assert.Equal(seconds, policy.UsageHalfLife!.Value.TotalSeconds, 6);
        }

        [Theory]
        [InlineData("\"7x\"")]
        [InlineData("\"P1M\"")]
        [InlineData("\"0s\"")]
        [InlineData("-5")]
        [InlineData("0")]
        [InlineData("true")]
        [InlineData("\"40000d\"")]
        public void Spec_7_10_bad_half_lives_are_InvalidUsageHalfLife_naming_the_field(string json)
        {
            using var dir = new ScratchFolder();
            var path = dir.Write("policy.json", "{\"strategy\": \"fair_share\",\n \"usage_half_life\": " + json + "}");
            var ex = Assert.Throws<FairnessInputException>(() => PolicyLoader.FromFile(path));
            Assert.Equal("InvalidUsageHalfLife", ex.ErrorId);
            Assert.Equal("usage_half_life", ex.Field);
            Assert.Equal(2, ex.Line);
        }

        [Fact]
        public void Spec_7_10_max_catch_up_is_a_whole_number_of_0_or_more()
        {
            using var dir = new ScratchFolder();
            var ok = PolicyLoader.FromFile(dir.Write("ok.yaml", "strategy: fair_share\nmax_catch_up: 50\nusage_half_life: 7d\n"));
            Assert.Equal(50, ok.MaxCatchUp);
            Assert.Equal(FairnessStrategies.FairShare, ok.Strategy);
            var ex = Assert.Throws<FairnessInputException>(() => PolicyLoader.FromFile(dir.Write("bad.json", "{\"max_catch_up\": -1}")));
            Assert.Equal("InvalidMaxCatchUp", ex.ErrorId);
        }

        [Fact]
        public void Spec_4_2_canonical_policy_has_the_new_keys_only_when_set()
        {
            string Canonical(FairnessPolicy p)
            {
                using var ms = new MemoryStream();
                using (var w = new System.Text.Json.Utf8JsonWriter(ms)) CanonicalInput.WritePolicy(w, p);
                return Encoding.UTF8.GetString(ms.ToArray());
            }
            Assert.Equal("{\"policy_id\":\"default\",\"respect_priority\":true,\"max_skew_ratio\":2.0,\"strategy\":\"weighted_round_robin\",\"max_bypass\":null,\"group_quotas\":{}}",
                Canonical(FairnessPolicy.Default));
            Assert.Equal("{\"policy_id\":\"p\",\"respect_priority\":false,\"max_skew_ratio\":2.0,\"strategy\":\"fair_share\",\"max_bypass\":null,\"group_quotas\":{},\"usage_half_life\":3600.0,\"max_catch_up\":50}",
                Canonical(Policy(FairnessStrategies.FairShare, TimeSpan.FromHours(1), 50)));
            Assert.NotEqual(CanonicalInput.PolicyDigest(Policy(FairnessStrategies.FairShare)), CanonicalInput.PolicyDigest(Policy(FairnessStrategies.FairShare, TimeSpan.FromHours(1))));
        }

        [Fact]
        public void Spec_7_4_state_version_2_round_trips_and_reads_from_text_and_streams()
        {
            var state = AfterShortedRun();
            var json = GovernorStateSerializer.ToJson(state);
            Assert.Contains("\"version\": 2", json);
            Assert.Contains("\"as_of\": \"2026-01-01T00:00:00.0000000Z\"", json);
            Assert.Contains("\"entitlement\": 500.0", json);
            var back = GovernorStateSerializer.Read(json, "row 1");
            Assert.Equal(json, GovernorStateSerializer.ToJson(back));
            using (var ms = new MemoryStream(Encoding.UTF8.GetBytes(json)))
                Assert.Equal(json, GovernorStateSerializer.ToJson(GovernorStateSerializer.Read(ms, "stream")));
            Assert.Equal(GovernorStateSerializer.Digest(state), CanonicalInput.Sha256(GovernorStateSerializer.ToCompactJson(state)));
            var bad = json.Replace("\"entitlement\": 500.0", "\"entitlement\": -1");
            var ex = Assert.Throws<GovernorStateException>(() => GovernorStateSerializer.Read(bad, "row 1"));
            Assert.Equal("InvalidStateFile", ex.ErrorId);
            Assert.Contains("entitlement", ex.Message);
            Assert.Contains("row 1", ex.Message);
        }

        [Fact]
        public void Spec_7_4_a_version_1_state_file_is_read_with_the_entitlement_it_implies()
        {
            var v1 = File.ReadAllText(TestPaths.Release010("state-v1.json"));
            Assert.Contains("\"version\": 1", v1);
            var state = GovernorStateSerializer.Read(v1, "state-v1.json");
            Assert.Null(state.AsOf);
            var report = new GovernorStateReport(state, null);
            foreach (var row in report.Agents)
            {
                Assert.Equal(row.Count, row.DecayedCount);
                Assert.Equal(row.Entitlement, (double)state.AssignedTasks * row.Weight / state.Agents.Sum(a => a.Weight), 9);
            }
            // It continues: the next run writes version 2 and records its time.
            Allocator.Allocate(Tasks(6), EvidenceTestRuns.Agents(), new FairnessPolicy("p", true, 2.0, state.Strategy!), null, state, T0, out var next);
            Assert.Equal(T0, next.AsOf);
            Assert.Contains("\"version\": 2", GovernorStateSerializer.ToJson(next));
        }
    }
}
