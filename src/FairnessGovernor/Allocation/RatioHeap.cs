using System;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// A binary min-heap of items (0..capacity-1) keyed by an exact ratio num/w (num, w &gt;= 0, w &gt; 0),
    /// ties to the lower tie value (the agent index the item stands for). Each entry carries its key, so sifting compares entries in place instead of
    /// looking the keys up per agent through a delegate. Arrays only; no allocation after construction.
    /// Tracks whether an index is in the heap.
    /// </summary>
    internal sealed class RatioHeap
    {
        private struct Entry
        {
            public long Num;
            public long W;
            public int Item;
            public int Tie;
        }

        private readonly Entry[] _items;
        private readonly int[] _pos;

        public RatioHeap(int capacity)
        {
            _items = new Entry[Math.Max(1, capacity)];
            _pos = new int[Math.Max(1, capacity)];
            for (int i = 0; i < _pos.Length; i++) _pos[i] = -1;
        }

        public int Count { get; private set; }

        public bool Contains(int item) => _pos[item] >= 0;

        public int Top => _items[0].Item;

        public void Clear()
        {
            for (int i = 0; i < Count; i++) _pos[_items[i].Item] = -1;
            Count = 0;
        }

        public void Push(int item, long num, long w, int tie)
        {
            int i = Count++;
            Up(i, new Entry { Num = num, W = w, Item = item, Tie = tie });
        }

        /// <summary>Removes <paramref name="item"/> when it is in the heap.</summary>
        public void Remove(int item)
        {
            int p = _pos[item];
            if (p < 0) return;
            _pos[item] = -1;
            var last = _items[--Count];
            if (p == Count) return;
            Up(p, last);
            int at = _pos[last.Item];
            Down(at, _items[at]);
        }

        /// <summary>Gives the top entry a new tie value (same key) and sinks it to its place.</summary>
        public void ReplaceTopTie(int tie)
        {
            var e = _items[0];
            e.Tie = tie;
            Down(0, e);
        }

        public int Pop()
        {
            int top = _items[0].Item;
            _pos[top] = -1;
            var last = _items[--Count];
            if (Count > 0) Down(0, last);
            return top;
        }

        private static bool Less(in Entry a, in Entry b)
        {
            int c = ExactMath.CompareProducts(a.Num, b.W, b.Num, a.W);
            return c < 0 || (c == 0 && a.Tie < b.Tie);
        }

        private void Up(int i, Entry e)
        {
            var items = _items;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Less(e, items[parent])) break;
                items[i] = items[parent];
                _pos[items[i].Item] = i;
                i = parent;
            }
            items[i] = e;
            _pos[e.Item] = i;
        }

        private void Down(int i, Entry e)
        {
            var items = _items;
            int count = Count;
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= count) break;
                if (child + 1 < count && Less(items[child + 1], items[child])) child++;
                if (!Less(items[child], e)) break;
                items[i] = items[child];
                _pos[items[i].Item] = i;
                i = child;
            }
            items[i] = e;
            _pos[e.Item] = i;
        }
    }

    /// <summary>
    /// A binary min-heap of items (0..capacity-1) keyed by a step (long), ties to the lower item. Tracks whether an
    /// item is in the heap. Arrays only; no allocation after construction.
    /// </summary>
    internal sealed class StepHeap
    {
        private struct Entry
        {
            public long Key;
            public int Item;
        }

        private readonly Entry[] _items;
        private readonly int[] _pos;

        public StepHeap(int capacity)
        {
            _items = new Entry[Math.Max(1, capacity)];
            _pos = new int[Math.Max(1, capacity)];
            for (int i = 0; i < _pos.Length; i++) _pos[i] = -1;
        }

        public int Count { get; private set; }

        public int Top => _items[0].Item;

        public long TopKey => _items[0].Key;

        public void Clear()
        {
            for (int i = 0; i < Count; i++) _pos[_items[i].Item] = -1;
            Count = 0;
        }

        public void Push(int item, long key)
        {
            int i = Count++;
            Up(i, new Entry { Key = key, Item = item });
        }

        /// <summary>Removes <paramref name="item"/> when it is in the heap.</summary>
        public void Remove(int item)
        {
            int p = _pos[item];
            if (p < 0) return;
            _pos[item] = -1;
            var last = _items[--Count];
            if (p == Count) return;
            Up(p, last);
            int at = _pos[last.Item];
            Down(at, _items[at]);
        }

        public int Pop()
        {
            int top = _items[0].Item;
            _pos[top] = -1;
            var last = _items[--Count];
            if (Count > 0) Down(0, last);
            return top;
        }

        private static bool Less(in Entry a, in Entry b) => a.Key < b.Key || (a.Key == b.Key && a.Item < b.Item);

        private void Up(int i, Entry e)
        {
            var items = _items;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Less(e, items[parent])) break;
                items[i] = items[parent];
                _pos[items[i].Item] = i;
                i = parent;
            }
            items[i] = e;
            _pos[e.Item] = i;
        }

        private void Down(int i, Entry e)
        {
            var items = _items;
            int count = Count;
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= count) break;
                if (child + 1 < count && Less(items[child + 1], items[child])) child++;
                if (!Less(items[child], e)) break;
                items[i] = items[child];
                _pos[items[i].Item] = i;
                i = child;
            }
            items[i] = e;
            _pos[e.Item] = i;
        }
    }
}
