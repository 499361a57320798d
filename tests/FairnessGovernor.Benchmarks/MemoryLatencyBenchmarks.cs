using System;
using BenchmarkDotNet.Attributes;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>
    /// The machine's memory, not the module: the time of one load that depends on the one before (a random cycle
    /// through <see cref="KiB"/> kibibytes, one load per 64-byte line), so no two loads overlap. Mean is ns per load.
    /// It shows where the caches and the TLB stop reaching, which is what limits a strategy whose every pick touches
    /// another class's record once the classes' records outgrow them (README, Performance; SPEC.md 6.1.3).
    /// </summary>
    public class MemoryLatencyBenchmarks
    {
        private const int Loads = 1_000_000;
        private const int IntsPerLine = 16;
        private int[] _next = Array.Empty<int>();

        /// <summary>The size of the cycle in KiB.</summary>
        [Params(16, 256, 1024, 2048, 4096, 6144, 8192, 16384, 65536)]
        public int KiB { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            int lines = KiB * 1024 / 64;
            _next = new int[lines * IntsPerLine];
            // One cycle through all lines in a random order (fixed seed): each line's first int holds the next line's.
            var order = new int[lines];
            for (int i = 0; i < lines; i++) order[i] = i;
            var rng = new Random(1);
            for (int i = lines - 1; i > 0; i--)
            {
                int j = rng.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            for (int i = 0; i < lines; i++) _next[order[i] * IntsPerLine] = order[(i + 1) % lines] * IntsPerLine;
        }

        [Benchmark(OperationsPerInvoke = Loads)]
        public int DependentLoad()
        {
            var next = _next;
            int at = 0;
            for (int i = 0; i < Loads; i++) at = next[at];
            return at;
        }
    }
}
