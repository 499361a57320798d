using System;

namespace FairnessGovernor.Model
{
    /// <summary>The names of the allocation strategies (policy key <c>strategy</c>; SPEC.md 6.1).</summary>
    public static class FairnessStrategies
    {
        /// <summary>The prototype's rotation (the default).</summary>
        public const string WeightedRoundRobin = "weighted_round_robin";

        /// <summary>nginx's smooth weighted round-robin.</summary>
        public const string SmoothWeightedRoundRobin = "smooth_weighted_round_robin";

        /// <summary>Tijdeman's chairman-assignment rule: every prefix within 1 - 1/(2(m-1)) of its share.</summary>
        public const string LagBounded = "lag_bounded";

        /// <summary>lag_bounded's rule started from the deficits carried in the state (SPEC.md 7.10).</summary>
        public const string FairShare = "fair_share";

        /// <summary>Every accepted name, the default first.</summary>
        public static readonly string[] All = { WeightedRoundRobin, SmoothWeightedRoundRobin, LagBounded, FairShare };

        /// <summary>Parses a strategy name, ignoring case and surrounding white space; returns the canonical name.</summary>
        public static bool TryParse(string? text, out string strategy)
        {
            strategy = WeightedRoundRobin;
            if (text == null) return false;
            var t = text.Trim();
            foreach (var name in All)
            {
                if (string.Equals(t, name, StringComparison.OrdinalIgnoreCase))
                {
                    strategy = name;
                    return true;
                }
            }
            return false;
        }
    }
}
