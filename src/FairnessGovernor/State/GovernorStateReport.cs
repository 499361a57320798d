using System;
using FairnessGovernor.Model;

namespace FairnessGovernor.State
{
    /// <summary>
    /// A readable view of a state (SPEC.md 7.9): its time, totals and one row per agent with its count, weight,
    /// decayed count, entitlement (its weighted share of the tasks assigned in the runs it took part in, decayed as
    /// the count is: SPEC.md 7.10) and lag (decayed count - entitlement).
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
            AsOf = state.AsOf;
            var rows = new GovernorAgentRow[state.Agents.Count];
            for (int i = 0; i < rows.Length; i++)
            {
                var a = state.Agents[i];
                rows[i] = new GovernorAgentRow(a.Id, a.Weight, a.Count, a.DecayedCount, a.Entitlement, a.Lag);
            }
            Agents = rows;
        }

        /// <summary>The state file; null for an in-memory governor.</summary>
        public string? Path { get; }

        /// <summary>The time (UTC) of the state's last run that recorded one; null when none did.</summary>
        public DateTime? AsOf { get; }

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
}
