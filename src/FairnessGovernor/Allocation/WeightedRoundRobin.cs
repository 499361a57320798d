using FairnessGovernor.Model;
using FairnessGovernor.Sorting;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// The prototype's weighted round-robin without materialising the rotation. The rotation is each
    /// agent repeated weight times, in agent order; the pointer is (agent, slot within its block).
    /// A closed agent's remaining slots are skipped by jumping to the next open agent's first slot,
    /// exactly where the prototype's pointer would stop. Cost per pick is independent of weights
    /// and of how many agents are closed.
    /// </summary>
    internal sealed class WeightedRoundRobin : IAgentSelector
    {
        private readonly int[] _weights;
        private readonly OpenAgents _open;
        private int _agent;
        private int _slot;
        private int _rotationAgent;

        public WeightedRoundRobin(FairAgentTable agents, OpenAgents open)
            : this(agents, open, 0, 0)
        {
        }

        /// <summary>A rotation whose pointer starts at <paramref name="startSlot"/> of <paramref name="startAgent"/>'s block (SPEC.md 7.2).</summary>
        public WeightedRoundRobin(FairAgentTable agents, OpenAgents open, int startAgent, int startSlot)
        {
            _weights = agents.Weights;
            _open = open;
            if (startAgent < 0 || startAgent >= _weights.Length) { startAgent = 0; startSlot = 0; }
            _agent = open.NextFrom(startAgent);
            _slot = _agent == startAgent && startSlot < _weights[startAgent] ? startSlot : 0;
            _rotationAgent = startAgent;
        }

        public int Pick()
        {
            if (_agent < 0 || !_open.IsOpen(_agent))
            {
                int next = _open.NextFrom(_agent < 0 ? 0 : _agent + 1);
                if (next < 0) return -1;
                _agent = next;
                _slot = 0;
            }
            int chosen = _agent;
            if (++_slot >= _weights[chosen])
            {
                _agent = _open.NextFrom(chosen + 1);
                _slot = 0;
                _rotationAgent = chosen + 1 == _weights.Length ? 0 : chosen + 1;
            }
            else _rotationAgent = chosen;
            return chosen;
        }

        public void Close(int agent)
        {
            // The open set is shared; Pick notices a closed current agent.
        }

        public int LastReason => DecisionReasons.CodeRotation;

        /// <summary>The agent owning the prototype's pointer slot (the slot after the last one used; it may be full).</summary>
        public int PointerAgent => _rotationAgent;

        public string? WhyNot(int agent) => null;

        /// <summary>The pointer to carry to the next run: (agent, slot within its block); agent -1 when there are no agents.</summary>
        public int StateAgent => _agent;

        /// <summary>See <see cref="StateAgent"/>.</summary>
        public int StateSlot => _slot;
    }

    /// <summary>Agents as parallel arrays for the hot loop, read in one pass.</summary>
    internal sealed class FairAgentTable
    {
        private WeightClasses? _classes;

        public FairAgentTable(System.Collections.Generic.IReadOnlyList<FairAgent> agents)
        {
            Count = agents.Count;
            Weights = new int[Count];
            Capacities = new long[Count];
            var array = agents as FairAgent[]; // no interface call per agent for an array
            System.Collections.Generic.List<int>? shares = null;
            for (int i = 0; i < Count; i++)
            {
                var agent = array != null ? array[i] : agents[i];
                Weights[i] = agent.Weight;
                Capacities[i] = agent.Capacity ?? long.MaxValue;
                if (agent.MaxShare.HasValue) (shares ??= new System.Collections.Generic.List<int>()).Add(i);
            }
            WithMaxShare = shares?.ToArray() ?? new int[0];
        }

        public int Count { get; }
        public int[] Weights { get; }
        public long[] Capacities { get; }

        /// <summary>The agents with a max_share, in index order.</summary>
        public int[] WithMaxShare { get; }

        /// <summary>The agents grouped by weight (computed on first use).</summary>
        public WeightClasses Classes => _classes ??= new WeightClasses(Weights);
    }

    /// <summary>
    /// Agents grouped by weight: classes numbered in order of first appearance by agent index. Small weights are
    /// looked up in an array, others through a dictionary.
    /// </summary>
    internal sealed class WeightClasses
    {
        public WeightClasses(int[] weights)
        {
            int m = weights.Length;
            Of = new int[m];
            int max = 0;
            for (int i = 0; i < m; i++) if (weights[i] > max) max = weights[i];
            if (max <= 4L * m + 1024) ByIndex(weights, max);
            else BySorting(weights);
        }

        /// <summary>
        /// Small weights: a weight's class (plus 1; 0: none yet) through an array indexed by weight; classes numbered
        /// by first appearance; by weight ascending from a scan of that array (O(m + max)).
        /// </summary>
        private void ByIndex(int[] weights, int max)
        {
            int m = weights.Length;
            var index = new int[max + 1];
            var weightList = new System.Collections.Generic.List<long>();
            var sizeList = new System.Collections.Generic.List<int>();
            for (int i = 0; i < m; i++)
            {
                int w = weights[i];
                int k = index[w] - 1;
                if (k < 0)
                {
                    k = weightList.Count;
                    index[w] = k + 1;
                    weightList.Add(w);
                    sizeList.Add(0);
                }
                Of[i] = k;
                sizeList[k]++;
            }
            Weight = weightList.ToArray();
            Size = sizeList.ToArray();
            ByWeight = new int[Weight.Length];
            int r = 0;
            for (int w = 0; w <= max; w++) if (index[w] > 0) ByWeight[r++] = index[w] - 1;
        }

        /// <summary>
        /// Large weights: the agents sorted by (weight, index) with a stable radix sort on the weight (no hashing, no
        /// comparison sort: with 100,000 distinct weights those took most of a run's set-up), so each run of equal
        /// weights is a class and the runs come in weight order; classes are then numbered by first appearance, as
        /// <see cref="ByIndex"/> numbers them.
        /// </summary>
        private void BySorting(int[] weights)
        {
            int m = weights.Length;
            var keys = new ulong[m];
            for (int i = 0; i < m; i++) keys[i] = ((ulong)(uint)weights[i] << 32) | (uint)i;
            keys = RadixSort.ByHighHalf(keys);
            // Runs of equal weight, in weight order: run r's weight and size, and each agent's run.
            var runOf = new int[m];
            var runWeight = new long[m];
            var runSize = new int[m];
            int runs = 0;
            for (int p = 0; p < m; p++)
            {
                long w = (long)(keys[p] >> 32);
                if (runs == 0 || w != runWeight[runs - 1]) runWeight[runs++] = w;
                runSize[runs - 1]++;
                runOf[(int)(uint)keys[p]] = runs - 1;
            }
            var classOfRun = new int[runs];
            for (int r = 0; r < runs; r++) classOfRun[r] = -1;
            Weight = new long[runs];
            Size = new int[runs];
            int next = 0;
            for (int i = 0; i < m; i++)
            {
                int run = runOf[i];
                int k = classOfRun[run];
                if (k < 0)
                {
                    k = classOfRun[run] = next++;
                    Weight[k] = runWeight[run];
                    Size[k] = runSize[run];
                }
                Of[i] = k;
            }
            ByWeight = classOfRun;
        }

        /// <summary>Per agent: its class.</summary>
        public int[] Of { get; }

        /// <summary>Per class: its weight.</summary>
        public long[] Weight { get; private set; } = new long[0];

        /// <summary>Per class: how many agents have that weight.</summary>
        public int[] Size { get; private set; } = new int[0];

        /// <summary>The classes by weight ascending.</summary>
        public int[] ByWeight { get; private set; } = new int[0];

        public int Count => Weight.Length;
    }
}
