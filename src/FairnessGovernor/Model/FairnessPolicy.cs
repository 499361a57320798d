using System;
using System.Collections.Generic;
using System.Collections.Specialized;

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
            : this(policyId, respectPriority, maxSkewRatio, FairnessStrategies.WeightedRoundRobin)
        {
        }

        /// <summary>
        /// Creates a policy with the rules of SPEC.md section 6: a strategy (see <see cref="FairnessStrategies"/>),
        /// max_bypass (null = unlimited) and group quotas (group name to the most tasks assigned in a run).
        /// </summary>
        public FairnessPolicy(string policyId, bool respectPriority, double maxSkewRatio, string strategy, int? maxBypass = null, IEnumerable<KeyValuePair<string, int>>? groupQuotas = null)
            : this(policyId, respectPriority, maxSkewRatio, strategy, maxBypass, groupQuotas, null, null)
        {
        }

        /// <summary>The largest usage_half_life accepted: 100 years of 365 days.</summary>
        public static readonly TimeSpan MaxUsageHalfLife = TimeSpan.FromDays(36500);

        /// <summary>
        /// Creates a policy with the rules of SPEC.md sections 6 and 7.10: as the overload without them, plus
        /// usage_half_life (null: carried usage never decays; otherwise more than 0 and at most <see cref="MaxUsageHalfLife"/>)
        /// and max_catch_up (null: no cap; otherwise 0 or more).
        /// </summary>
        public FairnessPolicy(string policyId, bool respectPriority, double maxSkewRatio, string strategy, int? maxBypass, IEnumerable<KeyValuePair<string, int>>? groupQuotas,
            TimeSpan? usageHalfLife, int? maxCatchUp)
        {
            if (usageHalfLife.HasValue && (usageHalfLife.Value <= TimeSpan.Zero || usageHalfLife.Value > MaxUsageHalfLife))
                throw new ArgumentOutOfRangeException(nameof(usageHalfLife), "usage_half_life must be more than 0 and at most 36500 days.");
            if (maxCatchUp < 0) throw new ArgumentOutOfRangeException(nameof(maxCatchUp), "max_catch_up must be 0 or more.");
            UsageHalfLife = usageHalfLife;
            MaxCatchUp = maxCatchUp;
            if (policyId == null) throw new ArgumentNullException(nameof(policyId));
            if (policyId.Trim().Length == 0) throw new ArgumentException("A policy id must not be empty or white space.", nameof(policyId));
            if (double.IsNaN(maxSkewRatio) || maxSkewRatio < 1 || maxSkewRatio > MaxMaxSkewRatio)
                throw new ArgumentOutOfRangeException(nameof(maxSkewRatio), "max_skew_ratio must be a finite number from 1 to 1e9.");
            if (!FairnessStrategies.TryParse(strategy, out var canonical))
                throw new ArgumentException("strategy must be one of " + string.Join(", ", FairnessStrategies.All) + ".", nameof(strategy));
            if (maxBypass < 0) throw new ArgumentOutOfRangeException(nameof(maxBypass), "max_bypass must be 0 or more.");
            var names = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var limits = new List<int>();
            if (groupQuotas != null)
            {
                foreach (var kv in groupQuotas)
                {
                    if (kv.Key == null) throw new ArgumentException("A group name must not be null.", nameof(groupQuotas));
                    if (kv.Value < 0) throw new ArgumentOutOfRangeException(nameof(groupQuotas), "A group quota must be 0 or more.");
                    if (!seen.Add(kv.Key)) throw new ArgumentException("Group '" + kv.Key + "' is given twice.", nameof(groupQuotas));
                    names.Add(kv.Key);
                    limits.Add(kv.Value);
                }
            }
            var keys = names.ToArray();
            var values = limits.ToArray();
            Array.Sort(keys, values, StringComparer.Ordinal);
            PolicyId = policyId;
            RespectPriority = respectPriority;
            MaxSkewRatio = maxSkewRatio;
            Strategy = canonical;
            MaxBypass = maxBypass;
            _groupNames = keys;
            _groupLimits = values;
            var d = new OrderedDictionary(keys.Length, StringComparer.Ordinal);
            for (int i = 0; i < keys.Length; i++) d.Add(keys[i], values[i]);
            GroupQuotas = d.AsReadOnly();
        }

        private readonly string[] _groupNames;
        private readonly int[] _groupLimits;

        /// <summary>The strategy's canonical name (see <see cref="FairnessStrategies"/>).</summary>
        public string Strategy { get; }

        /// <summary>The most tasks that may overtake a task (SPEC.md 6.2); null = unlimited.</summary>
        public int? MaxBypass { get; }

        /// <summary>Group name to the most tasks of that group assigned in a run, ordinal key order (read-only).</summary>
        public OrderedDictionary GroupQuotas { get; }

        /// <summary>Group names with a quota, ordinal order.</summary>
        public string[] GetGroupNames() => (string[])_groupNames.Clone();

        /// <summary>The quota of <paramref name="group"/>, or null when the group has none.</summary>
        public int? GetGroupQuota(string? group)
        {
            if (group == null) return null;
            int i = Array.BinarySearch(_groupNames, group, StringComparer.Ordinal);
            return i >= 0 ? _groupLimits[i] : (int?)null;
        }

        internal int GroupQuotaCount => _groupNames.Length;

        internal int GroupIndex(string? group) => group == null ? -1 : Math.Max(-1, Array.BinarySearch(_groupNames, group, StringComparer.Ordinal));

        internal int GroupLimitAt(int index) => _groupLimits[index];

        /// <summary>SPEC.md 7.10: the half-life of carried usage (counts, entitlements, lags); null = no decay.</summary>
        public TimeSpan? UsageHalfLife { get; }

        /// <summary>SPEC.md 7.10: the most tasks a carried deficit may bring an agent beyond its share of a run; null = no cap.</summary>
        public int? MaxCatchUp { get; }

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
