using System;

namespace FairnessGovernor.Sorting
{
    /// <summary>The one radix sort the engine uses: weight classes (WeightClasses) and the task-id uniqueness check (JsonItemStream).</summary>
    internal static class RadixSort
    {
        /// <summary>
        /// Sorts <paramref name="keys"/> by their high 32 bits, stably (so keys built as (value &lt;&lt; 32) | index come out by
        /// value, then index): LSD passes over 8-bit digits, sequential reads and writes, no comparisons; a pass whose digit is
        /// the same in every key is skipped (it would change nothing). Returns the sorted array, which is either
        /// <paramref name="keys"/> or a new one; the other holds scratch.
        /// </summary>
        public static ulong[] ByHighHalf(ulong[] keys)
        {
            int n = keys.Length;
            var spare = new ulong[n];
            var count = new int[256];
            for (int shift = 32; shift < 64; shift += 8)
            {
                Array.Clear(count, 0, count.Length);
                for (int i = 0; i < n; i++) count[(int)(keys[i] >> shift) & 0xFF]++;
                bool same = false;
                int sum = 0;
                for (int d = 0; d < 256; d++)
                {
                    int c = count[d];
                    if (c == n) same = true;
                    count[d] = sum;
                    sum += c;
                }
                if (same) continue;
                for (int i = 0; i < n; i++) spare[count[(int)(keys[i] >> shift) & 0xFF]++] = keys[i];
                (keys, spare) = (spare, keys);
            }
            return keys;
        }
    }
}
