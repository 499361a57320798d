namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// nginx's smooth weighted round-robin (SPEC.md 6.1.2), with most of the work among the distinct weights rather
    /// than the agents. Agent i's current weight grows by w_i every pick, so between its own picks it is a line
    /// c_i(t) = b_i + w_i t in the pick counter t (b_i = c_i(tau_i) - w_i tau_i; a pick lowers b_i by the eligible
    /// total). Agents of equal weight never overtake one another between picks, so a weight class is ordered by b
    /// (highest first, ties to the lowest index) and its first member is the class's candidate.
    /// <para>
    /// A class is a queue sorted in that order plus an overflow heap: the agent picked leaves the front, and goes
    /// back to the queue's tail when its lowered b sorts after the tail (O(1)), otherwise into the class's heap
    /// (O(log h)); the class's candidate is the better of the queue's front and the heap's top. Both stay sorted
    /// whatever the values, so the order is exact; the queue takes every pick while the eligible total does not
    /// change, since a class then goes round in index order (SPEC.md 6.1.2 has the argument).
    /// </para>
    /// <para>
    /// A kinetic tournament over the classes keeps, per node, the winning class candidate's line (highest value,
    /// ties to the lowest agent index) and the first pick at which that winner can change. A pick advances t,
    /// repairs the nodes whose certificate expired, takes the root's winner j, lowers b_j and re-files j in its
    /// class on the next call (when j fills up now, closing it is then free), then repairs the class's path.
    /// The tree is complete, in heap layout, with exactly one leaf per class (nodes k..2k-1), in weight order from
    /// left to right, the lightest classes on the deepest level: heavier classes change their line more often and
    /// get the shorter paths. Below 16 classes a path is repaired node by node (<see cref="Recompute"/>, whose
    /// branches predict well there); from 16 on by <see cref="UpdatePathWide"/>, which carries the subtree's winner
    /// up in locals, chooses it with masks and computes every crossing time with one division, because which line
    /// wins at a node is then a coin toss. Both give every node the same values (from 8,192 classes on the wide repair
    /// may give a node an earlier fail, never a later one: <see cref="CrossTimeBound"/>). Arrays only; no allocation per
    /// pick. (Long arithmetic wraps, so b_i + w_i t is exact whenever the current weight itself fits in 64 bits, as
    /// c_i + w_i (t - tau_i) was.)
    /// </para>
    /// </summary>
    internal sealed class SmoothWeightedRoundRobin : IAgentSelector
    {
        private const long Never = long.MaxValue;
        private const int CachedNodes = 512; // the top of the tree (12 KB), which stays cached: see PrefetchPath
        private const int WideClasses = 16; // from this many classes on, paths are repaired by UpdatePathWide (measured crossover: 12 to 16)
        private const int LargeClasses = 8192; // from here on the tree (48 B a class) outgrows the L2 cache share: see _large

        private struct Node // 24 bytes
        {
            public long B;    // the winning class's line: value at t = B + W t
            public long Fail; // first time the node's winner may change (or tie)
            public int W;     // a weight (at most int.MaxValue)
            public int Class; // the winning class (-1: none)
        }

        private struct ClassState
        {
            public int Weight; // weights are ints
            // The class owns the slots [Start, Start + Cap) of both arrays: a circular sorted queue in _queue (front at
            // Head, QCount entries) and a binary heap in _heap (HCount entries).
            public int Start;
            public int Cap;
            public int Head;
            public int QCount;
            public int HCount;
            public int Candidate; // its candidate agent (-1: none); the agent index breaks ties
            public int Leaf;      // its leaf in _tree (LeafOf, kept here beside the state a repair reads anyway)
        }

        private struct Entry
        {
            public long B;
            public int Agent;
        }

        private readonly long[] _b;      // per agent in the set: the line's offset (current weight = _b + _w t)
        private readonly long[] _frozen; // per agent: the current weight when it left the set (or the initial one)
        private readonly bool[] _inSet;
        private readonly int[] _class;   // per agent: its weight class
        private readonly Entry[] _queue;
        private Entry[] _heap = new Entry[0]; // sized on the first entry out of queue order
        private readonly ClassState[] _cls; // per class, in one place (a pick reads and writes one class's state)
        private readonly Node[] _tree;   // tournament over the classes
        private readonly int _size;
        private readonly int _deepest, _deep; // the first node of the deepest level, and how many leaves it holds (see LeafOf)
        private readonly bool _wide; // at least WideClasses classes
        private readonly bool _large;    // at least LargeClasses classes: a pick prefetches its path (PrefetchPath), and the
                                         // path repair bounds crossing times instead of dividing (CrossTimeBound)
        private readonly bool _prefetch; // _large, and prefetches reach the processor
        private long _time;
        private long _total;
        private int _pending = -1; // the last pick, out of its class until the next call re-files it
        private int _pendingClass;
        private long _pendingB;
        private bool _bCurrent = true; // _b holds every in-set agent's offset (it is stale after a pick until loaded)

        public SmoothWeightedRoundRobin(FairAgentTable agents, OpenAgents open)
            : this(agents, open, null)
        {
        }

        /// <summary>With <paramref name="initial"/> current weights (carried from an earlier run, SPEC.md 7.2); null = all 0.</summary>
        public SmoothWeightedRoundRobin(FairAgentTable agents, OpenAgents open, long[]? initial)
        {
            int m = agents.Count;
            _b = new long[m];
            _frozen = new long[m];
            _inSet = new bool[m];
            _queue = new Entry[System.Math.Max(1, m)];
            var weightClasses = agents.Classes;
            int classes = weightClasses.Count;
            // The classes here are numbered by weight, lightest first (the table's numbering is by first appearance), so
            // that a class's leaf follows from its number (see LeafOf) and a pick can start loading its path at once.
            var byWeight = weightClasses.ByWeight;
            var rank = new int[classes];
            for (int r = 0; r < classes; r++) rank[byWeight[r]] = r;
            _class = new int[m];
            for (int i = 0; i < m; i++) _class[i] = rank[weightClasses.Of[i]];
            if (initial != null)
                for (int i = 0; i < m; i++) _b[i] = _frozen[i] = initial[i];
            _cls = new ClassState[classes];
            for (int k = 0; k < classes; k++)
            {
                int size = weightClasses.Size[byWeight[k]];
                _cls[k].Weight = (int)weightClasses.Weight[byWeight[k]];
                _cls[k].Cap = size;
                if (k + 1 < classes) _cls[k + 1].Start = _cls[k].Start + size;
            }
            // Each class's open members in index order; with carried weights, sorted into the class order.
            for (int i = 0; i < m; i++)
            {
                if (!open.IsOpen(i)) continue;
                _total += _cls[_class[i]].Weight;
                _inSet[i] = true;
                int k = _class[i];
                _queue[_cls[k].Start + _cls[k].QCount++] = new Entry { B = _b[i], Agent = i };
            }
            if (initial != null)
                for (int k = 0; k < classes; k++)
                    System.Array.Sort(_queue, _cls[k].Start, _cls[k].QCount, EntryOrder.Instance);
            // A complete binary tree in heap layout with exactly one leaf per class: leaves are the nodes
            // [_size, 2 _size), the deepest level holds the lightest classes, so the heavier classes, whose lines
            // change most often (once per round of the class, w_k rounds per W picks), have the shorter paths.
            _size = System.Math.Max(1, classes);
            _wide = classes >= WideClasses;
            _large = classes >= LargeClasses;
            _prefetch = _large && CachePrefetch.Available;
            _tree = new Node[2 * _size];
            // Leaves in weight order: neighbouring classes then have close weights, so the lines that meet low in
            // the tree overtake one another rarely (a heavier line gains on a lighter one by the difference of
            // their weights per pick), and fewer certificates expire.
            _deepest = 1; // 2^d, d the depth of the deepest level
            while (_deepest <= 2 * _size - 1 - _deepest) _deepest <<= 1;
            _deep = 2 * _size - _deepest; // leaves on the deepest level; they come first from left to right
            for (int k = 0; k < classes; k++) _cls[k].Leaf = LeafOf(k);
            for (int p = _size; p < 2 * _size; p++)
            {
                _tree[p].Fail = Never;
                _tree[p].Class = -1;
            }
            for (int k = 0; k < classes; k++) SetLeaf(k);
            for (int node = _size - 1; node >= 1; node--) Recompute(node, 0);
        }

        public int LastReason => DecisionReasons.CodeSmooth;

        /// <summary>The current weight of <paramref name="agent"/> in the set after the last pick.</summary>
        public long CurrentWeight(int agent)
        {
            if (!_bCurrent) LoadOffsets();
            return _b[agent] + _cls[_class[agent]].Weight * _time;
        }

        /// <summary>
        /// Fills the per-agent offsets from the classes (a pick records b only in its class's entry, so the decision
        /// path writes no per-agent array): O(m), once per read after picks.
        /// </summary>
        private void LoadOffsets()
        {
            for (int k = 0; k < _cls.Length; k++)
            {
                int s = _cls[k].Start, cap = _cls[k].Cap;
                for (int o = 0; o < _cls[k].QCount; o++)
                {
                    int at = _cls[k].Head + o;
                    if (at >= cap) at -= cap;
                    var e = _queue[s + at];
                    _b[e.Agent] = e.B;
                }
                for (int p = s, end = s + _cls[k].HCount; p < end; p++) _b[_heap[p].Agent] = _heap[p].B;
            }
            if (_pending >= 0) _b[_pending] = _pendingB;
            _bCurrent = true;
        }

        /// <summary>The current weight to carry to the next run: the live value for an agent in the set, the frozen one otherwise.</summary>
        public long StateWeight(int agent) => _inSet[agent] ? CurrentWeight(agent) : _frozen[agent];

        public int Pick()
        {
            if (_pending >= 0) Settle();
            if (_tree[1].Class < 0) return -1;
            _time++;
            if (_tree[1].Fail <= _time) Fix(1);
            ref var root = ref _tree[1];
            int k = root.Class;
            if (_prefetch) PrefetchPath(LeafOf(k));
            int j = _cls[k].Candidate;
            long b = root.B - _total;
            _bCurrent = false;
            TakeFirst(k);
            // Re-filing j waits for the next call: when j fills up now (a capacity of 1 is common), Close just drops it.
            _pending = j;
            _pendingClass = k;
            _pendingB = b;
            return j;
        }

        /// <summary>
        /// Class <paramref name="k"/>'s leaf: the classes by weight, lightest first, fill the deepest level from the left, then
        /// the level above from where its internal nodes end (classes are numbered by weight, so this needs no lookup).
        /// </summary>
        private int LeafOf(int k) => k < _deep ? _deepest + k : _size + (k - _deep);

        /// <summary>
        /// Starts loading the nodes the repair of the path from <paramref name="leaf"/> will read (the leaf, and each level's
        /// sibling, beside which the node written sits) below the top of the tree, which stays cached (<see cref="CachePrefetch"/>).
        /// With many classes the lower levels of a path come from main memory; their addresses follow from the leaf alone,
        /// so they load together, and alongside the class's own state, rather than one after another.
        /// </summary>
        private void PrefetchPath(int leaf)
        {
            CachePrefetch.Line(_tree, leaf);
            for (int node = leaf; node >= CachedNodes; node >>= 1) CachePrefetch.Line(_tree, node ^ 1);
        }

        /// <summary>Re-files the last pick in its class and repairs the class's path, at the pick's time.</summary>
        private void Settle()
        {
            int k = _pendingClass;
            var e = new Entry { B = _pendingB, Agent = _pending };
            _pending = -1;
            ref var c = ref _cls[k];
            int s = c.Start, count = c.QCount;
            if (count == 0)
            {
                c.Head = 0;
                _queue[s] = e;
                c.QCount = 1;
            }
            else
            {
                int tail = c.Head + count - 1;
                if (tail >= c.Cap) tail -= c.Cap;
                if (Before(_queue[s + tail], e))
                {
                    int at = tail + 1;
                    if (at == c.Cap) at = 0;
                    _queue[s + at] = e;
                    c.QCount = count + 1;
                }
                else HeapPush(k, e);
            }
            if (SetLeaf(k)) UpdatePath(k);
        }

        public void Close(int agent)
        {
            long b;
            if (agent == _pending)
            {
                // The usual case: the agent just picked fills up. It is already out of its class.
                b = _pendingB;
                _pending = -1;
            }
            else
            {
                if (_pending >= 0) Settle();
                if (!_inSet[agent]) return;
                b = Remove(_class[agent], agent); // not reached from the allocator, which closes only the agent it just got
            }
            _inSet[agent] = false;
            int k = _class[agent];
            _frozen[agent] = b + _cls[k].Weight * _time; // a closed agent's current weight stays as it was (carried to the next run)
            _total -= _cls[k].Weight;
            if (SetLeaf(k)) UpdatePath(k);
        }

        public string? WhyNot(int agent) => "lower_current_weight";

        /// <summary>Class order: higher b first, ties to the lower index.</summary>
        private static bool Before(in Entry x, in Entry y) => x.B > y.B || (x.B == y.B && x.Agent < y.Agent);

        private sealed class EntryOrder : System.Collections.Generic.IComparer<Entry>
        {
            public static readonly EntryOrder Instance = new EntryOrder();

            public int Compare(Entry x, Entry y) => Before(x, y) ? -1 : Before(y, x) ? 1 : 0;
        }

        /// <summary>Whether class <paramref name="k"/>'s candidate is its heap's top (rather than its queue's front).</summary>
        private bool TopInHeap(int k)
        {
            ref var c = ref _cls[k];
            if (c.HCount == 0) return false;
            if (c.QCount == 0) return true;
            return Before(_heap[c.Start], _queue[c.Start + c.Head]);
        }

        /// <summary>Takes class <paramref name="k"/>'s candidate out of the class.</summary>
        private void TakeFirst(int k)
        {
            if (TopInHeap(k)) HeapRemoveAt(k, _cls[k].Start);
            else
            {
                ref var c = ref _cls[k];
                int h = c.Head + 1;
                c.Head = h == c.Cap ? 0 : h;
                c.QCount--;
            }
        }

        /// <summary>Takes <paramref name="agent"/> out of class <paramref name="k"/> wherever it is (O(class size)); returns its b.</summary>
        private long Remove(int k, int agent)
        {
            int s = _cls[k].Start, cap = _cls[k].Cap, count = _cls[k].QCount;
            for (int o = 0; o < count; o++)
            {
                int at = _cls[k].Head + o;
                if (at >= cap) at -= cap;
                if (_queue[s + at].Agent != agent) continue;
                long b = _queue[s + at].B;
                for (int r = o + 1; r < count; r++) // close the gap; the queue stays sorted
                {
                    int from = _cls[k].Head + r, to = from - 1;
                    if (from >= cap) from -= cap;
                    if (to >= cap) to -= cap;
                    _queue[s + to] = _queue[s + from];
                }
                _cls[k].QCount = count - 1;
                return b;
            }
            for (int p = s, end = s + _cls[k].HCount; p < end; p++)
            {
                if (_heap[p].Agent != agent) continue;
                long b = _heap[p].B;
                HeapRemoveAt(k, p);
                return b;
            }
            throw new System.InvalidOperationException("An agent in the set is in no class."); // unreachable
        }

        private void HeapPush(int k, Entry e)
        {
            if (_heap.Length == 0) _heap = new Entry[_queue.Length];
            int s = _cls[k].Start;
            int p = s + _cls[k].HCount++;
            while (p > s)
            {
                int parent = s + ((p - s - 1) >> 1);
                if (!Before(e, _heap[parent])) break;
                _heap[p] = _heap[parent];
                p = parent;
            }
            _heap[p] = e;
        }

        private void HeapRemoveAt(int k, int p)
        {
            int s = _cls[k].Start;
            int end = s + --_cls[k].HCount;
            if (p == end) return;
            var e = _heap[end];
            // Up first (the last entry may beat p's ancestors), then down.
            while (p > s)
            {
                int parent = s + ((p - s - 1) >> 1);
                if (!Before(e, _heap[parent])) break;
                _heap[p] = _heap[parent];
                p = parent;
            }
            while (true)
            {
                int child = s + 2 * (p - s) + 1;
                if (child >= end) break;
                if (child + 1 < end && Before(_heap[child + 1], _heap[child])) child++;
                if (!Before(_heap[child], e)) break;
                _heap[p] = _heap[child];
                p = child;
            }
            _heap[p] = e;
        }

        /// <summary>
        /// The class's leaf: its candidate's line, or none. False when the line is the one the tree already holds
        /// (the next member of a class in the same round has the same b): then no node changes, since certificates
        /// do not depend on agent indices (see <see cref="CrossTime"/>) and ties read <see cref="ClassState.Candidate"/>.
        /// </summary>
        private bool SetLeaf(int k)
        {
            ref var c = ref _cls[k];
            ref var leaf = ref _tree[c.Leaf];
            if (c.QCount == 0 && c.HCount == 0)
            {
                c.Candidate = -1;
                if (leaf.Class < 0) return false;
                leaf.Class = -1;
                return true;
            }
            var top = TopInHeap(k) ? _heap[c.Start] : _queue[c.Start + c.Head];
            c.Candidate = top.Agent;
            if (leaf.Class == k && leaf.B == top.B) return false;
            leaf.B = top.B;
            leaf.W = c.Weight;
            leaf.Class = k;
            return true;
        }

        /// <summary>
        /// Repairs the path from class <paramref name="k"/>'s leaf to the root at the current time. In a narrow tree
        /// (fewer than <see cref="WideClasses"/> classes) node by node with <see cref="Recompute"/>, whose branches
        /// predict well there; in a wide one with <see cref="UpdatePathWide"/>.
        /// </summary>
        private void UpdatePath(int k)
        {
            if (_wide) UpdatePathWide(k);
            else
            {
                long t = _time;
                for (int node = _cls[k].Leaf >> 1; node >= 1; node >>= 1) Recompute(node, t);
            }
        }

        /// <summary>
        /// The path repair for many classes, where which line wins at a node, and whether the loser is the heavier,
        /// are coin tosses: no branch on them. The subtree's winner is carried up in locals (each level reads only
        /// the sibling and writes the node, with the values <see cref="Recompute"/> would give it, except that from
        /// <see cref="LargeClasses"/> classes on a node's fail may be earlier: <see cref="CrossTimeBound"/>), chosen with
        /// masks, and every level computes its crossing time (on this machine a division costs less than a mispredicted
        /// branch; testing first whether it can come before the subtree's fail was slower).
        /// </summary>
        private void UpdatePathWide(int k)
        {
            var tree = _tree;
            long t = _time;
            bool bound = _large;
            int node = _cls[k].Leaf;
            // The winner of the subtree below, starting with the leaf.
            int cls;
            long b, w, fail;
            {
                ref var leaf = ref tree[node];
                cls = leaf.Class; b = leaf.B; w = leaf.W; fail = leaf.Fail;
            }
            long vo = b + w * t;
            while (node > 1)
            {
                ref var sib = ref tree[node ^ 1];
                node >>= 1;
                int sc = sib.Class;
                long sibFail = sib.Fail;
                long df = sibFail - fail; // both in [t, Never]: no overflow
                fail += df & (df >> 63);  // the lesser, without a branch
                if (sc >= 0)
                {
                    long sb = sib.B, sw = sib.W;
                    long vs = sb + sw * t;
                    if (cls >= 0)
                    {
                        // Branch-free choice: m = -1 when the sibling's winner wins, 0 when ours does.
                        long diff = vo - vs;
                        long m = diff >> 63;
                        if (diff == 0) m = _cls[sc].Candidate < _cls[cls].Candidate ? -1L : 0L;
                        long dw = ((sw - w) ^ m) - m; // the loser's weight minus the winner's
                        long d = (diff ^ m) - m;      // the winner's lead, >= 0
                        b ^= (b ^ sb) & m;
                        w ^= (w ^ sw) & m;
                        vo ^= (vo ^ vs) & m;
                        cls ^= (cls ^ sc) & (int)m;
                        long dc = (bound ? CrossTimeBound(t, d, dw) : CrossTime(t, d, dw)) - fail;
                        fail += dc & (dc >> 63); // the lesser
                    }
                    else { cls = sc; b = sb; w = sw; vo = vs; }
                }
                ref var n = ref tree[node];
                n.Class = cls; n.B = b; n.W = (int)w; n.Fail = fail;
            }
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
            if (vl > vr || (vl == vr && _cls[l].Candidate < _cls[r].Candidate)) // ties: the lower agent index
            {
                n.Class = l; n.B = left.B; n.W = left.W;
                cross = CrossTimeBranching(t, vl - vr, (long)right.W - left.W);
            }
            else
            {
                n.Class = r; n.B = right.B; n.W = right.W;
                cross = CrossTimeBranching(t, vr - vl, (long)left.W - right.W);
            }
            n.Fail = cross < fail ? cross : fail;
        }

        /// <summary>
        /// The first time after t at which the loser draws level with or passes the winner, given the winner's lead
        /// d &gt;= 0 at t and <paramref name="dw"/> = the loser's weight minus the winner's: t + max(1, ceil(d / dw)),
        /// or Never when dw &lt;= 0. A draw expires the certificate whatever the agents' indices, so the certificate
        /// holds while a class's candidate changes to another agent with the same line; the repair at the draw
        /// settles it by index. No branch on the data: the division costs less than a mispredicted branch, and
        /// whether the winner is the heavier line is a coin toss at many nodes.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static long CrossTime(long t, long d, long dw)
        {
            long none = (dw - 1) >> 63;           // -1 when dw <= 0: the loser never draws level
            long dv = dw - ((dw - 1) & none);     // dw, or 1
            long n = (d | (((d - 1) >> 63) & 1)) + dv - 1; // max(1, d) + dv - 1: ceil of the quotient, and at least 1
            long q = (ulong)n <= uint.MaxValue ? (uint)n / (uint)dv : n / dv; // the 32-bit division is quicker
            return (t + (q & ~none)) | (none & Never);
        }

        /// <summary>
        /// A lower bound of <see cref="CrossTime"/> without a division, for trees of at least <see cref="LargeClasses"/> classes:
        /// t + max(1, floor(d / 2^s)) with 2^s the power of two at or above dw (so at most about twice too early), or Never when
        /// dw &lt;= 0. A certificate may expire early, never late: an early expiry only makes <see cref="Fix"/> repair the node
        /// with the exact time, and the winners are the same. In a large tree every path node is rewritten often, so most early
        /// times are never reached, and the 17 or so divisions of a path repair, about a quarter of a pick with 100,000
        /// classes, go; in a small tree the nodes live longer and the extra repairs cost more than the divisions.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static long CrossTimeBound(long t, long d, long dw)
        {
            long none = (dw - 1) >> 63;           // -1 when dw <= 0: the loser never draws level
            long dv = dw - ((dw - 1) & none);     // dw, or 1
            // 2^s >= dv: s is one more than the exponent of dv as a double (rounding up only raises it).
            int s = (int)(System.BitConverter.DoubleToInt64Bits(dv) >> 52) - 1022;
            long q = d >> s;
            q += ((q - 1) >> 63) & 1;             // at least 1
            return (t + (q & ~none)) | (none & Never);
        }

        /// <summary>
        /// <see cref="CrossTime"/> with branches: in <see cref="Recompute"/> the test dw &lt;= 0 follows the winner's
        /// (leaves in weight order: the left child's line is the lighter), so it is predicted.
        /// </summary>
        private static long CrossTimeBranching(long t, long d, long dw)
        {
            if (dw <= 0) return Never;
            if (d == 0) return t + 1;
            long n = d - 1; // >= 0
            return t + ((ulong)(n | dw) <= uint.MaxValue ? (uint)n / (uint)dw : n / dw) + 1; // the 32-bit division is quicker
        }
    }
}
