using BenchmarkDotNet.Attributes;
using FairnessGovernor.Model;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>
    /// The floors of issue 18 in one run (docs/performance.md), decisions per second at 1,000,000 tasks: every strategy at
    /// 10, 1,000 and 100,000 agents with weights 1-4 ("none"), 1-1,000 ("heavy") and every agent on its own weight
    /// ("distinct"). weighted_round_robin at least 20M/s everywhere; smooth WRR and lag_bounded at least 5M/s at 1,000
    /// agents with "none" and "heavy", and at least 1M/s at 100,000 agents with "distinct". A short job (2 warm-ups, 6
    /// measured iterations) keeps the 27 cases to several minutes.
    /// </summary>
    [PerItemConfig]
    [SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
    public class FloorBenchmarks : StrategyBenchmark
    {
        [Params(1_000_000)]
        public override int Tasks { get; set; }

        [Params(10, 1_000, 100_000)]
        public int Agents { get; set; }

        [Params("none", "heavy", "distinct")]
        public string Weights { get; set; } = "none";

        protected override FairAgent[] MakeAgents() => Inputs.Agents(Agents, Weights);
    }
}
