using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Input;
using FairnessGovernor.Model;
using FairnessGovernor.Output;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>
    /// The strings of the -OutFile document and of the digests (SPEC.md 4.1, 4.2): a million tasks as objects and as the
    /// JSON fast path's store (ids straight from UTF-8), 100 agents.
    /// </summary>
    [MemoryDiagnoser, PerItemConfig]
    public class OutputBenchmarks
    {
        private AllocationResult _result = null!;

        [Params(1_000_000)]
        public int Tasks { get; set; } = 1_000_000;

        [Params("objects", "store")]
        public string Source { get; set; } = "objects";

        [GlobalSetup]
        public void Setup()
        {
            var tasks = Inputs.Tasks(Tasks);
            IReadOnlyList<FairTask> input = tasks;
            if (Source == "store")
            {
                var path = Path.Combine(Path.GetTempPath(), "fg-output-bench-" + System.Guid.NewGuid().ToString("N") + ".json");
                File.WriteAllText(path, "[" + string.Join(",", tasks.Select(t => "{\"id\":\"" + t.Id + "\",\"priority\":\"" + t.Priority + "\"}")) + "]");
                input = TaskLoader.FromFile(path);
                File.Delete(path);
            }
            _result = Allocator.Allocate(input, Inputs.Agents(100, "none"), new FairnessPolicy("bench"));
        }

        /// <summary>The allocation document (Invoke-FairAllocation -OutFile) to a null stream.</summary>
        [Benchmark]
        public void WriteDocument() => AllocationDocument.Write(Stream.Null, _result);

        /// <summary>The tasks and decisions digests an evidence line carries.</summary>
        [Benchmark]
        public string Digests() => CanonicalInput.TasksDigest(_result.Tasks) + EvidenceDigests.Decisions(_result);
    }
}
