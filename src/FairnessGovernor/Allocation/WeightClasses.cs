using System.Collections.Generic;
using FairnessGovernor.Sorting;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// Agents grouped by weight, for smooth_weighted_round_robin and lag_bounded (SPEC.md 6.1.2, 6.1.3, 6.7): classes
    /// numbered in order of first appearance by agent index, with their order by weight. Small weights are looked up
    /// in an array indexed by weight, large ones found by a radix sort of the agents (<see cref="RadixSort"/>).
    /// </summary>
    internal sealed class WeightClasses
    {
        public WeightClasses(int[] weights)
        {
            int m = weights.Length;
            Of = new int[m];
            int max = 0;
            for (int i = 0; i < m; i++) if (weights[i] > max) max = weights[i];
            if (max <= 4L * m + 1024) ByIndex(weights, max);
            else BySorting(weights);
        }

        /// <summary>
        /// Small weights: a weight's class (plus 1; 0: none yet) through an array indexed by weight; classes numbered
        /// by first appearance; by weight ascending from a scan of that array (O(m + max)).
        /// </summary>
        private void ByIndex(int[] weights, int max)
        {
            int m = weights.Length;
            var index = new int[max + 1];
            var weightList = new List<long>();
            var sizeList = new List<int>();
            for (int i = 0; i < m; i++)
            {
                int w = weights[i];
                int k = index[w] - 1;
                if (k < 0)
                {
                    k = weightList.Count;
                    index[w] = k + 1;
                    weightList.Add(w);
                    sizeList.Add(0);
                }
                Of[i] = k;
                sizeList[k]++;
            }
            Weight = weightList.ToArray();
            Size = sizeList.ToArray();
            ByWeight = new int[Weight.Length];
            int r = 0;
            for (int w = 0; w <= max; w++) if (index[w] > 0) ByWeight[r++] = index[w] - 1;
        }

        /// <summary>
        /// Large weights: the agents sorted by (weight, index) with a stable radix sort on the weight (no hashing, no
        /// comparison sort), so each run of equal
        /// weights is a class and the runs come in weight order; classes are then numbered by first appearance, as
        /// <see cref="ByIndex"/> numbers them.
        /// </summary>
        private void BySorting(int[] weights)
        {
            int m = weights.Length;
            var keys = new ulong[m];
            for (int i = 0; i < m; i++) keys[i] = ((ulong)(uint)weights[i] << 32) | (uint)i;
            keys = RadixSort.ByHighHalf(keys);
            // Runs of equal weight, in weight order: run r's weight and size, and each agent's run.
            var runOf = new int[m];
            var runWeight = new long[m];
            var runSize = new int[m];
            int runs = 0;
            for (int p = 0; p < m; p++)
            {
                long w = (long)(keys[p] >> 32);
                if (runs == 0 || w != runWeight[runs - 1]) runWeight[runs++] = w;
                runSize[runs - 1]++;
                runOf[(int)(uint)keys[p]] = runs - 1;
            }
            var classOfRun = new int[runs];
            for (int r = 0; r < runs; r++) classOfRun[r] = -1;
            Weight = new long[runs];
            Size = new int[runs];
            int next = 0;
            for (int i = 0; i < m; i++)
            {
                int run = runOf[i];
                int k = classOfRun[run];
                if (k < 0)
                {
                    k = classOfRun[run] = next++;
                    Weight[k] = runWeight[run];
                    Size[k] = runSize[run];
                }
                Of[i] = k;
            }
            ByWeight = classOfRun;
        }

        /// <summary>Per agent: its class.</summary>
        public int[] Of { get; }

        /// <summary>Per class: its weight.</summary>
        public long[] Weight { get; private set; } = new long[0];

        /// <summary>Per class: how many agents have that weight.</summary>
        public int[] Size { get; private set; } = new int[0];

        /// <summary>The classes by weight ascending.</summary>
        public int[] ByWeight { get; private set; } = new int[0];

        public int Count => Weight.Length;
    }
}
