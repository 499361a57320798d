namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// The prototype's weighted round-robin, <c>weighted_round_robin</c> (SPEC.md 2.2, 6.1.1), without materialising
    /// the rotation (each agent repeated weight times, in agent order): the pointer is (agent, slot within its block),
    /// and a closed agent's remaining slots are skipped by jumping to the next open agent's first slot, where the
    /// prototype's pointer would stop. O(1) per pick amortised. docs/design/weighted-round-robin.md has the details.
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
}
