using System;
using FairnessGovernor.Metrics;

namespace FairnessGovernor.Evidence
{
    /// <summary>One line of the evidence log: the prototype's fields.</summary>
    public sealed class EvidenceEntry
    {
        /// <summary>Creates an entry.</summary>
        public EvidenceEntry(DateTime timestamp, string policyId, int taskCount, int agentCount, double skewRatio, string fairnessLabel, int lineNumber = 0)
        {
            Timestamp = DateTime.SpecifyKind(timestamp, DateTimeKind.Utc);
            PolicyId = policyId;
            TaskCount = taskCount;
            AgentCount = agentCount;
            SkewRatio = skewRatio;
            FairnessLabel = fairnessLabel;
            LineNumber = lineNumber;
        }

        /// <summary>An entry for a run's metrics at <paramref name="timestamp"/> (UTC).</summary>
        public static EvidenceEntry For(AllocationMetrics metrics, DateTime timestamp) =>
            new EvidenceEntry(timestamp.ToUniversalTime(), metrics.PolicyId, metrics.TaskCount, metrics.AgentCount, metrics.SkewRatio, metrics.FairnessLabel);

        /// <summary>When the run was logged, UTC.</summary>
        public DateTime Timestamp { get; }

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

        /// <summary>1-based line in the log it was read from; 0 for a new entry.</summary>
        public int LineNumber { get; }
    }
}
