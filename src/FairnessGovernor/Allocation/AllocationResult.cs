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
        private string? _runId;

        internal AllocationResult(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, int[] order, int[] agentOf, int[] counts, int unassigned)
        {
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

        /// <summary>The decision at dispatch position <paramref name="sequence"/> (0-based).</summary>
        public AllocationDecision GetDecision(int sequence)
        {
            if ((uint)sequence >= (uint)_order.Length) throw new ArgumentOutOfRangeException(nameof(sequence));
            var task = Tasks[_order[sequence]];
            int a = _agentOf[sequence];
            return new AllocationDecision(this, sequence + 1, task, a < 0 ? null : Agents[a]);
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
        private readonly AllocationResult _run;

        internal AllocationDecision(AllocationResult run, int sequence, FairTask task, FairAgent? agent)
        {
            _run = run;
            Sequence = sequence;
            TaskId = task.Id;
            Priority = task.Priority;
            AgentId = agent?.Id;
        }

        /// <summary>1-based position in dispatch order.</summary>
        public int Sequence { get; }

        /// <summary>The task's id.</summary>
        public string TaskId { get; }

        /// <summary>The chosen agent's id; null when unassigned.</summary>
        public string? AgentId { get; }

        /// <summary>Assigned or Unassigned.</summary>
        public string Status => AgentId == null ? DecisionStatus.Unassigned : DecisionStatus.Assigned;

        /// <summary>The task's priority: high, normal or low.</summary>
        public string Priority { get; }

        /// <summary>The policy the run used.</summary>
        public string PolicyId => _run.Policy.PolicyId;

        /// <summary>The run's deterministic id (see <see cref="AllocationResult.RunId"/>).</summary>
        public string RunId => _run.RunId;

        /// <summary>The run this decision belongs to (a method, so it stays out of exported JSON).</summary>
        public AllocationResult GetRun() => _run;

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
