namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// nginx's smooth weighted round-robin (SPEC.md 6.1.2) in O(log m) per pick, with most of the work among the
    /// distinct weights rather than the agents. Agent i's current weight grows by w_i every pick, so between its own
    /// picks it is a line c_i(t) = b_i + w_i t in the pick counter t (b_i = c_i(tau_i) - w_i tau_i; a pick lowers
    /// b_i by the eligible total). Agents of equal weight never overtake one another between picks, so each weight
    /// class is a heap on b (highest first, ties to the lowest index) whose top is the class's best agent. A kinetic
    /// tournament over the classes keeps, per node, the winning class top's line (highest value, ties to the lowest
    /// agent index) and the first pick at which that winner can change. A pick advances t, repairs the nodes whose
    /// certificate expired, takes the root's winner j, lowers b_j, sifts it down its class heap and repairs the
    /// class's path. Closing an agent removes it from its class heap and its weight from the total. Each node carries
    /// its winner's line, so a repair reads only its two adjacent children. Arrays only; no allocation per pick.
    /// (Long arithmetic wraps, so b_i + w_i t is exact whenever the current weight itself fits in 64 bits, as
    /// c_i + w_i (t - tau_i) was.)
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

        private struct Entry
        {
            public long B;
            public int Agent;
        }

        private readonly long[] _w;
        private readonly long[] _b;      // per agent: the line's offset (current weight = _b + _w t)
        private readonly long[] _frozen; // per agent: the current weight when it left the set (or the initial one)
        private readonly int[] _class;   // per agent: its weight class
        private readonly int[] _pos;     // per agent: its slot in the heap array (-1: not in the set)
        private readonly Entry[] _heap;  // the class heaps, class k in [_start[k], _start[k] + _count[k])
        private readonly int[] _start;
        private readonly int[] _count;
        private readonly long[] _classWeight;
        private readonly Node[] _tree;   // tournament over the classes
        private readonly int _size;
        private long _time;
        private long _total;
        private int _pending = -1; // the last pick, still at its class's top with its lowered b (sunk on the next call)

        public SmoothWeightedRoundRobin(FairAgentTable agents, OpenAgents open)
            : this(agents, open, null)
        {
        }

        /// <summary>With <paramref name="initial"/> current weights (carried from an earlier run, SPEC.md 7.2); null = all 0.</summary>
        public SmoothWeightedRoundRobin(FairAgentTable agents, OpenAgents open, long[]? initial)
        {
            int m = agents.Count;
            _w = new long[m];
            _b = new long[m];
            _frozen = new long[m];
            _class = new int[m];
            _pos = new int[m];
            _heap = new Entry[System.Math.Max(1, m)];
            var byWeight = new System.Collections.Generic.Dictionary<long, int>();
            var sizes = new System.Collections.Generic.List<int>();
            var weights = new System.Collections.Generic.List<long>();
            for (int i = 0; i < m; i++)
            {
                _w[i] = agents.Weights[i];
                if (initial != null) _b[i] = _frozen[i] = initial[i];
                _pos[i] = -1;
                if (!byWeight.TryGetValue(_w[i], out int k))
                {
                    k = sizes.Count;
                    byWeight.Add(_w[i], k);
                    sizes.Add(0);
                    weights.Add(_w[i]);
                }
                _class[i] = k;
                sizes[k]++;
            }
            int classes = sizes.Count;
            _start = new int[classes];
            _count = new int[classes];
            _classWeight = weights.ToArray();
            for (int k = 1; k < classes; k++) _start[k] = _start[k - 1] + sizes[k - 1];
            for (int i = 0; i < m; i++)
            {
                if (!open.IsOpen(i)) continue;
                _total += _w[i];
                int k = _class[i];
                int p = _start[k] + _count[k]++;
                _heap[p] = new Entry { B = _b[i], Agent = i };
                _pos[i] = p;
                SiftUp(k, p);
            }
            _size = 1;
            while (_size < classes) _size <<= 1;
            _tree = new Node[2 * _size];
            for (int k = 0; k < _size; k++)
            {
                ref var leaf = ref _tree[_size + k];
                leaf.Fail = Never;
                leaf.Win = -1;
                if (k < classes) SetLeaf(k);
            }
            for (int node = _size - 1; node >= 1; node--) Recompute(node, 0);
        }

        public int LastReason => DecisionReasons.CodeSmooth;

        /// <summary>The current weight of <paramref name="agent"/> after the last pick (for tests).</summary>
        public long CurrentWeight(int agent) => _b[agent] + _w[agent] * _time;

        /// <summary>The current weight to carry to the next run: the live value for an agent in the set, the frozen one otherwise.</summary>
        public long StateWeight(int agent) => _pos[agent] >= 0 ? CurrentWeight(agent) : _frozen[agent]; // the heap order is not read

        public int Pick()
        {
            if (_pending >= 0) Settle();
            if (_tree[1].Win < 0) return -1;
            _time++;
            if (_tree[1].Fail <= _time) Fix(1);
            int j = _tree[1].Win;
            long b = _b[j] - _total;
            _b[j] = b;
            _heap[_pos[j]].B = b;
            // Sinking j through its class heap waits for the next call: when j fills up now (a capacity of 1 is
            // common), Close takes it off the top instead, one pass instead of a sink and a removal.
            _pending = j;
            return j;
        }

        /// <summary>Sinks the last pick to its place and repairs its class's path, at the pick's time.</summary>
        private void Settle()
        {
            int j = _pending, k = _class[j];
            _pending = -1;
            SiftDown(k, _pos[j]);
            SetLeaf(k);
            UpdatePath(k);
        }

        public void Close(int agent)
        {
            int p = _pos[agent];
            if (p < 0) return;
            if (_pending >= 0 && _pending != agent) Settle();
            _pending = -1; // the pending pick itself is removed from its class's top below: no sink needed
            _frozen[agent] = CurrentWeight(agent); // a closed agent's current weight stays as it was (carried to the next run)
            _total -= _w[agent];
            int k = _class[agent];
            int last = _start[k] + --_count[k];
            _pos[agent] = -1;
            if (p != last)
            {
                _heap[p] = _heap[last];
                _pos[_heap[p].Agent] = p;
                SiftUp(k, p);
                SiftDown(k, p); // a no-op when SiftUp moved it: p then holds its old ancestor
            }
            SetLeaf(k);
            UpdatePath(k);
        }

        public string? WhyNot(int agent) => "lower_current_weight";

        /// <summary>Heap order: higher b first, ties to the lower index.</summary>
        private static bool Before(in Entry x, in Entry y) => x.B > y.B || (x.B == y.B && x.Agent < y.Agent);

        private void SiftUp(int k, int p)
        {
            int s = _start[k];
            var e = _heap[p];
            while (p > s)
            {
                int parent = s + ((p - s - 1) >> 1);
                if (!Before(e, _heap[parent])) break;
                _heap[p] = _heap[parent];
                _pos[_heap[p].Agent] = p;
                p = parent;
            }
            _heap[p] = e;
            _pos[e.Agent] = p;
        }

        private void SiftDown(int k, int p)
        {
            int s = _start[k], end = s + _count[k];
            var e = _heap[p];
            while (true)
            {
                int child = s + 2 * (p - s) + 1;
                if (child >= end) break;
                if (child + 1 < end && Before(_heap[child + 1], _heap[child])) child++;
                if (!Before(_heap[child], e)) break;
                _heap[p] = _heap[child];
                _pos[_heap[p].Agent] = p;
                p = child;
            }
            _heap[p] = e;
            _pos[e.Agent] = p;
        }

        /// <summary>The class's leaf: its heap top's line, or none.</summary>
        private void SetLeaf(int k)
        {
            ref var leaf = ref _tree[_size + k];
            if (_count[k] == 0) { leaf.Win = -1; return; }
            var top = _heap[_start[k]];
            leaf.Win = top.Agent;
            leaf.B = top.B;
            leaf.W = _classWeight[k];
        }

        private void UpdatePath(int k)
        {
            long t = _time;
            for (int node = (_size + k) >> 1; node >= 1; node >>= 1) Recompute(node, t);
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
            if (vl > vr || (vl == vr && l < r)) // ties: the lower agent index
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
