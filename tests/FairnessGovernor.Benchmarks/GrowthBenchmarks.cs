using System.Globalization;
using BenchmarkDotNet.Attributes;
using FairnessGovernor.Model;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>
    /// Per-decision cost as the weights grow, at 1,000,000 tasks and 1,000 agents, unlimited: "none" (weights 1-4: 4 distinct),
    /// "scaled" (the same weights times 1,000,000: the same 4 classes, larger numbers), "heavy" (1-1,000: about 630
    /// distinct) and "wide" (1-1,000,000: about 1,000 distinct, nearly every agent its own weight).
    /// </summary>
    [PerItemConfig]
    public class WeightBenchmarks : StrategyBenchmark
    {
        [Params(1_000_000)]
        public override int Tasks { get; set; }

        [Params("none", "scaled", "heavy", "wide")]
        public string Weights { get; set; } = "none";

        protected override FairAgent[] MakeAgents() => Inputs.Agents(1_000, Weights);
    }

    /// <summary>
    /// Per-decision cost as more agents are full, at 1,000,000 tasks: the same 1,000 unlimited agents (weights 1-4) beside
    /// 0, 9,000 or 99,000 agents of capacity 1 (each full after its first task; 0%, 90% and 99% of the agents).
    /// </summary>
    [PerItemConfig]
    public class FullAgentBenchmarks : StrategyBenchmark
    {
        [Params(1_000_000)]
        public override int Tasks { get; set; }

        /// <summary>How many agents are full (a string, so the benchmark smoke test runs every value).</summary>
        [Params("0", "9000", "99000")]
        public string FullAgents { get; set; } = "0";

        protected override FairAgent[] MakeAgents() => Inputs.AgentsWithFull(1_000, int.Parse(FullAgents, CultureInfo.InvariantCulture));
    }
}
