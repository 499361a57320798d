namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// nginx's smooth weighted round-robin, <c>smooth_weighted_round_robin</c> (SPEC.md 6.1.2). Between its own picks an
    /// agent's current weight is a line in the pick counter t, c_i(t) = b_i + w_i t; agents of one weight keep their
    /// order, so each weight class has a candidate (<see cref="ClassHeaps"/>) and a kinetic tournament picks among the
    /// classes' lines (<see cref="KineticTournament"/>). O(log k) per pick over the k distinct weights, plus O(log h)
    /// in the class. docs/design/smooth-weighted-round-robin.md has the argument.
    /// </summary>
    internal sealed class SmoothWeightedRoundRobin : IAgentSelector
    {
        private readonly long[] _frozen;  // per agent: its current weight when it left the set (or the carried one)
        private readonly bool[] _inSet;
        private readonly int[] _class;    // per agent: its class, numbered by weight ascending
        private readonly long[] _weight;  // per class
        private readonly int[] _candidate; // per class: its heap's top (-1: none)
        private readonly ClassHeaps _heaps;
        private readonly KineticTournament _tournament;
        private long _time;
        private long _total;

        public SmoothWeightedRoundRobin(FairAgentTable agents, OpenAgents open)
            : this(agents, open, null)
        {
        }

        /// <summary>With <paramref name="initial"/> current weights (carried from an earlier run, SPEC.md 7.2); null = all 0.</summary>
        public SmoothWeightedRoundRobin(FairAgentTable agents, OpenAgents open, long[]? initial)
        {
            int m = agents.Count;
            _frozen = new long[m];
            _inSet = new bool[m];
            var weightClasses = agents.Classes;
            int classes = weightClasses.Count;
            // Classes numbered by weight, lightest first: neighbouring leaves then hold close weights, whose lines
            // overtake one another rarely, so fewer certificates expire.
            var byWeight = weightClasses.ByWeight;
            var rank = new int[classes];
            for (int r = 0; r < classes; r++) rank[byWeight[r]] = r;
            _class = new int[m];
            for (int i = 0; i < m; i++) _class[i] = rank[weightClasses.Of[i]];
            _weight = new long[classes];
            var sizes = new int[classes];
            for (int k = 0; k < classes; k++)
            {
                _weight[k] = weightClasses.Weight[byWeight[k]];
                sizes[k] = weightClasses.Size[byWeight[k]];
            }
            if (initial != null)
                for (int i = 0; i < m; i++) _frozen[i] = initial[i];
            _heaps = new ClassHeaps(_class, sizes);
            for (int i = 0; i < m; i++)
            {
                if (!open.IsOpen(i)) continue;
                _inSet[i] = true;
                _total += _weight[_class[i]];
                _heaps.Add(i, _frozen[i]); // at t = 0 the offset is the current weight
            }
            _candidate = new int[classes];
            _tournament = new KineticTournament(classes, _candidate);
            for (int k = 0; k < classes; k++) SetLeaf(k);
            _tournament.Build(0);
        }

        public int LastReason => DecisionReasons.CodeSmooth;

        /// <summary>The current weight of <paramref name="agent"/> in the set after the last pick.</summary>
        public long CurrentWeight(int agent) => _heaps.OffsetOf(agent) + _weight[_class[agent]] * _time;

        /// <summary>The current weight to carry to the next run: the live value for an agent in the set, the frozen one otherwise.</summary>
        public long StateWeight(int agent) => _inSet[agent] ? CurrentWeight(agent) : _frozen[agent];

        public int Pick()
        {
            int k = _tournament.Winner(_time + 1, out long b);
            if (k < 0) return -1;
            _time++;
            int j = _candidate[k];
            _heaps.ReplaceTop(k, b - _total); // c_j <- c_j - the set's total
            if (SetLeaf(k)) _tournament.Repair(k, _time);
            return j;
        }

        public void Close(int agent)
        {
            if (!_inSet[agent]) return;
            _frozen[agent] = CurrentWeight(agent); // a closed agent's current weight stays as it was (carried to the next run)
            _heaps.Remove(agent);
            _inSet[agent] = false;
            int k = _class[agent];
            _total -= _weight[k];
            if (SetLeaf(k)) _tournament.Repair(k, _time);
        }

        public string? WhyNot(int agent) => "lower_current_weight";

        /// <summary>Class <paramref name="k"/>'s candidate and leaf; false when its line is the one the tournament holds.</summary>
        private bool SetLeaf(int k)
        {
            int top = _heaps.Top(k, out long b);
            _candidate[k] = top;
            return _tournament.SetLeaf(k, b, _weight[k], top < 0);
        }
    }
}
