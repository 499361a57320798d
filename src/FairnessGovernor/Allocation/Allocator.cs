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

            return Run(tasks, agents, policy, options, null, out _);
        }

        /// <summary>
        /// Allocates as <see cref="Allocate(IReadOnlyList{FairTask}, IReadOnlyList{FairAgent}, FairnessPolicy, AllocationOptions)"/>,
        /// continuing from <paramref name="state"/> (SPEC.md 7): the strategy's position and the cumulative counts carry
        /// over, so consecutive runs decide as one sequence would. Returns the run; <paramref name="next"/> is the state
        /// after it (<paramref name="state"/> itself is not changed).
        /// </summary>
        public static AllocationResult Allocate(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions? options,
            GovernorState state, out GovernorState next)
        {
            if (tasks == null) throw new ArgumentNullException(nameof(tasks));
            if (agents == null) throw new ArgumentNullException(nameof(agents));
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            if (state == null) throw new ArgumentNullException(nameof(state));
            var result = Run(tasks, agents, policy, options ?? AllocationOptions.Default, state, out var after);
            next = after!;
            return result;
        }

        private static AllocationResult Run(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions options,
            GovernorState? state, out GovernorState? next)
        {
            int n = tasks.Count;
            bool[]? promoted = null;
            var order = policy.MaxBypass.HasValue && policy.RespectPriority
                ? DispatchOrder.WithBypass(tasks, policy.MaxBypass.Value, out promoted)
                : DispatchOrder.Of(tasks, policy.RespectPriority);
            var core = new AllocationCore(agents, policy, n, options.Explain, state);
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
            next = state == null ? null : core.ExportState(state);
            return new AllocationResult(tasks, agents, policy, order, agentOf, core.Counts, core.Unassigned, reasons, skipped);
        }
    }
}
