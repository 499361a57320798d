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

        internal AllocationResult(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, int[] order, int[] agentOf, int[] counts, int unassigned, byte[] reasons, SkippedList?[]? skipped)
        {
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

        /// <summary>A deterministic id of the run: the first 16 hex digits of the SHA-256 of its canonical inputs.</summary>
        public string RunId => _runId ??= CanonicalInput.Digest(Tasks, Agents, Policy).Substring(0, 16);

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
            var store = Tasks as TaskStore;
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
            if (Tasks is TaskStore store)
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

    /// <summary>One task's outcome. Shallow, string-valued, so it exports cleanly to JSON and CSV.</summary>
    public sealed class AllocationDecision
    {
        private readonly AllocationResult? _run;
        private readonly AllocationStream? _stream;

        internal AllocationDecision(AllocationStream stream, int sequence, FairTask task, FairAgent? agent, string reason, int bypassed, double? wait, SkippedList? skipped)
        {
            _stream = stream;
            Sequence = sequence;
            _taskId = task.Id;
            Priority = task.Priority;
            AgentId = agent?.Id;
            Group = task.Group;
            Reason = reason;
            Bypassed = bypassed;
            Wait = wait;
            Skipped = skipped;
        }

        /// <summary>A decision of a batch run, read from the run's arrays.</summary>
        /// <param name="run">The run it belongs to.</param>
        /// <param name="sequence">Its 1-based place in the dispatch order.</param>
        /// <param name="taskId">The task's id; null when the run's tasks are a compact store (the id is made on first read).</param>
        /// <param name="taskIndex">The task's index in the run's input.</param>
        /// <param name="priority">The task's priority name.</param>
        /// <param name="group">The task's quota group, or null.</param>
        /// <param name="agent">The chosen agent, or null when unassigned.</param>
        internal AllocationDecision(AllocationResult run, int sequence, string? taskId, int taskIndex, string priority, string? group, FairAgent? agent)
        {
            _run = run;
            Sequence = sequence;
            _taskId = taskId;
            _taskIndex = taskIndex;
            Priority = priority;
            AgentId = agent?.Id;
            Group = group;
            Reason = run.ReasonAt(sequence - 1);
            Bypassed = run.BypassedAt(sequence - 1);
            Wait = run.WaitAt(sequence - 1);
            Skipped = run.SkippedAt(sequence - 1);
        }

        /// <summary>1-based position in dispatch order.</summary>
        public int Sequence { get; }

        /// <summary>The task's id.</summary>
        public string TaskId => _taskId ??= ((TaskStore)_run!.Tasks).Id(_taskIndex);

        private string? _taskId;
        private readonly int _taskIndex;

        /// <summary>The chosen agent's id; null when unassigned.</summary>
        public string? AgentId { get; }

        /// <summary>Assigned or Unassigned.</summary>
        public string Status => AgentId == null ? DecisionStatus.Unassigned : DecisionStatus.Assigned;

        /// <summary>The task's priority: high, normal or low.</summary>
        public string Priority { get; }

        /// <summary>The task's quota group; null when none.</summary>
        public string? Group { get; }

        /// <summary>
        /// Why the decision came out as it did (SPEC.md 6.4): rotation, smooth_wrr, lag_bounded_deadline for an
        /// assigned task; capacity, max_share, group_quota, no_agents for an unassigned one; '+max_bypass' when
        /// the starvation guard moved the task forward. Tokens are joined by '+'.
        /// </summary>
        public string Reason { get; }

        /// <summary>How many tasks later in input order were dispatched before this one (SPEC.md 6.2).</summary>
        public int Bypassed { get; }

        /// <summary>start - arrival on the chosen agent (SPEC.md 6.5); null when unassigned.</summary>
        public double? Wait { get; }

        /// <summary>
        /// Explain mode only: the agents passed over and why, e.g. "agent-b: capacity"; null otherwise. A read-only list
        /// whose ToString joins the entries with "; " (so Export-Csv shows them).
        /// </summary>
        public SkippedList? Skipped { get; }

        /// <summary>The policy the run used.</summary>
        public string PolicyId => _run != null ? _run.Policy.PolicyId : _stream!.Policy.PolicyId;

        /// <summary>The run's deterministic id (see <see cref="AllocationResult.RunId"/>).</summary>
        public string RunId => _run != null ? _run.RunId : _stream!.RunId;

        /// <summary>The run this decision belongs to (a method, so it stays out of exported JSON); null for a streamed decision (see <see cref="GetStream"/>).</summary>
        public AllocationResult? GetRun() => _run;

        /// <summary>The stream this decision belongs to; null for a batch decision (see <see cref="GetRun"/>).</summary>
        public AllocationStream? GetStream() => _stream;

        /// <inheritdoc />
        public override string ToString() => TaskId + " -> " + (AgentId ?? "(unassigned)");
    }

    /// <summary>The values of <see cref="AllocationDecision.Status"/>.</summary>
    public static class DecisionStatus
    {
        /// <summary>The task went to an agent.</summary>
        public const string Assigned = "Assigned";

        /// <summary>No agent could take the task.</summary>
        public const string Unassigned = "Unassigned";
    }
}
