using System;
using System.Collections.Generic;
using FairnessGovernor.State;

namespace FairnessGovernor.Report
{
    /// <summary>
    /// Where cumulative fairness stands, as the report's state section draws it (SPEC.md 9.2): totals and one row per
    /// agent. <see cref="Of"/> reads a <see cref="GovernorStateReport"/>; a state that decays usage adds each agent's
    /// decayed count and the time it was decayed to.
    /// </summary>
    public sealed class StateFigures
    {
        /// <summary>Figures of a state; <paramref name="source"/> names where it came from (a file name).</summary>
        public StateFigures(string? source, string? strategy, long runs, long totalTasks, long assignedTasks, IReadOnlyList<StateAgentFigures> agents, DateTime? asOf = null)
        {
            Source = source;
            Strategy = strategy;
            Runs = runs;
            TotalTasks = totalTasks;
            AssignedTasks = assignedTasks;
            Agents = agents ?? throw new ArgumentNullException(nameof(agents));
            AsOf = asOf;
        }

        /// <summary>The state file's name, or null for an in-memory state.</summary>
        public string? Source { get; }

        /// <summary>The strategy whose position the state carries.</summary>
        public string? Strategy { get; }

        /// <summary>Runs carried.</summary>
        public long Runs { get; }

        /// <summary>Tasks seen, assigned or not.</summary>
        public long TotalTasks { get; }

        /// <summary>Tasks given to an agent.</summary>
        public long AssignedTasks { get; }

        /// <summary>One row per agent, in the state's order.</summary>
        public IReadOnlyList<StateAgentFigures> Agents { get; }

        /// <summary>The time the decayed counts are taken at, when the state decays usage.</summary>
        public DateTime? AsOf { get; }

        /// <summary>Whether any agent has a decayed count.</summary>
        public bool HasDecayedCounts
        {
            get
            {
                foreach (var a in Agents) if (a.DecayedCount.HasValue) return true;
                return false;
            }
        }

        /// <summary>
        /// The figures of a state report (Get-FairnessState's object). Decayed counts are shown when usage decayed (some
        /// agent's DecayedCount differs from its Count, SPEC.md 7.10); otherwise they equal the counts and say nothing.
        /// </summary>
        public static StateFigures Of(GovernorStateReport report)
        {
            if (report == null) throw new ArgumentNullException(nameof(report));
            var rows = new StateAgentFigures[report.Agents.Length];
            bool decayed = false;
            foreach (var a in report.Agents) if (a.DecayedCount != a.Count) decayed = true;
            for (int i = 0; i < rows.Length; i++)
            {
                var a = report.Agents[i];
                rows[i] = new StateAgentFigures(a.AgentId, a.Weight, a.Count, a.Entitlement, a.Lag, decayed ? a.DecayedCount : (double?)null);
            }
            return new StateFigures(report.Path == null ? null : System.IO.Path.GetFileName(report.Path), report.Strategy, report.Runs, report.TotalTasks, report.AssignedTasks, rows, report.AsOf);
        }
    }
}
