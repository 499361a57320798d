using FairnessGovernor.Model;

namespace FairnessGovernor.Allocation
{
    /// <summary>One task's outcome (SPEC.md 2.3). Shallow, string-valued, so it exports cleanly to JSON and CSV.</summary>
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
        public string TaskId => _taskId ??= TaskColumns.Of(_run!.Tasks)!.Id(_taskIndex);

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
}
