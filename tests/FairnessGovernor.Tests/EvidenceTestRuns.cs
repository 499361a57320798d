using System;
using System.IO;
using System.Linq;
using System.Reflection;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.Tests
{
    /// <summary>Runs and paths shared by the evidence tests.</summary>
    internal static class EvidenceTestRuns
    {
        public static FairTask[] Tasks() => new[]
        {
            new FairTask("t1", TaskPriority.Low), new FairTask("t2", TaskPriority.High), new FairTask("t3"),
            new FairTask("t4"), new FairTask("t5", TaskPriority.High), new FairTask("t6"),
        };

        public static FairAgent[] Agents() => new[] { new FairAgent("agent-a", 1), new FairAgent("agent-b", 2), new FairAgent("agent-c", 1) };

        /// <summary>The fixtures' shape: counts a 2, b 3, c 1, skew 3.0.</summary>
        public static AllocationResult Run(string policyId = "priority-weighted-rr") =>
            Allocator.Allocate(Tasks(), Agents(), new FairnessPolicy(policyId));

        /// <summary>The EvidenceWriter helper's dll, built alongside the tests.</summary>
        public static string WriterDll()
        {
            var config = typeof(EvidenceTestRuns).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Debug";
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
            var dir = Path.Combine(TestPaths.RepoRoot, "tests", "FairnessGovernor.EvidenceWriter", "bin");
            var expected = Path.Combine(dir, config, tfm, "FairnessGovernor.EvidenceWriter.dll");
            if (File.Exists(expected)) return expected;
            var any = Directory.Exists(dir) ? Directory.GetFiles(dir, "FairnessGovernor.EvidenceWriter.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() : null;
            return any ?? throw new FileNotFoundException("The EvidenceWriter helper is not built (expected " + expected + ").");
        }
    }
}
