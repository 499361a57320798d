using System;
using System.Collections.Generic;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.Report
{
    /// <summary>
    /// What the report draws of one run (SPEC.md 9.2): its metrics, its agents and policy, which agent took each decision
    /// in dispatch order, the waits per priority and the decisions by status and reason. Made from a whole batch run
    /// (<see cref="Of(AllocationResult)"/>) or decision by decision (<see cref="RunRecorder"/>) for a stream or a subset.
    /// </summary>
    public sealed class RunFigures
    {
        internal RunFigures(string runId, bool streamed, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationMetrics metrics,
            int[] agentSequence, int decisionCount, double[][] sortedWaitsByLevel, SortedDictionary<string, int> outcomes)
        {
            RunId = runId;
            Streamed = streamed;
            Agents = agents;
            Policy = policy;
            Metrics = metrics;
            AgentSequence = agentSequence;
            DecisionCount = decisionCount;
            SortedWaitsByLevel = sortedWaitsByLevel;
            Outcomes = outcomes;
        }

        /// <summary>The run's id.</summary>
        public string RunId { get; }

        /// <summary>Whether the decisions came from a stream (Invoke-FairAllocation -Stream).</summary>
        public bool Streamed { get; }

        /// <summary>The run's agents in agent order.</summary>
        public IReadOnlyList<FairAgent> Agents { get; }

        /// <summary>The run's policy.</summary>
        public FairnessPolicy Policy { get; }

        /// <summary>The run's metrics (of the decisions the figures cover).</summary>
        public AllocationMetrics Metrics { get; }

        /// <summary>How many decisions the figures cover.</summary>
        public int DecisionCount { get; }

        /// <summary>The agent index of each decision in the order received (-1 for unassigned); the first <see cref="DecisionCount"/> entries count.</summary>
        internal int[] AgentSequence { get; }

        /// <summary>The waits of assigned tasks per priority level (high, normal, low), ascending.</summary>
        internal double[][] SortedWaitsByLevel { get; }

        /// <summary>Decisions per "Status: reason", ordinal order of the key.</summary>
        internal SortedDictionary<string, int> Outcomes { get; }

        /// <summary>The figures of a whole batch run, read from its arrays.</summary>
        public static RunFigures Of(AllocationResult run)
        {
            if (run == null) throw new ArgumentNullException(nameof(run));
            int n = run.Count;
            var sequence = new int[n];
            var waits = new[] { new List<double>(), new List<double>(), new List<double>() };
            var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
            // ReasonAt returns one shared string per reason code: count by reference, name the keys once at the end.
            var assignedBy = new Dictionary<string, int>(ReferenceKeys.Instance);
            var unassignedBy = new Dictionary<string, int>(ReferenceKeys.Instance);
            var store = TaskColumns.Of(run.Tasks);
            for (int k = 0; k < n; k++)
            {
                int a = run.AgentIndexAt(k);
                sequence[k] = a;
                var byReason = a < 0 ? unassignedBy : assignedBy;
                var reason = run.ReasonAt(k);
                byReason.TryGetValue(reason, out int c);
                byReason[reason] = c + 1;
                var w = run.WaitAt(k);
                if (!w.HasValue) continue;
                int t = run.TaskIndexAt(k);
                waits[store != null ? (int)store.Level(t) : (int)run.Tasks[t].Level].Add(w.Value);
            }
            foreach (var p in assignedBy) Count(outcomes, DecisionStatus.Assigned + ": " + p.Key, p.Value);
            foreach (var p in unassignedBy) Count(outcomes, DecisionStatus.Unassigned + ": " + p.Key, p.Value);
            return new RunFigures(run.RunId, false, run.Agents, run.Policy, AllocationMetrics.Of(run), sequence, n, Sorted(waits), outcomes);
        }

        private static void Count(SortedDictionary<string, int> outcomes, string key, int count)
        {
            outcomes.TryGetValue(key, out int c);
            outcomes[key] = c + count;
        }

        /// <summary>Keys compared by reference: the same reason text is one string instance.</summary>
        private sealed class ReferenceKeys : IEqualityComparer<string>
        {
            public static readonly ReferenceKeys Instance = new ReferenceKeys();

            public bool Equals(string? x, string? y) => ReferenceEquals(x, y);

            public int GetHashCode(string obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }

        internal static double[][] Sorted(List<double>[] byLevel)
        {
            var result = new double[byLevel.Length][];
            for (int i = 0; i < byLevel.Length; i++)
            {
                result[i] = byLevel[i].ToArray();
                Array.Sort(result[i]);
            }
            return result;
        }
    }
}
