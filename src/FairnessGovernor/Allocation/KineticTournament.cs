namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// smooth_weighted_round_robin's choice among the weight classes (SPEC.md 6.1.2): a kinetic tournament over lines
    /// v(t) = B + W t, one leaf per class. Each inner node keeps the winning line below it at the time it was last
    /// worked out (highest value, ties to the lower candidate agent index) and the first time its winner may change
    /// (its certificate's fail time, the earliest of its own and its children's). Asking for the winner at a later
    /// time repairs only the nodes whose certificate expired. docs/design/smooth-weighted-round-robin.md has the argument.
    /// </summary>
    internal sealed class KineticTournament
    {
        private const long Never = long.MaxValue;

        private struct Node
        {
            public long B;    // the winning line: value at t is B + W t
            public long W;
            public long Fail; // the first time the winner may change (or draw level)
            public int Class; // the winning class (-1: none)
        }

        private readonly Node[] _tree; // heap layout: root 1, leaves _size .. 2 _size - 1
        private readonly int _size;
        private readonly int[] _candidate; // per class: its candidate agent, which breaks ties between lines

        /// <param name="classes">How many leaves.</param>
        /// <param name="candidate">Per class, its candidate agent (read at ties; kept up to date by the owner).</param>
        public KineticTournament(int classes, int[] candidate)
        {
            _size = System.Math.Max(1, classes);
            _candidate = candidate;
            _tree = new Node[2 * _size];
            for (int p = 1; p < 2 * _size; p++)
            {
                _tree[p].Fail = Never;
                _tree[p].Class = -1;
            }
        }

        /// <summary>
        /// Puts class <paramref name="k"/>'s line (or none, when <paramref name="empty"/>) in its leaf, unrepaired.
        /// False when the leaf holds that line already: then no node changes, since a certificate expires at a draw
        /// whatever the agents' indices.
        /// </summary>
        public bool SetLeaf(int k, long b, long w, bool empty)
        {
            ref var leaf = ref _tree[_size + k];
            if (empty)
            {
                if (leaf.Class < 0) return false;
                leaf.Class = -1;
                return true;
            }
            if (leaf.Class == k && leaf.B == b) return false;
            leaf.B = b;
            leaf.W = w;
            leaf.Class = k;
            return true;
        }

        /// <summary>Works out every node on the path from class <paramref name="k"/>'s leaf to the root at time <paramref name="t"/>.</summary>
        public void Repair(int k, long t)
        {
            for (int node = (_size + k) >> 1; node >= 1; node >>= 1) Recompute(node, t);
        }

        /// <summary>Works out every inner node at time <paramref name="t"/> (after the leaves are set).</summary>
        public void Build(long t)
        {
            for (int node = _size - 1; node >= 1; node--) Recompute(node, t);
        }

        /// <summary>The winning class at time <paramref name="t"/> (no earlier than the last repair), -1 when every leaf is empty; <paramref name="b"/> is its line's B.</summary>
        public int Winner(long t, out long b)
        {
            if (_tree[1].Fail <= t) Fix(1, t);
            b = _tree[1].B;
            return _tree[1].Class;
        }

        private void Fix(int node, long t)
        {
            if (node >= _size || _tree[node].Fail > t) return;
            Fix(2 * node, t);
            Fix(2 * node + 1, t);
            Recompute(node, t);
        }

        private void Recompute(int node, long t)
        {
            ref var n = ref _tree[node];
            ref var left = ref _tree[2 * node];
            ref var right = ref _tree[2 * node + 1];
            int l = left.Class, r = right.Class;
            long fail = left.Fail < right.Fail ? left.Fail : right.Fail;
            if (l < 0 || r < 0)
            {
                if (l < 0) { n.Class = r; n.B = right.B; n.W = right.W; }
                else { n.Class = l; n.B = left.B; n.W = left.W; }
                n.Fail = fail;
                return;
            }
            long vl = left.B + left.W * t, vr = right.B + right.W * t;
            long cross;
            if (vl > vr || (vl == vr && _candidate[l] < _candidate[r])) // ties: the lower agent index
            {
                n.Class = l; n.B = left.B; n.W = left.W;
                cross = CrossTime(t, vl - vr, right.W - left.W);
            }
            else
            {
                n.Class = r; n.B = right.B; n.W = right.W;
                cross = CrossTime(t, vr - vl, left.W - right.W);
            }
            n.Fail = cross < fail ? cross : fail;
        }

        /// <summary>
        /// The first time after <paramref name="t"/> at which the loser draws level with or passes the winner, given the
        /// winner's lead <paramref name="d"/> &gt;= 0 at t and <paramref name="dw"/> = the loser's weight minus the
        /// winner's: t + max(1, ceil(d / dw)), or never when dw &lt;= 0.
        /// </summary>
        internal static long CrossTime(long t, long d, long dw)
        {
            if (dw <= 0) return Never;
            if (d == 0) return t + 1;
            return t + (d - 1) / dw + 1;
        }
    }
}
