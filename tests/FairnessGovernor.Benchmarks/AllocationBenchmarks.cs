using BenchmarkDotNet.Attributes;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>The engine alone, in memory: strategies x task counts x agent counts x capacity pressure.</summary>
    [MemoryDiagnoser, PerItemConfig]
    public class AllocationBenchmarks : StrategyBenchmark
    {
        [Params(10_000, 100_000, 1_000_000)]
        public override int Tasks { get; set; }

        [Params(10, 1_000, 100_000)]
        public int Agents { get; set; }

        [Params("none", "heavy", "full")]
        public string Pressure { get; set; } = "none";

        protected override FairAgent[] MakeAgents() => Inputs.Agents(Agents, Pressure);

        /// <summary>Allocate and materialise every decision object (what the cmdlet emits).</summary>
        [Benchmark]
        public int AllocateAndMaterialise()
        {
            var r = Allocator.Allocate(TaskList, AgentList, Policy);
            int sum = 0;
            for (int k = 0; k < r.Count; k++) sum += r.GetDecision(k).Sequence;
            return sum;
        }
    }
}
