namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// nginx's smooth weighted round-robin (SPEC.md 6.1.2) in O(log m) per pick. Agent i's current weight
    /// grows by w_i every pick, so between its own picks it is a line c_i(t) = b_i + w_i t in the pick
    /// counter t (b_i = c_i(tau_i) - w_i tau_i; a pick lowers b_i by the eligible total). A kinetic tournament
    /// tree over the agents keeps, per node, the winner (highest value, ties to the lowest index) with its line,
    /// and the first pick at which the winner of that subtree can change. A pick advances t, repairs the nodes
    /// whose certificate expired, takes the root's winner j, lowers b_j and repairs j's path. Closing an agent
    /// removes its leaf and its weight. Each node carries its winner's line, so repairing a node reads only its
    /// two children, which sit next to each other in memory (one cache line or two, not a walk through the
    /// per-agent arrays). Arrays only; no allocation per pick. (Long arithmetic wraps, so b_i + w_i t is exact
    /// whenever the current weight itself fits in 64 bits, as c_i + w_i (t - tau_i) was.)
    /// </summary>
    internal sealed class SmoothWeightedRoundRobin : IAgentSelector
    {
        private const long Never = long.MaxValue;

        private struct Node
        {
            public long B;    // the winner's line: value at t = B + W t
            public long W;
            public long Fail; // first time the node's winner may change
            public int Win;   // winner agent (-1: none)
        }

        private readonly long[] _w;
        private readonly long[] _b;      // per agent: the line's offset (current weight = _b + _w t)
        private readonly long[] _frozen; // per agent: the current weight when it left the set (or the initial one)
        private readonly Node[] _tree;
        private readonly int _size;
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
            _size = 1;
            while (_size < m) _size <<= 1;
            _w = new long[m];
            _b = new long[m];
            _frozen = new long[m];
            _tree = new Node[2 * _size];
            for (int i = 0; i < _size; i++)
            {
                bool active = i < m && open.IsOpen(i);
                if (i < m) _w[i] = agents.Weights[i];
                if (i < m && initial != null) _b[i] = _frozen[i] = initial[i];
                if (active) _total += _w[i];
                ref var leaf = ref _tree[_size + i];
                leaf.Win = active ? i : -1;
                leaf.Fail = Never;
                if (active) { leaf.B = _b[i]; leaf.W = _w[i]; }
            }
            for (int node = _size - 1; node >= 1; node--) Recompute(node, 0);
        }

        public int LastReason => DecisionReasons.CodeSmooth;

        /// <summary>The current weight of <paramref name="agent"/> after the last pick (for tests).</summary>
        public long CurrentWeight(int agent) => _b[agent] + _w[agent] * _time;

        /// <summary>The current weight to carry to the next run: the live value for an agent in the set, the frozen one otherwise.</summary>
        public long StateWeight(int agent) => _tree[_size + agent].Win >= 0 ? CurrentWeight(agent) : _frozen[agent];

        public int Pick()
        {
            if (_tree[1].Win < 0) return -1;
            _time++;
            if (_tree[1].Fail <= _time) Fix(1);
            int j = _tree[1].Win;
            long b = _b[j] - _total;
            _b[j] = b;
            _tree[_size + j].B = b;
            UpdatePath(j);
            return j;
        }

        public void Close(int agent)
        {
            int leaf = _size + agent;
            if (_tree[leaf].Win < 0) return;
            _frozen[agent] = CurrentWeight(agent); // a closed agent's current weight stays as it was (carried to the next run)
            _tree[leaf].Win = -1;
            _total -= _w[agent];
            UpdatePath(agent);
        }

        public string? WhyNot(int agent) => "lower_current_weight";

        private void UpdatePath(int agent)
        {
            long t = _time;
            for (int node = (_size + agent) >> 1; node >= 1; node >>= 1) Recompute(node, t);
        }

        private void Fix(int node)
        {
            if (_tree[node].Fail > _time || node >= _size) return;
            Fix(2 * node);
            Fix(2 * node + 1);
            Recompute(node, _time);
        }

        private void Recompute(int node, long t)
        {
            var tree = _tree;
            ref var n = ref tree[node];
            ref var left = ref tree[2 * node];
            ref var right = ref tree[2 * node + 1];
            int l = left.Win, r = right.Win;
            long fail = left.Fail < right.Fail ? left.Fail : right.Fail;
            if (l < 0 || r < 0)
            {
                if (l < 0) { n.Win = r; n.B = right.B; n.W = right.W; }
                else { n.Win = l; n.B = left.B; n.W = left.W; }
                n.Fail = fail;
                return;
            }
            long vl = left.B + left.W * t, vr = right.B + right.W * t;
            long cross;
            if (vl >= vr) // ties: the left (lower index)
            {
                n.Win = l; n.B = left.B; n.W = left.W;
                cross = CrossTime(left.W, right.W, r < l, t, vl - vr);
            }
            else
            {
                n.Win = r; n.B = right.B; n.W = right.W;
                cross = CrossTime(right.W, left.W, l < r, t, vr - vl);
            }
            n.Fail = cross < fail ? cross : fail;
        }

        /// <summary>The first time after t at which the loser (weight <paramref name="wLoser"/>) beats the winner, given the gap d at t.</summary>
        private static long CrossTime(long wWinner, long wLoser, bool loserFirst, long t, long d)
        {
            long dw = wLoser - wWinner;
            if (dw <= 0) return Never;
            // loser wins at t + s when d - dw*s < 0, or == 0 if it has the lower index.
            long s = loserFirst ? (d - 1) / dw + 1 : d / dw + 1;
            return t + s;
        }
    }
}
