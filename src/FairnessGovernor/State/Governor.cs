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
        public AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions? options = null)
        {
            lock (_gate)
            {
                var result = Allocator.Allocate(tasks, agents, policy, options, _state, out var next);
                _state = next;
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

    /// <summary>
    /// A readable view of a state (SPEC.md 7.9): totals and one row per agent with its count, weight, entitlement
    /// (the assigned total shared by the latest weights) and lag (count - entitlement).
    /// </summary>
    public sealed class GovernorStateReport
    {
        /// <summary>The report of <paramref name="state"/>; <paramref name="path"/> is the state file, when there is one.</summary>
        public GovernorStateReport(GovernorState state, string? path)
        {
            if (state == null) throw new ArgumentNullException(nameof(state));
            Path = path;
            Strategy = state.Strategy;
            Runs = state.Runs;
            TotalTasks = state.TotalTasks;
            AssignedTasks = state.AssignedTasks;
            long weights = 0;
            foreach (var a in state.Agents) weights += a.Weight;
            var rows = new GovernorAgentRow[state.Agents.Count];
            for (int i = 0; i < rows.Length; i++)
            {
                var a = state.Agents[i];
                double e = weights == 0 ? 0 : (double)state.AssignedTasks * a.Weight / weights;
                rows[i] = new GovernorAgentRow(a.Id, a.Weight, a.Count, e, a.Count - e);
            }
            Agents = rows;
        }

        /// <summary>The state file; null for an in-memory governor.</summary>
        public string? Path { get; }

        /// <summary>The strategy whose position the state carries.</summary>
        public string? Strategy { get; }

        /// <summary>Runs carried.</summary>
        public long Runs { get; }

        /// <summary>Tasks seen, assigned or not.</summary>
        public long TotalTasks { get; }

        /// <summary>Tasks given to an agent.</summary>
        public long AssignedTasks { get; }

        /// <summary>One row per agent.</summary>
        public GovernorAgentRow[] Agents { get; }
    }

    /// <summary>One agent's cumulative figures in a <see cref="GovernorStateReport"/>.</summary>
    public sealed class GovernorAgentRow
    {
        internal GovernorAgentRow(string agentId, int weight, long count, double entitlement, double lag)
        {
            AgentId = agentId;
            Weight = weight;
            Count = count;
            Entitlement = entitlement;
            Lag = lag;
        }

        /// <summary>The agent's id.</summary>
        public string AgentId { get; }

        /// <summary>Its latest weight.</summary>
        public int Weight { get; }

        /// <summary>Tasks assigned to it over every run.</summary>
        public long Count { get; }

        /// <summary>Its weighted share of every assigned task: assigned x weight / sum of weights.</summary>
        public double Entitlement { get; }

        /// <summary>Count - Entitlement.</summary>
        public double Lag { get; }
    }
}
