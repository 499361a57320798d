using System;
using System.Collections.Generic;

namespace FairnessGovernor.Model
{
    /// <summary>
    /// What a governor carries from one run to the next (SPEC.md 7): per-agent cumulative counts and the
    /// strategy's position (the rotation pointer, the smooth WRR current weights, the lag_bounded epoch).
    /// Immutable: a run taking a state returns a new one and leaves its input unchanged.
    /// </summary>
    public sealed class GovernorState
    {
        /// <summary>The format marker written in every state file (<c>"format"</c>).</summary>
        public const string FormatName = "fairness-governor-state";

        /// <summary>The version of the state file format this engine writes (it reads this one and version 1).</summary>
        public const int FormatVersion = 2;

        /// <summary>The state before any run: no agents, nothing counted.</summary>
        public static GovernorState Empty { get; } = new GovernorState(null, 0, 0, 0, null, 0, 0, new AgentState[0]);

        /// <summary>Creates a state (normally made by the engine or read by <c>State.GovernorStateSerializer</c>).</summary>
        public GovernorState(string? strategy, long runs, long totalTasks, long assignedTasks, string? pointerAgent, int pointerSlot, long step, IReadOnlyList<AgentState> agents)
            : this(strategy, runs, totalTasks, assignedTasks, pointerAgent, pointerSlot, step, agents, null)
        {
        }

        /// <summary>
        /// Creates a state with the time of its last run (<paramref name="asOf"/>, UTC; null: none recorded). An agent
        /// whose entitlement is not known (NaN) gets the one a version 1 file implies: AssignedTasks x its weight / the
        /// sum of the state's weights (SPEC.md 7.9).
        /// </summary>
        public GovernorState(string? strategy, long runs, long totalTasks, long assignedTasks, string? pointerAgent, int pointerSlot, long step, IReadOnlyList<AgentState> agents, DateTime? asOf)
        {
            if (agents == null) throw new ArgumentNullException(nameof(agents));
            if (runs < 0) throw new ArgumentOutOfRangeException(nameof(runs));
            if (totalTasks < 0) throw new ArgumentOutOfRangeException(nameof(totalTasks));
            if (assignedTasks < 0 || assignedTasks > totalTasks) throw new ArgumentOutOfRangeException(nameof(assignedTasks));
            if (pointerSlot < 0) throw new ArgumentOutOfRangeException(nameof(pointerSlot));
            if (step < 0) throw new ArgumentOutOfRangeException(nameof(step));
            Strategy = strategy;
            Runs = runs;
            TotalTasks = totalTasks;
            AssignedTasks = assignedTasks;
            PointerAgent = pointerAgent;
            PointerSlot = pointerSlot;
            Step = step;
            AsOf = asOf.HasValue ? DateTime.SpecifyKind(asOf.Value.Kind == DateTimeKind.Local ? asOf.Value.ToUniversalTime() : asOf.Value, DateTimeKind.Utc) : (DateTime?)null;
            var list = new AgentState[agents.Count];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            long weights = 0;
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = agents[i] ?? throw new ArgumentException("An agent state is null.", nameof(agents));
                if (!seen.Add(list[i].Id)) throw new ArgumentException("The agent '" + list[i].Id + "' appears twice.", nameof(agents));
                weights += list[i].Weight;
            }
            for (int i = 0; i < list.Length; i++)
                if (double.IsNaN(list[i].Entitlement))
                    list[i] = list[i].WithEntitlement(weights == 0 ? 0 : (double)assignedTasks * list[i].Weight / weights);
            Agents = list;
        }

        /// <summary>The time (UTC) of the last run that recorded one (SPEC.md 7.10); null when none did. It never moves back.</summary>
        public DateTime? AsOf { get; }

        /// <summary>The strategy whose position the state carries; null before the first run.</summary>
        public string? Strategy { get; }

        /// <summary>How many runs (batches or streams) the state has seen.</summary>
        public long Runs { get; }

        /// <summary>Every task the state has seen, assigned or not.</summary>
        public long TotalTasks { get; }

        /// <summary>Tasks given to an agent over every run.</summary>
        public long AssignedTasks { get; }

        /// <summary>weighted_round_robin: the agent at the rotation pointer; null when none.</summary>
        public string? PointerAgent { get; }

        /// <summary>weighted_round_robin: the slot within the pointer agent's block of weight slots.</summary>
        public int PointerSlot { get; }

        /// <summary>lag_bounded: the step k of the current epoch (0: no epoch to continue).</summary>
        public long Step { get; }

        /// <summary>Every agent ever seen: those of the last run in its order, then the others in their earlier order.</summary>
        public IReadOnlyList<AgentState> Agents { get; }

        /// <summary>The agent with this id, or null.</summary>
        public AgentState? Find(string id)
        {
            foreach (var a in Agents) if (string.Equals(a.Id, id, StringComparison.Ordinal)) return a;
            return null;
        }
    }
}
