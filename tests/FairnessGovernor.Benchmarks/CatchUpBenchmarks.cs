using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>
    /// fair_share against lag_bounded, in one run (issue 19: the same order of cost per decision, at least 5M decisions/s at
    /// 1,000 agents): a run on its own (<see cref="Allocate"/>, where fair_share is lag_bounded behind one more call), and a
    /// run continuing a state in which a tenth of the agents carry a deficit from an earlier run that held them to
    /// capacity 0 (<see cref="AllocateFromState"/>: fair_share first pays those deficits; lag_bounded ignores them). Both
    /// read the same state, and both export the next one (O(agents)). Items/s is decisions per second.
    /// </summary>
    [PerItemConfig]
    [SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
    public class CatchUpBenchmarks
    {
        private FairTask[] _tasks = null!;
        private FairAgent[] _agents = null!;
        private FairnessPolicy _policy = null!;
        private GovernorState _state = null!;

        [Params("lag_bounded", "fair_share")]
        public string Strategy { get; set; } = "fair_share";

        [Params(1_000_000)]
        public int Tasks { get; set; }

        [Params(1_000)]
        public int Agents { get; set; }

        [Params("none", "heavy")]
        public string Weights { get; set; } = "none";

        [GlobalSetup]
        public void Setup()
        {
            _tasks = Inputs.Tasks(Tasks);
            _agents = Inputs.Agents(Agents, Weights);
            _policy = new FairnessPolicy("bench", true, 2.0, Strategy);
            // The earlier run: every tenth agent held to capacity 0, so it carries its whole share as a deficit.
            var held = _agents.Select((a, i) => i % 10 == 0 ? new FairAgent(a.Id, a.Weight, 0) : a).ToArray();
            Allocator.Allocate(Inputs.Tasks(Tasks / 10, seed: 3), held, new FairnessPolicy("earlier", true, 2.0, "lag_bounded"), null, GovernorState.Empty, null, out _state);
        }

        [Benchmark(Baseline = true)]
        public int Allocate() => Allocator.Allocate(_tasks, _agents, _policy).UnassignedCount;

        [Benchmark]
        public int AllocateFromState() => Allocator.Allocate(_tasks, _agents, _policy, null, _state, null, out _).UnassignedCount;
    }
}
