using System;
using System.Collections.Generic;

namespace FairnessGovernor.Metrics
{
    /// <summary>Summary of the waits of a set of assigned tasks (SPEC.md 6.5). All 0 when the set is empty.</summary>
    public sealed class WaitStatistics
    {
        /// <summary>Statistics of <paramref name="waits"/> (any order; the list is not kept).</summary>
        public WaitStatistics(IReadOnlyList<double> waits)
        {
            if (waits == null) throw new ArgumentNullException(nameof(waits));
            var v = new double[waits.Count];
            for (int i = 0; i < v.Length; i++) v[i] = waits[i];
            Array.Sort(v);
            Count = v.Length;
            if (v.Length == 0) return;
            double sum = 0;
            foreach (var x in v) sum += x;
            Mean = sum / v.Length;
            P50 = NearestRank(v, 50);
            P95 = NearestRank(v, 95);
            Max = v[v.Length - 1];
        }

        /// <summary>How many tasks the figures cover.</summary>
        public int Count { get; }

        /// <summary>Arithmetic mean (summed in ascending order).</summary>
        public double Mean { get; }

        /// <summary>Median by nearest rank: the ceil(0.50 N)-th smallest.</summary>
        public double P50 { get; }

        /// <summary>95th percentile by nearest rank: the ceil(0.95 N)-th smallest.</summary>
        public double P95 { get; }

        /// <summary>The largest wait.</summary>
        public double Max { get; }

        /// <summary>The nearest-rank percentile <paramref name="q"/> (1..100) of ascending values: v[ceil(q N / 100) - 1].</summary>
        public static double NearestRank(double[] ascending, int q)
        {
            if (ascending.Length == 0) return 0.0;
            long rank = ((long)q * ascending.Length + 99) / 100;
            if (rank < 1) rank = 1;
            return ascending[rank - 1];
        }
    }
}
