namespace FairnessGovernor.Numerics
{
    /// <summary>Exact comparisons of products of two 64-bit values, through 128-bit products (no overflow, no allocation).</summary>
    internal static class ExactMath
    {
        /// <summary>Compares a*b with c*d (all &gt;= 0).</summary>
        public static int CompareProducts(long a, long b, long c, long d) => CompareProducts((ulong)a, (ulong)b, (ulong)c, (ulong)d);

        /// <summary>Compares a*b with c*d exactly.</summary>
        public static int CompareProducts(ulong a, ulong b, ulong c, ulong d)
        {
            if (((a | b | c | d) >> 32) == 0) return (a * b).CompareTo(c * d); // both products fit in 64 bits
            Multiply(a, b, out ulong h1, out ulong l1);
            Multiply(c, d, out ulong h2, out ulong l2);
            return h1 != h2 ? h1.CompareTo(h2) : l1.CompareTo(l2);
        }

        /// <summary>The 128-bit product of a and b as (hi, lo).</summary>
        public static void Multiply(ulong a, ulong b, out ulong hi, out ulong lo)
        {
            ulong aL = (uint)a, aH = a >> 32, bL = (uint)b, bH = b >> 32;
            ulong ll = aL * bL, lh = aL * bH, hl = aH * bL, hh = aH * bH;
            ulong mid = (ll >> 32) + (uint)lh + (uint)hl;
            lo = (mid << 32) | (uint)ll;
            hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
        }

        /// <summary>
        /// The 128-bit value (hi, lo) divided by d (hi &lt; d, so the quotient fits in 64 bits), by shift and subtract;
        /// <paramref name="rest"/> is the remainder.
        /// </summary>
        public static ulong Divide(ulong hi, ulong lo, ulong d, out ulong rest)
        {
            ulong q = 0, r = hi;
            for (int bit = 63; bit >= 0; bit--)
            {
                bool carry = (r >> 63) != 0; // r << 1 overflows 64 bits: then it is certainly >= d
                r = (r << 1) | ((lo >> bit) & 1);
                if (carry || r >= d)
                {
                    r -= d;
                    q |= 1UL << bit;
                }
            }
            rest = r;
            return q;
        }
    }
}
