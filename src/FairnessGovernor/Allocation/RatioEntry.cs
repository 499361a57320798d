using FairnessGovernor.Numerics;

namespace FairnessGovernor.Allocation
{
    /// <summary>A heap entry keyed by an exact ratio Num/W (Num, W &gt;= 0, W &gt; 0), ties to the lower Tie (lag_bounded's deadlines, SPEC.md 6.1.3).</summary>
    internal readonly struct RatioEntry : IHeapEntry<RatioEntry>
    {
        public RatioEntry(int item, long num, long w, int tie)
        {
            Num = num;
            W = w;
            Item = item;
            Tie = tie;
        }

        public long Num { get; }
        public long W { get; }
        public int Item { get; }
        public int Tie { get; }

        public bool Before(in RatioEntry other)
        {
            int c = ExactMath.CompareProducts(Num, other.W, other.Num, W);
            return c < 0 || (c == 0 && Tie < other.Tie);
        }
    }
}
