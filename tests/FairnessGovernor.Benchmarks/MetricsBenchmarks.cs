using System.IO;
using BenchmarkDotNet.Attributes;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;
using FairnessGovernor.Output;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>Metrics of a run, and the -OutFile document written to a null stream.</summary>
    [MemoryDiagnoser, PerItemConfig]
    public class MetricsBenchmarks
    {
        private AllocationResult _result = null!;

        [Params(10_000, 100_000, 1_000_000)]
        public int Tasks { get; set; }

        [Params(10, 1_000)]
        public int Agents { get; set; }

        [GlobalSetup]
        public void Setup() => _result = Allocator.Allocate(Inputs.Tasks(Tasks), Inputs.Agents(Agents, "full"), new FairnessPolicy("bench"));

        /// <summary>Every metric, waits included (Get-FairnessMetrics on a whole run).</summary>
        [Benchmark]
        public double MetricsOf() => AllocationMetrics.Of(_result).SkewRatio;

        /// <summary>The allocation document (Invoke-FairAllocation -OutFile).</summary>
        [Benchmark]
        public void WriteDocument() => AllocationDocument.Write(Stream.Null, _result);
    }
}
