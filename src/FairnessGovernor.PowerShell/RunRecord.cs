using System;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.PowerShell
{
    /// <summary>The <see cref="IRunRecord"/> of a decision's run: an adapter over its AllocationResult or its AllocationStream.</summary>
    internal static class RunRecord
    {
        /// <summary>The run <paramref name="decision"/> belongs to.</summary>
        public static IRunRecord Of(AllocationDecision decision)
        {
            var stream = decision.GetStream();
            return stream != null ? new StreamRecord(stream) : (IRunRecord)new BatchRecord(decision.GetRun()!);
        }

        /// <summary>The run of a decision or of an <see cref="EmptyRun"/> (SPEC.md 1.8); null for anything else.</summary>
        public static IRunRecord? OfOutput(object item)
        {
            if (item is AllocationDecision d) return Of(d);
            if (!(item is EmptyRun empty)) return null;
            var stream = empty.GetStream();
            return stream != null ? new StreamRecord(stream) : (IRunRecord)new BatchRecord(empty.GetRun()!);
        }

        private sealed class BatchRecord : IRunRecord, IEquatable<BatchRecord>
        {
            private readonly AllocationResult _run;

            public BatchRecord(AllocationResult run) => _run = run;

            public string RunId => _run.RunId;

            public FairnessPolicy Policy => _run.Policy;

            public int TaskCount => _run.Count;

            public MetricsGroup NewMetricsGroup() => new MetricsGroup(_run);

            public EvidenceEntry ToEvidenceEntry()
            {
                var metrics = AllocationMetrics.Of(_run);
                return EvidenceEntry.For(_run, metrics, DateTime.UtcNow, EvidenceEntry.WeightAwareMetrics(metrics));
            }

            public bool Equals(BatchRecord? other) => other != null && ReferenceEquals(_run, other._run);

            public override bool Equals(object? obj) => Equals(obj as BatchRecord);

            public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_run);
        }

        private sealed class StreamRecord : IRunRecord, IEquatable<StreamRecord>
        {
            private readonly AllocationStream _stream;

            public StreamRecord(AllocationStream stream) => _stream = stream;

            public string RunId => _stream.RunId;

            public FairnessPolicy Policy => _stream.Policy;

            public int TaskCount => _stream.TaskCount;

            public MetricsGroup NewMetricsGroup() => new MetricsGroup(new DecisionTally(_stream.Agents, _stream.Policy));

            public EvidenceEntry ToEvidenceEntry()
            {
                // Its digests cover the tasks received so far (SPEC.md 7.7).
                _stream.Seal();
                return EvidenceEntry.For(_stream, DateTime.UtcNow, EvidenceEntry.WeightAwareMetrics(AllocationMetrics.Of(_stream)));
            }

            public bool Equals(StreamRecord? other) => other != null && ReferenceEquals(_stream, other._stream);

            public override bool Equals(object? obj) => Equals(obj as StreamRecord);

            public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_stream);
        }
    }
}
