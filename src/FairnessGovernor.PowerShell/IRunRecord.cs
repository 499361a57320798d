using System.Collections.Generic;
using FairnessGovernor.Evidence;
using FairnessGovernor.Model;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// What the metrics and evidence cmdlets need of the run a decision came from, whether a batch run
    /// (AllocationResult) or a stream (AllocationStream, SPEC.md 7.7): get one with <see cref="RunRecord.Of"/>.
    /// Two records are equal when they stand for the same run, so they can key the grouping of decisions.
    /// </summary>
    internal interface IRunRecord
    {
        /// <summary>The run's deterministic id.</summary>
        string RunId { get; }

        /// <summary>The policy the run used.</summary>
        FairnessPolicy Policy { get; }

        /// <summary>How many tasks the run decided (for a stream: received so far).</summary>
        int TaskCount { get; }

        /// <summary>A new group to collect this run's decisions for Get-FairnessMetrics (SPEC.md 8.4).</summary>
        MetricsGroup NewMetricsGroup();

        /// <summary>The evidence entry for the run, timestamped now (SPEC.md 8.5); a stream not yet complete is sealed first.</summary>
        EvidenceEntry ToEvidenceEntry();
    }
}
