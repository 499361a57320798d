using System.Globalization;
using BenchmarkDotNet.Attributes;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>
    /// Per-decision cost as the weights grow, at 1,000,000 tasks and 1,000 agents, unlimited: "none" (weights 1-4: 4 distinct),
    /// "scaled" (the same weights times 1,000,000: the same 4 classes, larger numbers), "heavy" (1-1,000: about 630
    /// distinct) and "wide" (1-1,000,000: about 1,000 distinct, nearly every agent its own weight).
    /// </summary>
    [PerItemConfig]
    public class WeightBenchmarks
    {
        private FairTask[] _tasks = null!;
        private FairAgent[] _agents = null!;
        private FairnessPolicy _policy = null!;

        [Params("weighted_round_robin", "smooth_weighted_round_robin", "lag_bounded")]
        public string Strategy { get; set; } = "weighted_round_robin";

        [Params(1_000_000)]
        public int Tasks { get; set; }

        [Params("none", "scaled", "heavy", "wide")]
        public string Weights { get; set; } = "none";

        [GlobalSetup]
        public void Setup()
        {
            _tasks = Inputs.Tasks(Tasks);
            _agents = Inputs.Agents(1_000, Weights);
            _policy = new FairnessPolicy("bench", true, 2.0, Strategy, null, null);
        }

        [Benchmark]
        public int Allocate() => Allocator.Allocate(_tasks, _agents, _policy).UnassignedCount;
    }

    /// <summary>
    /// Per-decision cost as more agents are full, at 1,000,000 tasks: the same 1,000 unlimited agents (weights 1-4) beside
    /// 0, 9,000 or 99,000 agents of capacity 1 (each full after its first task; 0%, 90% and 99% of the agents).
    /// </summary>
    [PerItemConfig]
    public class FullAgentBenchmarks
    {
        private FairTask[] _tasks = null!;
        private FairAgent[] _agents = null!;
        private FairnessPolicy _policy = null!;

        [Params("weighted_round_robin", "smooth_weighted_round_robin", "lag_bounded")]
        public string Strategy { get; set; } = "weighted_round_robin";

        [Params(1_000_000)]
        public int Tasks { get; set; }

        /// <summary>How many agents are full (a string, so the benchmark smoke test runs every value).</summary>
        [Params("0", "9000", "99000")]
        public string FullAgents { get; set; } = "0";

        [GlobalSetup]
        public void Setup()
        {
            _tasks = Inputs.Tasks(Tasks);
            _agents = Inputs.AgentsWithFull(1_000, int.Parse(FullAgents, CultureInfo.InvariantCulture));
            _policy = new FairnessPolicy("bench", true, 2.0, Strategy, null, null);
        }

        [Benchmark]
        public int Allocate() => Allocator.Allocate(_tasks, _agents, _policy).UnassignedCount;
    }
}
