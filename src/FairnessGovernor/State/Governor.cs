using System;
using System.Collections.Generic;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;

namespace FairnessGovernor.State
{
    /// <summary>
    /// An in-memory governor (SPEC.md 7.8): keeps a <see cref="GovernorState"/> across allocations in one process,
    /// as a state file does across processes. Thread-safe: allocations on one governor are serialised.
    /// </summary>
    public sealed class Governor
    {
        private readonly object _gate = new object();
        private GovernorState _state;

        /// <summary>A governor starting from <paramref name="state"/> (null: <see cref="GovernorState.Empty"/>).</summary>
        public Governor(GovernorState? state = null) => _state = state ?? GovernorState.Empty;

        /// <summary>The state after the last allocation.</summary>
        public GovernorState State { get { lock (_gate) return _state; } }

        /// <summary>Runs carried so far.</summary>
        public long Runs => State.Runs;

        /// <summary>Tasks seen so far, over every run.</summary>
        public long TotalTasks => State.TotalTasks;

        /// <summary>Allocates continuing the governor's state, and keeps the state after the run. A failed run changes nothing.</summary>
        public AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions? options = null) =>
            Allocate(tasks, agents, policy, options, _ => true);

        /// <summary>
        /// Allocates continuing the governor's state, and keeps the state after the run only when <paramref name="keep"/>
        /// says so (asked under the governor's lock, with the state the run would leave: -WhatIf answers no). A failed
        /// run changes nothing.
        /// </summary>
        public AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions? options, Func<GovernorState, bool> keep) =>
            Allocate(tasks, agents, policy, options, null, keep);

        /// <summary>As the overload without <paramref name="asOf"/>, for a run at <paramref name="asOf"/> (SPEC.md 7.10; null: no run time).</summary>
        public AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions? options, DateTime? asOf, Func<GovernorState, bool> keep)
        {
            if (keep == null) throw new ArgumentNullException(nameof(keep));
            lock (_gate)
            {
                var result = Allocator.Allocate(tasks, agents, policy, options, _state, asOf, out var next);
                if (keep(next)) _state = next;
                return result;
            }
        }

        /// <summary>
        /// Starts a stream from the governor's current state; <see cref="Commit"/> its completed stream to keep the
        /// state after it (a stream that is not committed leaves the governor unchanged).
        /// </summary>
        public AllocationStream OpenStream(IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationStreamOptions? options = null) =>
            new AllocationStream(agents, policy, options, State);

        /// <summary>Keeps the state after a completed stream opened with <see cref="OpenStream"/>.</summary>
        public void Commit(AllocationStream stream)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (!stream.IsCompleted || stream.NextState == null) throw new InvalidOperationException("The stream is not complete, or did not start from a state.");
            lock (_gate) _state = stream.NextState;
        }

        /// <summary>Forgets everything: back to <see cref="GovernorState.Empty"/>.</summary>
        public void Reset()
        {
            lock (_gate) _state = GovernorState.Empty;
        }

        /// <inheritdoc />
        public override string ToString() => "Governor (" + Runs + " runs, " + TotalTasks + " tasks)";
    }
}
