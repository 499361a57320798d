using BenchmarkDotNet.Attributes;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>
    /// The targets at 1,000,000 tasks: decisions per second at 1,000 agents, and per-decision cost from 10 to 100,000 agents, with small or large
    /// weights, and with 90% of agents full. (The subset of <see cref="AllocationBenchmarks"/> the README quotes.)
    /// </summary>
    [PerItemConfig]
    public class ScalingBenchmarks
    {
        private FairTask[] _tasks = null!;
        private FairAgent[] _agents = null!;
        private FairnessPolicy _policy = null!;

        [Params("weighted_round_robin", "smooth_weighted_round_robin", "lag_bounded")]
        public string Strategy { get; set; } = "weighted_round_robin";

        [Params(1_000_000)]
        public int Tasks { get; set; }

        [Params(10, 1_000, 100_000)]
        public int Agents { get; set; }

        [Params("none", "heavy", "full")]
        public string Pressure { get; set; } = "none";

        [GlobalSetup]
        public void Setup()
        {
            _tasks = Inputs.Tasks(Tasks);
            _agents = Inputs.Agents(Agents, Pressure);
            _policy = new FairnessPolicy("bench", true, 2.0, Strategy, null, null);
        }

        [Benchmark]
        public int Allocate() => Allocator.Allocate(_tasks, _agents, _policy).UnassignedCount;
    }
}
