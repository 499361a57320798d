using System;
using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// Brings a carried state to a run's time (SPEC.md 7.10): with a usage_half_life H, every agent's decayed count
    /// and entitlement (so its lag) is multiplied by 2^(-dt/H), dt the run's time minus the state's time (below zero
    /// counts as zero: clocks of different hosts); the state's time becomes the later of the two, so it never moves
    /// back. Without a run time, or a half-life, or a state time, nothing decays.
    /// </summary>
    public static class UsageClock
    {
        /// <summary>The decay factor 2^(-dt/H) for a state at <paramref name="stateTime"/> and a run at <paramref name="runTime"/>; 1 when either is missing.</summary>
        public static double Factor(DateTime? stateTime, DateTime? runTime, TimeSpan? halfLife)
        {
            if (!stateTime.HasValue || !runTime.HasValue || !halfLife.HasValue || halfLife.Value <= TimeSpan.Zero) return 1.0;
            long dt = Utc(runTime.Value).Ticks - Utc(stateTime.Value).Ticks;
            if (dt <= 0) return 1.0;
            return Math.Pow(2.0, -(double)dt / halfLife.Value.Ticks);
        }

        /// <summary>
        /// <paramref name="state"/> as a run at <paramref name="runTime"/> (UTC; null: no clock) under
        /// <paramref name="halfLife"/> (null: no decay) starts from it.
        /// </summary>
        public static GovernorState Advance(GovernorState state, DateTime? runTime, TimeSpan? halfLife)
        {
            if (state == null) throw new ArgumentNullException(nameof(state));
            DateTime? asOf = state.AsOf;
            if (runTime.HasValue && (!asOf.HasValue || Utc(runTime.Value) > asOf.Value)) asOf = Utc(runTime.Value);
            double f = Factor(state.AsOf, runTime, halfLife);
            if (f == 1.0 && asOf == state.AsOf) return state;
            var agents = new List<AgentState>(state.Agents.Count);
            foreach (var a in state.Agents)
                agents.Add(f == 1.0 ? a : new AgentState(a.Id, a.Weight, a.Count, a.CurrentWeight, a.InEpoch, a.EpochCount, a.DecayedCount * f, a.Entitlement * f));
            return new GovernorState(state.Strategy, state.Runs, state.TotalTasks, state.AssignedTasks, state.PointerAgent, state.PointerSlot, state.Step, agents, asOf);
        }

        /// <summary>A time as UTC: Local is converted, Unspecified is taken as UTC.</summary>
        public static DateTime Utc(DateTime t) =>
            t.Kind == DateTimeKind.Utc ? t : t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);
    }
}
