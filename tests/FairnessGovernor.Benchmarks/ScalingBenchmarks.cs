using BenchmarkDotNet.Attributes;
using FairnessGovernor.Model;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>
    /// The targets at 1,000,000 tasks: decisions per second at 1,000 agents, and per-decision cost from 10 to 100,000 agents, with small
    /// (1-4) or large (1-1,000) weights, with every agent on its own weight ("wide", 1-1,000,000), and with 90% of agents full. (The
    /// subset of <see cref="AllocationBenchmarks"/> the README quotes, plus "wide".)
    /// </summary>
    [PerItemConfig]
    public class ScalingBenchmarks : StrategyBenchmark
    {
        [Params(1_000_000)]
        public override int Tasks { get; set; }

        [Params(10, 1_000, 100_000)]
        public int Agents { get; set; }

        [Params("none", "heavy", "wide", "full")]
        public string Pressure { get; set; } = "none";

        protected override FairAgent[] MakeAgents() => Inputs.Agents(Agents, Pressure);
    }
}
