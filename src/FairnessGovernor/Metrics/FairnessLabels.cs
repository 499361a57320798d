namespace FairnessGovernor.Metrics
{
    /// <summary>The prototype's fairness labels.</summary>
    public static class FairnessLabels
    {
        /// <summary>skew_ratio &lt;= 1.5.</summary>
        public const string Balanced = "balanced";

        /// <summary>1.5 &lt; skew_ratio &lt;= max_skew_ratio.</summary>
        public const string MildImbalance = "mild_imbalance";

        /// <summary>skew_ratio &gt; max_skew_ratio.</summary>
        public const string StrongImbalance = "strong_imbalance";

        /// <summary>The threshold at or below which a run is balanced.</summary>
        public const double BalancedThreshold = 1.5;

        /// <summary>Labels a skew ratio: balanced first, then strong above the policy's maximum, else mild.</summary>
        public static string For(double skewRatio, double maxSkewRatio)
        {
            if (skewRatio <= BalancedThreshold) return Balanced;
            return skewRatio > maxSkewRatio ? StrongImbalance : MildImbalance;
        }
    }
}
