using System;
using FairnessGovernor.Numerics;

namespace FairnessGovernor.Metrics
{
    /// <summary>The weight-aware fairness figures of SPEC.md 6.6, as plain functions.</summary>
    public static class Fairness
    {
        /// <summary>
        /// Weighted max-min fair shares of <paramref name="assigned"/> tasks (water-filling): agents whose limit is
        /// below their weighted share of what is left get their limit; the rest share the remainder by weight.
        /// Weight-0 agents get 0. <paramref name="limits"/> uses long.MaxValue for "no limit".
        /// </summary>
        public static double[] Entitlements(int[] counts, long[] weights, long[] limits, long assigned)
        {
            int m = weights.Length;
            var e = new double[m];
            int positive = 0;
            for (int i = 0; i < m; i++) if (weights[i] > 0) positive++;
            var idx = new int[positive];
            double remW = 0;
            for (int i = 0, j = 0; i < m; i++)
            {
                if (weights[i] <= 0) continue;
                idx[j++] = i;
                remW += weights[i];
            }
            // Ascending limit/weight (unlimited last), ties by agent index: a stable, exact order.
            Array.Sort(idx, (a, b) =>
            {
                bool ua = limits[a] == long.MaxValue, ub = limits[b] == long.MaxValue;
                int c = ua != ub ? (ua ? 1 : -1) : ua ? 0 : ExactMath.CompareProducts(limits[a], weights[b], limits[b], weights[a]);
                return c != 0 ? c : a.CompareTo(b);
            });
            double remA = assigned;
            int k = 0;
            for (; k < idx.Length; k++)
            {
                int i = idx[k];
                if (limits[i] == long.MaxValue || limits[i] * remW >= remA * weights[i]) break;
                e[i] = limits[i];
                remA -= limits[i];
                remW -= weights[i];
            }
            for (; k < idx.Length; k++) e[idx[k]] = remW > 0 ? remA * weights[idx[k]] / remW : 0.0;
            return e;
        }

        /// <summary>Jain's index (sum x)^2 / (n sum x^2); 1 when there are no values or all are 0.</summary>
        public static double Jain(double[] x)
        {
            double s = 0, s2 = 0;
            foreach (var v in x) { s += v; s2 += v * v; }
            return x.Length == 0 || s2 == 0 ? 1.0 : s * s / (x.Length * s2);
        }

        /// <summary>Gini coefficient sum_i sum_j |x_i - x_j| / (2 n^2 mean); 0 when there are no values or the mean is 0.</summary>
        public static double Gini(double[] x)
        {
            int n = x.Length;
            if (n == 0) return 0.0;
            var v = (double[])x.Clone();
            Array.Sort(v);
            double sum = 0, weighted = 0;
            for (int k = 0; k < n; k++)
            {
                sum += v[k];
                weighted += (2.0 * (k + 1) - n - 1) * v[k]; // sum_i sum_j |x_i - x_j| = 2 * sum_k (2k - n - 1) v_k
            }
            return sum == 0 ? 0.0 : 2 * weighted / (2.0 * n * sum); // 2 n^2 mean = 2 n sum
        }
    }
}
