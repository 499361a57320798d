using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Allocation
{
    /// <summary>The order tasks are dispatched in (SPEC.md 2.1, and 6.2 with max_bypass).</summary>
    internal static class DispatchOrder
    {
        /// <summary>Input order, or a stable sort high, normal, low (a counting sort: linear time).</summary>
        public static int[] Of(IReadOnlyList<FairTask> tasks, bool respectPriority)
        {
            int n = tasks.Count;
            var order = new int[n];
            if (!respectPriority)
            {
                for (int i = 0; i < n; i++) order[i] = i;
                return order;
            }
            // One level byte per task: a compact store has them; otherwise each task object is read once (they are
            // scattered in memory) into a pooled buffer. Then one counting sort.
            byte[]? rented = null;
            byte[] levels;
            var columns = TaskColumns.Of(tasks);
            if (columns != null) levels = columns.Levels;
            else
            {
                levels = rented = System.Buffers.ArrayPool<byte>.Shared.Rent(n);
                if (tasks is FairTask[] array) for (int i = 0; i < n; i++) levels[i] = (byte)array[i].Level; // no interface call
                else for (int i = 0; i < n; i++) levels[i] = (byte)tasks[i].Level;
            }
            var starts = new int[4];
            for (int i = 0; i < n; i++) starts[levels[i] + 1]++;
            for (int p = 1; p < 4; p++) starts[p] += starts[p - 1];
            for (int i = 0; i < n; i++) order[starts[levels[i]]++] = i;
            if (rented != null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            return order;
        }

        /// <summary>
        /// The priority order with max_bypass (SPEC.md 6.2): before each dispatch, the earliest waiting task
        /// in input order (r) has been overtaken by exactly (dispatched so far) - r tasks, the most of any
        /// waiting task; when that reaches <paramref name="maxBypass"/>, r goes next. Linear time.
        /// </summary>
        public static int[] WithBypass(IReadOnlyList<FairTask> tasks, int maxBypass, out bool[] promoted)
        {
            int n = tasks.Count;
            var priority = Of(tasks, true);
            var order = new int[n];
            var done = new bool[n];
            promoted = new bool[n];
            int r = 0, p = 0;
            for (int k = 0; k < n; k++)
            {
                while (r < n && done[r]) r++;
                while (done[priority[p]]) p++;
                int next = priority[p];
                if (k - r >= maxBypass && next != r)
                {
                    next = r;
                    promoted[k] = true;
                }
                done[next] = true;
                order[k] = next;
            }
            return order;
        }
    }
}
