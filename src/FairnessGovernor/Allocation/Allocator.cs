using System;
using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Allocation
{
    /// <summary>Runs one allocation: dispatch order, strategy, capacity, quotas. Deterministic.</summary>
    public static class Allocator
    {
        /// <summary>Allocates <paramref name="tasks"/> among <paramref name="agents"/> under <paramref name="policy"/>.</summary>
        public static AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy) =>
            Allocate(tasks, agents, policy, null);

        /// <summary>
        /// Allocates <paramref name="tasks"/> among <paramref name="agents"/> under <paramref name="policy"/>;
        /// <paramref name="options"/> (null = <see cref="AllocationOptions.Default"/>) never changes a decision.
        /// </summary>
        public static AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions? options)
        {
            if (tasks == null) throw new ArgumentNullException(nameof(tasks));
            if (agents == null) throw new ArgumentNullException(nameof(agents));
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            options ??= AllocationOptions.Default;

            return Run(tasks, agents, policy, options, null, null, out _);
        }

        /// <summary>
        /// Allocates as <see cref="Allocate(IReadOnlyList{FairTask}, IReadOnlyList{FairAgent}, FairnessPolicy, AllocationOptions)"/>,
        /// continuing from <paramref name="state"/> (SPEC.md 7): the strategy's position and the cumulative counts carry
        /// over, so consecutive runs decide as one sequence would. Returns the run; <paramref name="next"/> is the state
        /// after it (<paramref name="state"/> itself is not changed).
        /// </summary>
        public static AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions? options,
            GovernorState state, out GovernorState next) => Allocate(tasks, agents, policy, options, state, null, out next);

        /// <summary>
        /// As the overload without <paramref name="asOf"/>, for a run at <paramref name="asOf"/> (SPEC.md 7.10; taken as
        /// UTC; null: no run time): the carried usage is first decayed to it under the policy's usage_half_life, and the
        /// next state records it (the later of it and the state's time). The run time is an input, like the tasks: the
        /// caller chooses the clock (now, <c>-AsOf</c>, a database server's time).
        /// </summary>
        public static AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions? options,
            GovernorState state, DateTime? asOf, out GovernorState next)
        {
            if (tasks == null) throw new ArgumentNullException(nameof(tasks));
            if (agents == null) throw new ArgumentNullException(nameof(agents));
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            if (state == null) throw new ArgumentNullException(nameof(state));
            var result = Run(tasks, agents, policy, options ?? AllocationOptions.Default, state, asOf.HasValue ? UsageClock.Utc(asOf.Value) : (DateTime?)null, out var after);
            next = after!;
            return result;
        }

        private static AllocationResult Run(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions options,
            GovernorState? state, DateTime? asOf, out GovernorState? next)
        {
            var start = state == null ? null : UsageClock.Advance(state, asOf, policy.UsageHalfLife);
            int n = tasks.Count;
            bool[]? promoted = null;
            var order = policy.MaxBypass.HasValue && policy.RespectPriority
                ? DispatchOrder.WithBypass(tasks, policy.MaxBypass.Value, out promoted)
                : DispatchOrder.Of(tasks, policy.RespectPriority);
            var core = new AllocationCore(agents, policy, n, options.Explain, start);
            var skipped = options.Explain ? new SkippedList?[n] : null;
            var reasons = new byte[n];
            var agentOf = new int[n];
            var store = TaskColumns.Of(tasks);
            bool needTask = options.Explain || core.UsesGroups;
            for (int k = 0; k < n; k++)
            {
                // The task itself matters only for its group (quotas) and explain mode; a compact store gives the group directly.
                int a = !needTask ? core.Decide((string?)null, out int code, out var why)
                    : store != null ? core.Decide(store.Group(order[k]), out code, out why)
                    : core.Decide(tasks[order[k]], out code, out why);
                if (skipped != null) skipped[k] = why;
                agentOf[k] = a;
                if (promoted != null && promoted[k]) code |= DecisionReasons.CodeMaxBypass;
                reasons[k] = (byte)code;
            }
            next = start == null ? null : core.ExportState(start);
            return new AllocationResult(tasks, agents, policy, order, agentOf, core.Counts, core.Unassigned, reasons, skipped, state, state == null ? null : asOf);
        }
    }
}
