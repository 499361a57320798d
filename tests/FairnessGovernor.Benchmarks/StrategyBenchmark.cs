using BenchmarkDotNet.Attributes;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>
    /// What the engine benchmarks share: one strategy, <see cref="Tasks"/> tasks in memory and the agents a subclass
    /// makes, set up once; <see cref="Allocate"/> is the decision loop alone. Items/s is decisions per second and ns/item
    /// the cost per decision (Mean / Tasks).
    /// </summary>
    public abstract class StrategyBenchmark
    {
        protected FairTask[] TaskList { get; private set; } = null!;
        protected FairAgent[] AgentList { get; private set; } = null!;
        protected FairnessPolicy Policy { get; private set; } = null!;

        [Params("weighted_round_robin", "smooth_weighted_round_robin", "lag_bounded", "fair_share")]
        public string Strategy { get; set; } = "weighted_round_robin";

        /// <summary>The task count (each subclass gives its [Params]).</summary>
        public abstract int Tasks { get; set; }

        /// <summary>The agents of this case.</summary>
        protected abstract FairAgent[] MakeAgents();

        [GlobalSetup]
        public void Setup()
        {
            TaskList = Inputs.Tasks(Tasks);
            AgentList = MakeAgents();
            Policy = new FairnessPolicy("bench", true, 2.0, Strategy, null, null);
        }

        [Benchmark]
        public int Allocate() => Allocator.Allocate(TaskList, AgentList, Policy).UnassignedCount;
    }
}
