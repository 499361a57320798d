using System;
using FairnessGovernor.Numerics;

namespace FairnessGovernor.Allocation
{
    /// <summary>An entry of an <see cref="ItemHeap{T}"/>: the item (0..capacity-1) it stands for and its order.</summary>
    internal interface IHeapEntry<T> where T : struct, IHeapEntry<T>
    {
        int Item { get; }

        /// <summary>True when this entry comes before <paramref name="other"/> (a strict order; ties broken inside).</summary>
        bool Before(in T other);
    }

    /// <summary>
    /// A binary min-heap of entries, each standing for an item 0..capacity-1. Each entry carries its key, so sifting
    /// compares entries in place instead of looking keys up per item; the entry type is a struct, so the comparison is
    /// specialised, not a virtual call. The heap keeps no per-item positions: a push or a pop writes only the heap's own
    /// array, which stays small and cached, where a position array as long as the items would be written at a random
    /// place each time (a cache miss when there are many items, SPEC.md 6.1.3). Removing a given item, which only
    /// lag_bounded's fallback and the tests do, scans the heap. The array starts small and doubles up to the capacity.
    /// </summary>
    internal sealed class ItemHeap<T> where T : struct, IHeapEntry<T>
    {
        private T[] _items;
        private readonly int _capacity;

        public ItemHeap(int capacity)
        {
            _capacity = Math.Max(1, capacity);
            _items = new T[Math.Min(_capacity, 64)];
        }

        public int Count { get; private set; }

        /// <summary>True when <paramref name="item"/> is in the heap (a scan).</summary>
        public bool Contains(int item) => Find(item) >= 0;

        /// <summary>The first entry (the heap must not be empty).</summary>
        public ref readonly T First => ref _items[0];

        public int Top => _items[0].Item;

        public void Clear() => Count = 0;

        public void Push(T entry)
        {
            if (Count == _items.Length)
            {
                if (Count >= _capacity) throw new InvalidOperationException("The heap holds every item already.");
                Array.Resize(ref _items, (int)Math.Min(_capacity, 2L * _items.Length));
            }
            Up(Count++, entry);
        }

        /// <summary>Removes <paramref name="item"/> when it is in the heap (a scan for it).</summary>
        public void Remove(int item)
        {
            int p = Find(item);
            if (p < 0) return;
            var last = _items[--Count];
            if (p == Count) return;
            // The last entry takes the removed one's place, then moves up or down to where it belongs.
            if (p > 0 && last.Before(_items[(p - 1) >> 1])) Up(p, last);
            else Down(p, last);
        }

        public int Pop()
        {
            int top = _items[0].Item;
            var last = _items[--Count];
            if (Count > 0) Down(0, last);
            return top;
        }

        /// <summary>Replaces the first entry by <paramref name="entry"/> (the same item, a later or equal place) and sinks it.</summary>
        public void ReplaceFirst(T entry) => Down(0, entry);

        private int Find(int item)
        {
            for (int i = 0; i < Count; i++) if (_items[i].Item == item) return i;
            return -1;
        }

        private void Up(int i, T e)
        {
            var items = _items;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!e.Before(items[parent])) break;
                items[i] = items[parent];
                i = parent;
            }
            items[i] = e;
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
                i = child;
            }
            items[i] = e;
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
