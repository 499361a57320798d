namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// nginx's smooth weighted round-robin (SPEC.md 6.1.2) in O(log m) per pick. Agent i's current weight
    /// grows by w_i every pick, so between its own picks it is a line c_i(t) = c_i(tau_i) + w_i (t - tau_i)
    /// in the pick counter t. A kinetic tournament tree over the agents keeps, per node, the winner (highest
    /// value, ties to the lowest index) and the first pick at which the winner of that subtree can change.
    /// A pick advances t, repairs the nodes whose certificate expired, takes the root's winner j, lowers
    /// c_j by the eligible total and repairs j's path. Closing an agent removes its leaf and its weight.
    /// Arrays only; no allocation per pick.
    /// </summary>
    internal sealed class SmoothWeightedRoundRobin : IAgentSelector
    {
        private const long Never = long.MaxValue;
        private readonly long[] _w;
        private readonly long[] _c;   // current weight at time _tau
        private readonly long[] _tau;
        private readonly int[] _win;  // tree: winner agent per node (-1: none)
        private readonly long[] _fail; // first time the node's winner may change
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
            _c = new long[m];
            _tau = new long[m];
            _win = new int[2 * _size];
            _fail = new long[2 * _size];
            for (int i = 0; i < _size; i++)
            {
                bool active = i < m && open.IsOpen(i);
                if (i < m) _w[i] = agents.Weights[i];
                if (i < m && initial != null) _c[i] = initial[i];
                if (active) _total += _w[i];
                _win[_size + i] = active ? i : -1;
                _fail[_size + i] = Never;
            }
            for (int node = _size - 1; node >= 1; node--) Recompute(node, 0);
        }

        public int LastReason => DecisionReasons.CodeSmooth;

        /// <summary>The current weight of <paramref name="agent"/> after the last pick (for tests).</summary>
        public long CurrentWeight(int agent) => Value(agent, _time);

        /// <summary>The current weight to carry to the next run: the live value for an agent in the set, the frozen one otherwise.</summary>
        public long StateWeight(int agent) => _win[_size + agent] >= 0 ? Value(agent, _time) : _c[agent];

        public int Pick()
        {
            if (_win[1] < 0) return -1;
            _time++;
            Fix(1);
            int j = _win[1];
            _c[j] = Value(j, _time) - _total;
            _tau[j] = _time;
            UpdatePath(j);
            return j;
        }

        public void Close(int agent)
        {
            int leaf = _size + agent;
            if (_win[leaf] < 0) return;
            _c[agent] = Value(agent, _time); // freeze: a closed agent's current weight stays as it was (carried to the next run)
            _tau[agent] = _time;
            _win[leaf] = -1;
            _total -= _w[agent];
            UpdatePath(agent);
        }

        public string? WhyNot(int agent) => "lower_current_weight";

        private long Value(int i, long t) => _c[i] + _w[i] * (t - _tau[i]);

        private void UpdatePath(int agent)
        {
            for (int node = (_size + agent) >> 1; node >= 1; node >>= 1) Recompute(node, _time);
        }

        private void Fix(int node)
        {
            if (_fail[node] > _time || node >= _size) return;
            Fix(2 * node);
            Fix(2 * node + 1);
            Recompute(node, _time);
        }

        private void Recompute(int node, long t)
        {
            int l = _win[2 * node], r = _win[2 * node + 1];
            long fl = _fail[2 * node], fr = _fail[2 * node + 1];
            long fail = fl < fr ? fl : fr;
            if (l < 0 || r < 0)
            {
                _win[node] = l < 0 ? r : l;
                _fail[node] = fail;
                return;
            }
            long vl = Value(l, t), vr = Value(r, t);
            int winner = vl >= vr ? l : r, loser = vl >= vr ? r : l; // ties: the left (lower index)
            long cross = CrossTime(winner, loser, t, vl >= vr ? vl - vr : vr - vl);
            _win[node] = winner;
            _fail[node] = cross < fail ? cross : fail;
        }

        /// <summary>The first time after t at which <paramref name="loser"/> beats <paramref name="winner"/>, given the gap d at t.</summary>
        private long CrossTime(int winner, int loser, long t, long d)
        {
            long dw = _w[loser] - _w[winner];
            if (dw <= 0) return Never;
            // loser wins at t + s when d - dw*s < 0, or == 0 if it has the lower index.
            long s = loser < winner ? (d - 1) / dw + 1 : d / dw + 1;
            return t + s;
        }
    }
}
