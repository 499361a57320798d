using System;

namespace FairnessGovernor.Allocation
{
    /// <summary>An entry of an <see cref="IndexedHeap{T}"/>: the item (0..capacity-1) it stands for and its order.</summary>
    internal interface IHeapEntry<T> where T : struct, IHeapEntry<T>
    {
        int Item { get; }

        /// <summary>True when this entry comes before <paramref name="other"/> (a strict order; ties broken inside).</summary>
        bool Before(in T other);
    }

    /// <summary>
    /// A binary min-heap of entries, each standing for an item 0..capacity-1, that knows where every item is (so an
    /// item can be removed). Each entry carries its key, so sifting compares entries in place instead of looking
    /// keys up per item. The entry type is a struct, so the comparison is specialised, not a virtual call. Arrays
    /// only; no allocation after construction.
    /// </summary>
    internal sealed class IndexedHeap<T> where T : struct, IHeapEntry<T>
    {
        private readonly T[] _items;
        private readonly int[] _pos;

        public IndexedHeap(int capacity)
        {
            _items = new T[Math.Max(1, capacity)];
            _pos = new int[Math.Max(1, capacity)];
            for (int i = 0; i < _pos.Length; i++) _pos[i] = -1;
        }

        public int Count { get; private set; }

        public bool Contains(int item) => _pos[item] >= 0;

        /// <summary>The first entry (the heap must not be empty).</summary>
        public ref readonly T First => ref _items[0];

        public int Top => _items[0].Item;

        public void Clear()
        {
            for (int i = 0; i < Count; i++) _pos[_items[i].Item] = -1;
            Count = 0;
        }

        public void Push(T entry) => Up(Count++, entry);

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

        /// <summary>Replaces the first entry by <paramref name="entry"/> (the same item, a later or equal place) and sinks it.</summary>
        public void ReplaceFirst(T entry) => Down(0, entry);

        private void Up(int i, T e)
        {
            var items = _items;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!e.Before(items[parent])) break;
                items[i] = items[parent];
                _pos[items[i].Item] = i;
                i = parent;
            }
            items[i] = e;
            _pos[e.Item] = i;
        }

        private void Down(int i, T e)
        {
            var items = _items;
            int count = Count;
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= count) break;
                if (child + 1 < count && items[child + 1].Before(items[child])) child++;
                if (!items[child].Before(e)) break;
                items[i] = items[child];
                _pos[items[i].Item] = i;
                i = child;
            }
            items[i] = e;
            _pos[e.Item] = i;
        }
    }

    /// <summary>A heap entry keyed by an exact ratio Num/W (Num, W &gt;= 0, W &gt; 0), ties to the lower Tie.</summary>
    internal struct RatioEntry : IHeapEntry<RatioEntry>
    {
        public RatioEntry(int item, long num, long w, int tie)
        {
            Num = num;
            W = w;
            Item = item;
            Tie = tie;
        }

        // The longs first: 24 bytes, no padding.
        public long Num { get; }
        public long W { get; }
        public int Item { get; }
        public int Tie { get; set; }

        public bool Before(in RatioEntry other)
        {
            int c = ExactMath.CompareProducts(Num, other.W, other.Num, W);
            return c < 0 || (c == 0 && Tie < other.Tie);
        }
    }

    /// <summary>A heap entry keyed by a step, ties to the lower item.</summary>
    internal readonly struct StepEntry : IHeapEntry<StepEntry>
    {
        public StepEntry(int item, long step)
        {
            Item = item;
            Step = step;
        }

        public int Item { get; }
        public long Step { get; }

        public bool Before(in StepEntry other) => Step < other.Step || (Step == other.Step && Item < other.Item);
    }
}
