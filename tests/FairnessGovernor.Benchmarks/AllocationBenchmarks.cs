using BenchmarkDotNet.Attributes;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>
    /// The engine alone, in memory: strategies x task counts x agent counts x capacity pressure. Items/s is decisions per
    /// second and ns/item the cost per decision (Mean / Tasks).
    /// </summary>
    [MemoryDiagnoser, PerItemConfig]
    public class AllocationBenchmarks
    {
        private FairTask[] _tasks = null!;
        private FairAgent[] _agents = null!;
        private FairnessPolicy _policy = null!;

        [Params("weighted_round_robin", "smooth_weighted_round_robin", "lag_bounded")]
        public string Strategy { get; set; } = "weighted_round_robin";

        [Params(10_000, 100_000, 1_000_000)]
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
        public int Allocate()
        {
            var r = Allocator.Allocate(_tasks, _agents, _policy);
            return r.UnassignedCount;
        }

        /// <summary>Allocate and materialise every decision object (what the cmdlet emits).</summary>
        [Benchmark]
        public int AllocateAndMaterialise()
        {
            var r = Allocator.Allocate(_tasks, _agents, _policy);
            int sum = 0;
            for (int k = 0; k < r.Count; k++) sum += r.GetDecision(k).Sequence;
            return sum;
        }
    }
}
