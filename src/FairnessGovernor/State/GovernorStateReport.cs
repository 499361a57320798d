using System;
using FairnessGovernor.Model;

namespace FairnessGovernor.State
{
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
}
