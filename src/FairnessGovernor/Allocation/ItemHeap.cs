using System;
using FairnessGovernor.Numerics;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// A min-heap of entries, each standing for an item 0..capacity-1 (lag_bounded's classes, SPEC.md 6.1.3). Four
    /// children a node: half the levels of a binary heap, and a node's children share one or two cache lines. Each
    /// entry carries its key; the entry type is a struct, so the comparison is not a virtual call. The array starts
    /// small and doubles up to the capacity.
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

        public int Pop()
        {
            int top = _items[0].Item;
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
                int parent = (i - 1) >> 2;
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
                int first = 4 * i + 1;
                if (first >= count) break;
                int child = first, end = first + 4 < count ? first + 4 : count;
                for (int c = first + 1; c < end; c++) if (items[c].Before(items[child])) child = c;
                if (!items[child].Before(e)) break;
                items[i] = items[child];
                i = child;
            }
            items[i] = e;
        }
    }
}
