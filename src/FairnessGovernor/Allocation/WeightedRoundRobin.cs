using FairnessGovernor.Model;

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

    /// <summary>Agents as parallel arrays for the hot loop.</summary>
    internal sealed class FairAgentTable
    {
        public FairAgentTable(System.Collections.Generic.IReadOnlyList<FairAgent> agents)
        {
            Count = agents.Count;
            Weights = new int[Count];
            Capacities = new long[Count];
            for (int i = 0; i < Count; i++)
            {
                Weights[i] = agents[i].Weight;
                Capacities[i] = agents[i].Capacity ?? long.MaxValue;
            }
        }

        public int Count { get; }
        public int[] Weights { get; }
        public long[] Capacities { get; }
    }
}
