using System;
using System.Collections.Generic;
using System.Reflection;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// One line of the evidence log (SPEC.md 5): the prototype's fields, then the chain fields
    /// (counts, module version, digests of inputs and decisions, prev, hash, optional sig).
    /// A line written by the prototype or an older version has only the prototype's fields:
    /// <see cref="IsChained"/> is false and the chain properties are null.
    /// </summary>
    public sealed class EvidenceEntry
    {
        private static readonly EvidenceMetric[] NoMetrics = new EvidenceMetric[0];

        /// <summary>Creates an entry with the prototype's fields only (not appendable: see <see cref="For(AllocationResult, DateTime, IEnumerable{EvidenceMetric})"/>).</summary>
        public EvidenceEntry(DateTime timestamp, string policyId, int taskCount, int agentCount, double skewRatio, string fairnessLabel, int lineNumber = 0)
            : this(timestamp, policyId, taskCount, agentCount, skewRatio, fairnessLabel, lineNumber, -1)
        {
        }

        internal EvidenceEntry(DateTime timestamp, string policyId, int taskCount, int agentCount, double skewRatio, string fairnessLabel, int lineNumber, long byteOffset)
        {
            Timestamp = ToMicroseconds(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));
            PolicyId = policyId;
            TaskCount = taskCount;
            AgentCount = agentCount;
            SkewRatio = skewRatio;
            FairnessLabel = fairnessLabel;
            LineNumber = lineNumber;
            ByteOffset = byteOffset;
            ExtraMetrics = EvidenceMetricList.Empty;
        }

        internal EvidenceEntry(EvidenceEntry source, int assigned, int unassigned, string moduleVersion, string tasksDigest, string agentsDigest, string policyDigest, string decisionsDigest,
            EvidenceMetric[] extra, string? prev, string? hash, string? sig, int lineNumber, long byteOffset, EvidenceRun? run = null)
        {
            Run = run;
            Timestamp = source.Timestamp;
            PolicyId = source.PolicyId;
            TaskCount = source.TaskCount;
            AgentCount = source.AgentCount;
            SkewRatio = source.SkewRatio;
            FairnessLabel = source.FairnessLabel;
            AssignedCount = assigned;
            UnassignedCount = unassigned;
            ModuleVersion = moduleVersion;
            TasksDigest = tasksDigest;
            AgentsDigest = agentsDigest;
            PolicyDigest = policyDigest;
            DecisionsDigest = decisionsDigest;
            ExtraMetrics = new EvidenceMetricList(extra);
            Prev = prev;
            Hash = hash;
            Sig = sig;
            LineNumber = lineNumber;
            ByteOffset = byteOffset;
        }

        /// <summary>
        /// A new, appendable entry for a run at <paramref name="timestamp"/> (converted to UTC,
        /// truncated to microseconds): the run's metrics, the digests of its inputs and decisions,
        /// and <paramref name="extraMetrics"/> in order.
        /// </summary>
        public static EvidenceEntry For(AllocationResult result, DateTime timestamp, IEnumerable<EvidenceMetric>? extraMetrics = null) =>
            For(result, AllocationMetrics.Of(result), timestamp, extraMetrics);

        /// <summary>As <see cref="For(AllocationResult, DateTime, IEnumerable{EvidenceMetric})"/>, with the run's metrics already computed.</summary>
        public static EvidenceEntry For(AllocationResult result, AllocationMetrics metrics, DateTime timestamp, IEnumerable<EvidenceMetric>? extraMetrics = null)
        {
            if (result == null) throw new ArgumentNullException(nameof(result));
            if (metrics == null) throw new ArgumentNullException(nameof(metrics));
            var extra = CheckedExtras(extraMetrics);
            var head = new EvidenceEntry(timestamp.ToUniversalTime(), metrics.PolicyId, metrics.TaskCount, metrics.AgentCount, metrics.SkewRatio, metrics.FairnessLabel);
            return new EvidenceEntry(head, metrics.AssignedCount, metrics.UnassignedCount, CurrentModuleVersion,
                CanonicalInput.TasksDigest(result.Tasks), CanonicalInput.AgentsDigest(result.Agents), CanonicalInput.PolicyDigest(result.Policy),
                EvidenceDigests.Decisions(result), extra, null, null, null, 0, -1, EvidenceRun.Of(result));
        }

        private static EvidenceMetric[] CheckedExtras(IEnumerable<EvidenceMetric>? extraMetrics)
        {
            var extra = extraMetrics == null ? NoMetrics : new List<EvidenceMetric>(extraMetrics).ToArray();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var m in extra)
            {
                if (m == null) throw new ArgumentException("An extra metric is null.", nameof(extraMetrics));
                if (!names.Add(m.Name)) throw new ArgumentException("The extra metric '" + m.Name + "' is given twice.", nameof(extraMetrics));
            }
            return extra;
        }

        /// <summary>
        /// The weight-aware figures of a run as extra evidence fields (SPEC.md 5.1), in this order:
        /// weighted_skew_ratio, max_abs_lag, jain_index, weighted_jain_index, gini, weighted_gini,
        /// wait_mean, wait_p95, wait_max.
        /// </summary>
        public static EvidenceMetric[] WeightAwareMetrics(AllocationMetrics metrics)
        {
            if (metrics == null) throw new ArgumentNullException(nameof(metrics));
            return new[]
            {
                new EvidenceMetric("weighted_skew_ratio", metrics.WeightedSkewRatio), new EvidenceMetric("max_abs_lag", metrics.MaxAbsLag),
                new EvidenceMetric("jain_index", metrics.JainIndex), new EvidenceMetric("weighted_jain_index", metrics.WeightedJainIndex),
                new EvidenceMetric("gini", metrics.Gini), new EvidenceMetric("weighted_gini", metrics.WeightedGini),
                new EvidenceMetric("wait_mean", metrics.WaitMean), new EvidenceMetric("wait_p95", metrics.WaitP95), new EvidenceMetric("wait_max", metrics.WaitMax),
            };
        }

        /// <summary>
        /// A new, appendable entry for a stream (SPEC.md 7.7): its metrics and digests so far. Seals the stream (an
        /// incomplete stream accepts no more tasks): the tasks digest covers the tasks received, the decisions digest
        /// the decisions made.
        /// </summary>
        public static EvidenceEntry For(AllocationStream stream, DateTime timestamp, IEnumerable<EvidenceMetric>? extraMetrics = null)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            stream.Seal();
            var metrics = AllocationMetrics.Of(stream);
            var head = new EvidenceEntry(timestamp.ToUniversalTime(), metrics.PolicyId, stream.TaskCount, metrics.AgentCount, metrics.SkewRatio, metrics.FairnessLabel);
            return new EvidenceEntry(head, metrics.AssignedCount, stream.TaskCount - metrics.AssignedCount, CurrentModuleVersion,
                stream.TasksDigest, stream.AgentsDigest, stream.PolicyDigest, stream.DecisionsDigest, CheckedExtras(extraMetrics), null, null, null, 0, -1, EvidenceRun.Of(stream));
        }

        /// <summary>The engine's informational version without any <c>+commit</c> suffix (the <c>module_version</c> of new lines).</summary>
        public static string CurrentModuleVersion { get; } = ReadModuleVersion();

        /// <summary>When the run was logged, UTC, microsecond precision.</summary>
        public DateTime Timestamp { get; }

        /// <summary>
        /// The timestamp as the line writes it (<c>2026-11-27T03:04:05.123456Z</c>): what Export-Csv keeps, where it writes a
        /// DateTime to the second in the current culture, without its zone (SPEC.md 8.7).
        /// </summary>
        public string TimestampText => EvidenceFormat.FormatTimestamp(Timestamp);

        /// <summary>The run's policy id.</summary>
        public string PolicyId { get; }

        /// <summary>Tasks in the run.</summary>
        public int TaskCount { get; }

        /// <summary>Agents in the run.</summary>
        public int AgentCount { get; }

        /// <summary>The run's skew ratio.</summary>
        public double SkewRatio { get; }

        /// <summary>The run's fairness label.</summary>
        public string FairnessLabel { get; }

        /// <summary>Tasks given to an agent; null on a legacy line.</summary>
        public int? AssignedCount { get; }

        /// <summary>Tasks no agent could take; null on a legacy line.</summary>
        public int? UnassignedCount { get; }

        /// <summary>The engine version that wrote the line; null on a legacy line.</summary>
        public string? ModuleVersion { get; }

        /// <summary>SHA-256 of the canonical tasks (SPEC.md 4.2); null on a legacy line.</summary>
        public string? TasksDigest { get; }

        /// <summary>SHA-256 of the canonical agents; null on a legacy line.</summary>
        public string? AgentsDigest { get; }

        /// <summary>SHA-256 of the canonical policy; null on a legacy line.</summary>
        public string? PolicyDigest { get; }

        /// <summary>SHA-256 of the canonical decisions (SPEC.md 5.3); null on a legacy line.</summary>
        public string? DecisionsDigest { get; }

        /// <summary>
        /// How the run was made (SPEC.md 5.1, 7.10): a stream, or a batch that continued a state, with what replay needs;
        /// null for a batch on its own, and on lines written before run modes were recorded.
        /// </summary>
        public EvidenceRun? Run { get; }

        /// <summary>Extra numeric fields in line order (empty when none); an <see cref="EvidenceMetricList"/>, which PowerShell sees as a dictionary name -> value.</summary>
        public IReadOnlyList<EvidenceMetric> ExtraMetrics { get; }

        /// <summary>The previous line's hash (64 zeros on the first line); null on a legacy line or a new entry.</summary>
        public string? Prev { get; }

        /// <summary>The line's hash; null on a legacy line or a new entry.</summary>
        public string? Hash { get; }

        /// <summary>The line's HMAC-SHA256 signature; null when unsigned.</summary>
        public string? Sig { get; }

        /// <summary>True when the line carries the chain fields (it was written by this version or later).</summary>
        public bool IsChained => Hash != null;

        /// <summary>True when the line carries a signature (whether it is right is for the verifier).</summary>
        public bool IsSigned => Sig != null;

        /// <summary>True when the entry has the digests an append needs.</summary>
        public bool HasDigests => DecisionsDigest != null;

        /// <summary>1-based line in the log it was read from; 0 for a new or just-appended entry.</summary>
        public int LineNumber { get; }

        /// <summary>Byte offset of the line's start in the log; -1 when unknown.</summary>
        public long ByteOffset { get; }

        /// <summary>The value of an extra metric, or null when the line has none of that name.</summary>
        public double? GetExtraMetric(string name)
        {
            foreach (var m in ExtraMetrics) if (string.Equals(m.Name, name, StringComparison.Ordinal)) return m.Value;
            return null;
        }

        /// <inheritdoc />
        public override string ToString() => EvidenceFormat.FormatTimestamp(Timestamp) + " " + PolicyId + " " + FairnessLabel + (Hash == null ? "" : " " + Hash.Substring(0, 12));

        internal EvidenceEntry WithChain(string prev, string hash, string? sig, int lineNumber, long byteOffset) =>
            new EvidenceEntry(this, AssignedCount!.Value, UnassignedCount!.Value, ModuleVersion!, TasksDigest!, AgentsDigest!, PolicyDigest!, DecisionsDigest!, ((EvidenceMetricList)ExtraMetrics).ToArray(), prev, hash, sig, lineNumber, byteOffset, Run);

        private static DateTime ToMicroseconds(DateTime t) => new DateTime(t.Ticks - t.Ticks % 10, t.Kind);

        private static string ReadModuleVersion()
        {
            var asm = typeof(EvidenceEntry).Assembly;
            var info = asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(info)) info = asm.GetName().Version?.ToString() ?? "0.0.0";
            int plus = info!.IndexOf('+');
            return plus >= 0 ? info.Substring(0, plus) : info;
        }
    }
}
