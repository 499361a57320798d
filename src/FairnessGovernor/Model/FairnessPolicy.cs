using System;

namespace FairnessGovernor.Model
{
    /// <summary>The rules of a run. Immutable and validated.</summary>
    public sealed class FairnessPolicy
    {
        /// <summary>The policy id used when none is given.</summary>
        public const string DefaultPolicyId = "default";

        /// <summary>The skew ratio above which a run is strong_imbalance, when none is given.</summary>
        public const double DefaultMaxSkewRatio = 2.0;

        /// <summary>The largest max_skew_ratio accepted.</summary>
        public const double MaxMaxSkewRatio = 1e9;

        /// <summary>The prototype-compatible default policy.</summary>
        public static FairnessPolicy Default { get; } = new FairnessPolicy(DefaultPolicyId, true, DefaultMaxSkewRatio);

        /// <summary>Creates a policy; <paramref name="maxSkewRatio"/> must be finite and at least 1.</summary>
        public FairnessPolicy(string policyId, bool respectPriority = true, double maxSkewRatio = DefaultMaxSkewRatio)
        {
            if (policyId == null) throw new ArgumentNullException(nameof(policyId));
            if (policyId.Trim().Length == 0) throw new ArgumentException("A policy id must not be empty or white space.", nameof(policyId));
            if (double.IsNaN(maxSkewRatio) || maxSkewRatio < 1 || maxSkewRatio > MaxMaxSkewRatio)
                throw new ArgumentOutOfRangeException(nameof(maxSkewRatio), "max_skew_ratio must be a finite number from 1 to 1e9.");
            PolicyId = policyId;
            RespectPriority = respectPriority;
            MaxSkewRatio = maxSkewRatio;
        }

        /// <summary>Names the policy in decisions and evidence.</summary>
        public string PolicyId { get; }

        /// <summary>When true, tasks are dispatched high, then normal, then low (stable within a level).</summary>
        public bool RespectPriority { get; }

        /// <summary>Skew ratios above this are labelled strong_imbalance.</summary>
        public double MaxSkewRatio { get; }

        /// <inheritdoc />
        public override string ToString() => PolicyId;
    }
}
