using System;
using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// The outcome of one run: every task's decision in dispatch order, plus the inputs it was made
    /// from. Decisions are stored as arrays and materialised as <see cref="AllocationDecision"/> on demand.
    /// </summary>
    public sealed class AllocationResult
    {
        private readonly int[] _order;
        private readonly int[] _agentOf;
        private readonly int[] _counts;
        private readonly byte[] _reasons;
        private readonly SkippedList?[]? _skipped;
        private int[]? _bypassed;
        private double[]? _waits;
        private string? _runId;

        internal AllocationResult(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, int[] order, int[] agentOf, int[] counts, int unassigned, byte[] reasons, SkippedList?[]? skipped,
            GovernorState? startState = null, DateTime? asOf = null)
        {
            StartState = startState;
            AsOf = asOf;
            _reasons = reasons;
            _skipped = skipped;
            Tasks = tasks;
            Agents = agents;
            Policy = policy;
            _order = order;
            _agentOf = agentOf;
            _counts = counts;
            UnassignedCount = unassigned;
        }

        /// <summary>The tasks in input order.</summary>
        public IReadOnlyList<FairTask> Tasks { get; }

        /// <summary>The agents in input order.</summary>
        public IReadOnlyList<FairAgent> Agents { get; }

        /// <summary>The policy of the run.</summary>
        public FairnessPolicy Policy { get; }

        /// <summary>How many decisions (= tasks) the run made.</summary>
        public int Count => _order.Length;

        /// <summary>Tasks no agent could take.</summary>
        public int UnassignedCount { get; }

        /// <summary>Tasks given to an agent.</summary>
        public int AssignedCount => _order.Length - UnassignedCount;

        /// <summary>Tasks per agent, aligned with <see cref="Agents"/>.</summary>
        public IReadOnlyList<int> AgentTaskCounts => _counts;

        /// <summary>
        /// A deterministic id of the run: the first 16 hex digits of the SHA-256 of its canonical inputs, with the
        /// starting state and run time when the run continued a state (SPEC.md 7.10), so two stateful runs of the
        /// same files that decide differently have different ids.
        /// </summary>
        public string RunId => _runId ??= CanonicalInput.Digest(Tasks, Agents, Policy, StartState, AsOf).Substring(0, 16);

        /// <summary>The state the run continued, as it was given (before any decay); null for a run on its own.</summary>
        public GovernorState? StartState { get; }

        /// <summary>The run time of a run that continued a state (UTC); null when none was given or there was no state.</summary>
        public DateTime? AsOf { get; }

        /// <summary>The input index of the task dispatched at position <paramref name="sequence"/> (0-based).</summary>
        public int TaskIndexAt(int sequence) => _order[sequence];

        /// <summary>The agent index chosen at position <paramref name="sequence"/> (0-based), or -1 when unassigned.</summary>
        public int AgentIndexAt(int sequence) => _agentOf[sequence];

        /// <summary>Whether the run recorded explanations (<see cref="AllocationOptions.Explain"/>).</summary>
        public bool Explained => _skipped != null;

        /// <summary>The reason of the decision at position <paramref name="sequence"/> (0-based; SPEC.md 6.4).</summary>
        public string ReasonAt(int sequence) => DecisionReasons.Text(_reasons[sequence]);

        /// <summary>Explain mode: the agents passed over at position <paramref name="sequence"/> (0-based) and why; null when not explained.</summary>
        public SkippedList? SkippedAt(int sequence) => _skipped?[sequence];

        /// <summary>
        /// How many tasks that come after the task at <paramref name="sequence"/> (0-based) in input order were
        /// dispatched before it (SPEC.md 6.2). All values are computed on first use in O(n log n).
        /// </summary>
        public int BypassedAt(int sequence) => (_bypassed ??= ComputeBypassed())[sequence];

        /// <summary>
        /// The wait of the task at <paramref name="sequence"/> (0-based): start - arrival, where each agent works
        /// its tasks in dispatch order (SPEC.md 6.5); null when unassigned. Computed on first use in O(n).
        /// </summary>
        public double? WaitAt(int sequence)
        {
            double w = (_waits ??= ComputeWaits())[sequence];
            return double.IsNaN(w) ? (double?)null : w;
        }

        private int[] ComputeBypassed()
        {
            int n = _order.Length;
            var result = new int[n];
            var tree = new int[n + 1]; // Fenwick tree over input indexes: dispatched so far
            for (int k = 0; k < n; k++)
            {
                int t = _order[k];
                int before = 0;
                for (int i = t; i > 0; i -= i & -i) before += tree[i];
                result[k] = k - before;
                for (int i = t + 1; i <= n; i += i & -i) tree[i]++;
            }
            return result;
        }

        private double[] ComputeWaits()
        {
            int n = _order.Length;
            var free = new double[Agents.Count];
            var waits = new double[n];
            var store = TaskColumns.Of(Tasks);
            for (int k = 0; k < n; k++)
            {
                int a = _agentOf[k];
                if (a < 0) { waits[k] = double.NaN; continue; }
                double arrival, duration;
                if (store != null) { arrival = store.Arrival(_order[k]); duration = store.Duration(_order[k]); }
                else { var task = Tasks[_order[k]]; arrival = task.Arrival; duration = task.Duration; }
                double start = Math.Max(free[a], arrival);
                waits[k] = start - arrival;
                free[a] = start + duration;
            }
            return waits;
        }

        /// <summary>The decision at dispatch position <paramref name="sequence"/> (0-based).</summary>
        public AllocationDecision GetDecision(int sequence)
        {
            if ((uint)sequence >= (uint)_order.Length) throw new ArgumentOutOfRangeException(nameof(sequence));
            int a = _agentOf[sequence];
            int t = _order[sequence];
            var store = TaskColumns.Of(Tasks);
            if (store != null)
                return new AllocationDecision(this, sequence + 1, null, t, TaskPriorityNames.ToName(store.Level(t)), store.Group(t), a < 0 ? null : Agents[a]);
            var task = Tasks[t];
            return new AllocationDecision(this, sequence + 1, task.Id, t, task.Priority, task.Group, a < 0 ? null : Agents[a]);
        }

        /// <summary>All decisions in dispatch order.</summary>
        public IEnumerable<AllocationDecision> Decisions()
        {
            for (int i = 0; i < _order.Length; i++) yield return GetDecision(i);
        }
    }
}
