namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// smooth_weighted_round_robin's agents within each weight class (SPEC.md 6.1.2): per class a binary heap of its
    /// agents in the set, by line offset b (current weight = b + w t) highest first, ties to the lower index. Agents of
    /// equal weight never overtake one another between picks, so the top is the class's candidate. All classes share
    /// one array of slots (class k owns a segment as long as its size); each agent's slot is kept, so any agent leaves
    /// in O(log h).
    /// </summary>
    internal sealed class ClassHeaps
    {
        private readonly int[] _slots;  // per class segment: a heap of agents
        private readonly int[] _start;  // per class: its segment's start
        private readonly int[] _count;  // per class: how many agents its heap holds
        private readonly int[] _pos;    // per agent: its slot (absolute)
        private readonly int[] _classOf;

        /// <param name="classOf">Per agent, its class.</param>
        /// <param name="sizes">Per class, how many agents it has.</param>
        /// <param name="b">Per agent, its line offset; the heaps read it and <see cref="ReplaceTop"/> writes it.</param>
        public ClassHeaps(int[] classOf, int[] sizes, long[] b)
        {
            _classOf = classOf;
            B = b;
            _slots = new int[classOf.Length];
            _pos = new int[classOf.Length];
            _start = new int[sizes.Length];
            _count = new int[sizes.Length];
            for (int k = 1; k < sizes.Length; k++) _start[k] = _start[k - 1] + sizes[k - 1];
        }

        /// <summary>Per agent, its line offset b.</summary>
        public long[] B { get; }

        /// <summary>Class <paramref name="k"/>'s candidate (its heap's top), -1 when it has no agent in the set.</summary>
        public int Top(int k) => _count[k] == 0 ? -1 : _slots[_start[k]];

        public void Add(int agent)
        {
            int k = _classOf[agent];
            int p = _start[k] + _count[k]++;
            _slots[p] = agent;
            _pos[agent] = p;
            Up(k, p);
        }

        /// <summary>Gives class <paramref name="k"/>'s top the offset <paramref name="b"/> (lower) and sinks it to its place.</summary>
        public void ReplaceTop(int k, long b)
        {
            B[_slots[_start[k]]] = b;
            Down(k, _start[k]);
        }

        /// <summary>Takes <paramref name="agent"/> (in the heap) out of its class.</summary>
        public void Remove(int agent)
        {
            int k = _classOf[agent];
            int p = _pos[agent];
            int last = _start[k] + --_count[k];
            if (p == last) return;
            int moved = _slots[last];
            Place(moved, p);
            Up(k, p);
            Down(k, _pos[moved]);
        }

        /// <summary>Class order: higher b first, ties to the lower index.</summary>
        private bool Before(int x, int y) => B[x] > B[y] || (B[x] == B[y] && x < y);

        private void Place(int agent, int p)
        {
            _slots[p] = agent;
            _pos[agent] = p;
        }

        private void Up(int k, int p)
        {
            int s = _start[k], agent = _slots[p];
            while (p > s)
            {
                int parent = s + ((p - s - 1) >> 1);
                if (!Before(agent, _slots[parent])) break;
                Place(_slots[parent], p);
                p = parent;
            }
            Place(agent, p);
        }

        private void Down(int k, int p)
        {
            int s = _start[k], end = s + _count[k], agent = _slots[p];
            while (true)
            {
                int child = s + 2 * (p - s) + 1;
                if (child >= end) break;
                if (child + 1 < end && Before(_slots[child + 1], _slots[child])) child++;
                if (!Before(_slots[child], agent)) break;
                Place(_slots[child], p);
                p = child;
            }
            Place(agent, p);
        }
    }
}
