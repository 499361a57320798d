using System;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// A run (or a stream) that received no tasks, so has no decisions to stand for it (SPEC.md 1.8):
    /// Invoke-FairAllocation emits it in their place, so the run's metrics (zero counts) and its evidence line are
    /// not lost downstream. Flat, like every output type (SPEC.md 8.7): the run itself is reached by methods.
    /// </summary>
    public sealed class EmptyRun
    {
        private readonly AllocationResult? _run;
        private readonly AllocationStream? _stream;

        /// <summary>A batch run with no tasks.</summary>
        public EmptyRun(AllocationResult run)
        {
            _run = run ?? throw new ArgumentNullException(nameof(run));
            if (run.Count != 0) throw new ArgumentException("The run has decisions.", nameof(run));
            RunId = run.RunId;
            PolicyId = run.Policy.PolicyId;
            AgentCount = run.Agents.Count;
        }

        /// <summary>A stream that received no tasks.</summary>
        public EmptyRun(AllocationStream stream)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            if (stream.TaskCount != 0) throw new ArgumentException("The stream received tasks.", nameof(stream));
            RunId = stream.RunId;
            PolicyId = stream.Policy.PolicyId;
            AgentCount = stream.Agents.Count;
        }

        /// <summary>The run's id (what its decisions' RunId would be).</summary>
        public string RunId { get; }

        /// <summary>The run's policy id.</summary>
        public string PolicyId { get; }

        /// <summary>The agents of the run.</summary>
        public int AgentCount { get; }

        /// <summary>Always 0: the run had no tasks.</summary>
        public int TaskCount => 0;

        /// <summary>The batch run (null for a stream).</summary>
        public AllocationResult? GetRun() => _run;

        /// <summary>The stream (null for a batch run).</summary>
        public AllocationStream? GetStream() => _stream;

        /// <inheritdoc />
        public override string ToString() => "empty run " + RunId + " (policy '" + PolicyId + "', " + AgentCount + " agents, no tasks)";
    }
}
