using System;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// A binary min-heap of agent indexes (0..capacity-1) ordered by a caller's strict comparison.
    /// Arrays only; no allocation after construction. Tracks whether an index is in the heap.
    /// </summary>
    internal sealed class IndexHeap
    {
        private readonly int[] _items;
        private readonly int[] _pos;
        private readonly Func<int, int, bool> _less;

        public IndexHeap(int capacity, Func<int, int, bool> less)
        {
            _items = new int[Math.Max(1, capacity)];
            _pos = new int[Math.Max(1, capacity)];
            for (int i = 0; i < _pos.Length; i++) _pos[i] = -1;
            _less = less;
        }

        public int Count { get; private set; }

        public bool Contains(int item) => _pos[item] >= 0;

        public int Top => _items[0];

        public void Clear()
        {
            for (int i = 0; i < Count; i++) _pos[_items[i]] = -1;
            Count = 0;
        }

        public void Push(int item)
        {
            int i = Count++;
            _items[i] = item;
            _pos[item] = i;
            Up(i);
        }

        public int Pop()
        {
            int top = _items[0];
            _pos[top] = -1;
            int last = _items[--Count];
            if (Count > 0)
            {
                _items[0] = last;
                _pos[last] = 0;
                Down(0);
            }
            return top;
        }

        private void Up(int i)
        {
            int item = _items[i];
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!_less(item, _items[parent])) break;
                _items[i] = _items[parent];
                _pos[_items[i]] = i;
                i = parent;
            }
            _items[i] = item;
            _pos[item] = i;
        }

        private void Down(int i)
        {
            int item = _items[i];
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= Count) break;
                if (child + 1 < Count && _less(_items[child + 1], _items[child])) child++;
                if (!_less(_items[child], item)) break;
                _items[i] = _items[child];
                _pos[_items[i]] = i;
                i = child;
            }
            _items[i] = item;
            _pos[item] = i;
        }
    }
}
