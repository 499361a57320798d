namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// smooth_weighted_round_robin's agents within each weight class (SPEC.md 6.1.2): per class a binary heap of its
    /// agents in the set, by line offset b (current weight = b + w t) highest first, ties to the lower index. Agents of
    /// equal weight never overtake one another between picks, so the top is the class's candidate. All classes share
    /// one array of entries (class k owns a segment as long as its size); each agent's slot is kept, so any agent
    /// leaves in O(log h).
    /// </summary>
    internal sealed class ClassHeaps
    {
        private struct Entry
        {
            public long B;
            public int Agent;
        }

        private readonly Entry[] _slots; // per class segment: a heap of agents with their offsets
        private readonly int[] _start;   // per class: its segment's start
        private readonly int[] _count;   // per class: how many agents its heap holds
        private readonly int[] _pos;     // per agent: its slot (absolute)
        private readonly int[] _classOf;

        /// <param name="classOf">Per agent, its class.</param>
        /// <param name="sizes">Per class, how many agents it has.</param>
        public ClassHeaps(int[] classOf, int[] sizes)
        {
            _classOf = classOf;
            _slots = new Entry[classOf.Length];
            _pos = new int[classOf.Length];
            _start = new int[sizes.Length];
            _count = new int[sizes.Length];
            for (int k = 1; k < sizes.Length; k++) _start[k] = _start[k - 1] + sizes[k - 1];
        }

        /// <summary>Class <paramref name="k"/>'s candidate (its heap's top), -1 when it has no agent in the set; <paramref name="b"/> its offset.</summary>
        public int Top(int k, out long b)
        {
            if (_count[k] == 0)
            {
                b = 0;
                return -1;
            }
            ref var top = ref _slots[_start[k]];
            b = top.B;
            return top.Agent;
        }

        /// <summary>The offset of <paramref name="agent"/> (in a heap).</summary>
        public long OffsetOf(int agent) => _slots[_pos[agent]].B;

        public void Add(int agent, long b)
        {
            int k = _classOf[agent];
            Up(k, _start[k] + _count[k]++, new Entry { B = b, Agent = agent });
        }

        /// <summary>Gives class <paramref name="k"/>'s top the offset <paramref name="b"/> (lower) and sinks it to its place.</summary>
        public void ReplaceTop(int k, long b)
        {
            var e = _slots[_start[k]];
            e.B = b;
            Down(k, _start[k], e);
        }

        /// <summary>Takes <paramref name="agent"/> (in a heap) out of its class.</summary>
        public void Remove(int agent)
        {
            int k = _classOf[agent];
            int p = _pos[agent];
            int last = _start[k] + --_count[k];
            if (p == last) return;
            var moved = _slots[last];
            Up(k, p, moved);
            Down(k, _pos[moved.Agent], moved);
        }

        /// <summary>Class order: higher b first, ties to the lower index.</summary>
        private static bool Before(in Entry x, in Entry y) => x.B > y.B || (x.B == y.B && x.Agent < y.Agent);

        private void Place(in Entry e, int p)
        {
            _slots[p] = e;
            _pos[e.Agent] = p;
        }

        private void Up(int k, int p, Entry e)
        {
            int s = _start[k];
            while (p > s)
            {
                int parent = s + ((p - s - 1) >> 1);
                if (!Before(e, _slots[parent])) break;
                Place(_slots[parent], p);
                p = parent;
            }
            Place(e, p);
        }

        private void Down(int k, int p, Entry e)
        {
            int s = _start[k], end = s + _count[k];
            while (true)
            {
                int child = s + 2 * (p - s) + 1;
                if (child >= end) break;
                if (child + 1 < end && Before(_slots[child + 1], _slots[child])) child++;
                if (!Before(_slots[child], e)) break;
                Place(_slots[child], p);
                p = child;
            }
            Place(e, p);
        }
    }
}
