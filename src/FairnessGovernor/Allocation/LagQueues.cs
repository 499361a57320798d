using System;

namespace FairnessGovernor.Allocation
{
    /// <summary>Bucket arithmetic shared by <see cref="StepWheel"/> and <see cref="DeadlineQueue"/>.</summary>
    internal static class Buckets
    {
        /// <summary>The wheel size for <paramref name="items"/> items: a power of two, 4 per item, from 64 to 4,096.</summary>
        public static int WheelSize(int items)
        {
            int size = 64;
            while (size < 4096 && size < 4L * items) size <<= 1;
            return size;
        }

        private static readonly int[] DeBruijn =
        {
            0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4, 62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
            63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11, 46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6,
        };

        /// <summary>The index of the lowest set bit of <paramref name="bits"/> (not 0).</summary>
        public static int LowestBit(ulong bits) => DeBruijn[((bits & (0UL - bits)) * 0x03F79D71B4CB0A89UL) >> 58];
    }

    /// <summary>
    /// Items waiting for an integer step (SPEC.md 6.1.3: lag_bounded's classes not yet eligible). The steps asked
    /// for go up by one at a time, so a timing wheel does it in O(1): an item whose step is within the wheel's span
    /// of the current step sits in the bucket of its step (a doubly linked list), and the bucket of step k holds
    /// only items due at k when k comes. Items due beyond the span wait in a heap and move into the wheel when the
    /// span reaches them (an item comes there only when its step is at least a wheel's length away, so rarely).
    /// </summary>
    internal sealed class StepWheel
    {
        private const byte Out = 0, InWheel = 1, InHeap = 2;
        private readonly int _mask;
        private readonly int[] _head;
        private readonly int[] _next;
        private readonly int[] _prev;
        private readonly long[] _step;
        private readonly byte[] _where;
        private readonly IndexedHeap<StepEntry> _far;
        private int _count;

        public StepWheel(int capacity)
        {
            int size = Buckets.WheelSize(capacity);
            _mask = size - 1;
            _head = new int[size];
            for (int i = 0; i < size; i++) _head[i] = -1;
            int n = Math.Max(1, capacity);
            _next = new int[n];
            _prev = new int[n];
            _step = new long[n];
            _where = new byte[n];
            _far = new IndexedHeap<StepEntry>(capacity);
        }

        public int Count => _count;

        public bool Contains(int item) => _where[item] != Out;

        /// <summary>Files <paramref name="item"/> due at <paramref name="step"/> (after <paramref name="now"/>).</summary>
        public void Add(int item, long step, long now)
        {
            _count++;
            _step[item] = step;
            if (step - now <= _mask) Link(item, step);
            else
            {
                _where[item] = InHeap;
                _far.Push(new StepEntry(item, step));
            }
        }

        /// <summary>
        /// The items due at <paramref name="now"/> (one more than the last call's), as a list read with
        /// <see cref="Next"/> (-1 ends it); they leave the wheel.
        /// </summary>
        public int TakeDue(long now)
        {
            while (_far.Count > 0 && _far.First.Step - now <= _mask)
            {
                int item = _far.Pop();
                Link(item, _step[item]);
            }
            int b = (int)(now & _mask);
            int first = _head[b];
            if (first < 0) return -1;
            _head[b] = -1;
            for (int i = first; i >= 0; i = _next[i])
            {
                _where[i] = Out;
                _count--;
            }
            return first;
        }

        public int Next(int item) => _next[item];

        /// <summary>The item due soonest (ties: the lowest item), or -1; O(wheel size): only the fallback asks.</summary>
        public int Soonest(long now, out long step)
        {
            step = long.MaxValue;
            int best = -1;
            for (int d = 1; d <= _mask && best < 0; d++)
            {
                for (int i = _head[(int)((now + d) & _mask)]; i >= 0; i = _next[i])
                    if (best < 0 || i < best) best = i;
            }
            if (best >= 0) step = _step[best];
            else if (_far.Count > 0)
            {
                best = _far.Top;
                step = _far.First.Step;
            }
            return best;
        }

        public void Remove(int item)
        {
            byte where = _where[item];
            if (where == Out) return;
            _count--;
            _where[item] = Out;
            if (where == InHeap) _far.Remove(item);
            else Unlink(item);
        }

        /// <summary>Empties the wheel; <paramref name="items"/>[0..count) must include every item in it.</summary>
        public void Clear(int[] items, int count)
        {
            _far.Clear();
            for (int n = 0; n < count; n++)
            {
                int item = items[n];
                if (_where[item] == InWheel) Unlink(item);
                _where[item] = Out;
            }
            _count = 0;
        }

        private void Link(int item, long step)
        {
            _where[item] = InWheel;
            int b = (int)(step & _mask);
            int first = _head[b];
            _next[item] = first;
            _prev[item] = -1;
            if (first >= 0) _prev[first] = item;
            _head[b] = item;
        }

        private void Unlink(int item)
        {
            int p = _prev[item], n = _next[item];
            if (p >= 0) _next[p] = n;
            else _head[(int)(_step[item] & _mask)] = n;
            if (n >= 0) _prev[n] = p;
        }
    }

    /// <summary>
    /// Items keyed by an exact deadline ratio, with the integer part of their deadline (in steps) beside it
    /// (SPEC.md 6.1.3: lag_bounded's eligible classes, earliest deadline first). Only the items whose deadline
    /// floor is below a frontier sit in an exact binary heap (the near heap); the frontier stays a few steps
    /// ahead of the current step, so that heap holds the few items due soon. Items further out sit in a wheel of
    /// buckets by deadline floor (unordered lists, a bitmap of the non-empty ones), and beyond the wheel's span in a
    /// heap by floor. The frontier never goes back: an item added with a floor below it goes to the near heap; a
    /// bucket crossed by the frontier moves into the near heap whole. Every near item's floor is below every other
    /// item's, and floors order deadlines (a lower floor is a lower deadline), so the near heap's top is the
    /// overall first. When the near heap is empty the frontier jumps past the first non-empty bucket.
    /// </summary>
    internal sealed class DeadlineQueue
    {
        /// <summary>How many steps past the current one the frontier is kept.</summary>
        internal const int Lead = 4;
        private const byte Out = 0, InNear = 1, InWheel = 2, InFar = 3;
        private readonly int _mask;
        private readonly int[] _head;
        private readonly ulong[] _bits;
        private readonly int[] _next;
        private readonly int[] _prev;
        private readonly long[] _floor;
        private readonly RatioEntry[] _entry;
        private readonly byte[] _where;
        private readonly IndexedHeap<RatioEntry> _near;
        private readonly IndexedHeap<StepEntry> _far;
        private long _frontier;
        private int _outside; // items in the wheel or the far heap
        private int _inWheel;

        public DeadlineQueue(int capacity)
        {
            int size = Buckets.WheelSize(capacity);
            _mask = size - 1;
            _head = new int[size];
            for (int i = 0; i < size; i++) _head[i] = -1;
            _bits = new ulong[size / 64];
            int n = Math.Max(1, capacity);
            _next = new int[n];
            _prev = new int[n];
            _floor = new long[n];
            _entry = new RatioEntry[n];
            _where = new byte[n];
            _near = new IndexedHeap<RatioEntry>(capacity);
            _far = new IndexedHeap<StepEntry>(capacity);
        }

        public bool Contains(int item) => _where[item] != Out;

        /// <summary>The first item (after <see cref="Ready"/> returned true).</summary>
        public int Top => _near.Top;

        public ref readonly RatioEntry First => ref _near.First;

        /// <summary>True when <paramref name="item"/> is the near heap's first.</summary>
        public bool IsFirst(int item) => _near.Count > 0 && _near.Top == item;

        /// <summary>Files <paramref name="entry"/>, whose deadline's integer part is <paramref name="floor"/>.</summary>
        public void Add(in RatioEntry entry, long floor)
        {
            int item = entry.Item;
            if (floor < _frontier || _frontier == long.MaxValue)
            {
                _where[item] = InNear;
                _near.Push(entry);
                return;
            }
            _outside++;
            _entry[item] = entry;
            _floor[item] = floor;
            if (floor - _frontier <= _mask) Link(item, floor);
            else
            {
                _where[item] = InFar;
                _far.Push(new StepEntry(item, floor));
            }
        }

        /// <summary>
        /// Moves the frontier to at least <paramref name="now"/> + <see cref="Lead"/>, and past the first item if
        /// the near heap is empty; true when there is an item (<see cref="Top"/> is then the first).
        /// </summary>
        public bool Ready(long now)
        {
            if (_frontier - now < Lead)
            {
                if (_outside > 0) Raise(now + Lead);
                else _frontier = now + Lead;
            }
            if (_near.Count > 0) return true;
            if (_outside == 0) return false;
            long first = NextFloor(_frontier, _frontier + _mask + 1);
            if (first == long.MaxValue) first = _far.First.Step; // the wheel is empty
            Raise(first == long.MaxValue ? first : first + 1);
            return true;
        }

        /// <summary>Replaces the first entry by <paramref name="entry"/> (the same item, a later or equal place).</summary>
        public void ReplaceFirst(in RatioEntry entry) => _near.ReplaceFirst(entry);

        public void Remove(int item)
        {
            byte where = _where[item];
            if (where == Out) return;
            _where[item] = Out;
            if (where == InNear) { _near.Remove(item); return; }
            _outside--;
            if (where == InFar) _far.Remove(item);
            else Unlink(item);
        }

        /// <summary>Empties the queue and sets the frontier to <paramref name="now"/>; <paramref name="items"/>[0..count) must include every item in it.</summary>
        public void Clear(int[] items, int count, long now)
        {
            _near.Clear();
            _far.Clear();
            for (int n = 0; n < count; n++)
            {
                int item = items[n];
                if (_where[item] == InWheel) Unlink(item);
                _where[item] = Out;
            }
            _outside = 0;
            _inWheel = 0;
            _frontier = now;
        }

        /// <summary>Moves the frontier up to <paramref name="to"/>: the buckets it crosses go to the near heap, then the far items within the new span to the wheel.</summary>
        private void Raise(long to)
        {
            while (_frontier < to)
            {
                if (_inWheel == 0)
                {
                    _frontier = to; // the far items below it go to the near heap next
                    break;
                }
                long limit = to - _frontier > _mask ? _frontier + _mask + 1 : to;
                long floor = NextFloor(_frontier, limit);
                if (floor == long.MaxValue)
                {
                    _frontier = limit;
                    continue;
                }
                int b = (int)(floor & _mask);
                for (int i = _head[b]; i >= 0; i = _next[i])
                {
                    _where[i] = InNear;
                    _outside--;
                    _inWheel--;
                    _near.Push(_entry[i]);
                }
                _head[b] = -1;
                _bits[b >> 6] &= ~(1UL << b);
                _frontier = floor + 1;
            }
            while (_far.Count > 0 && _far.First.Step - _frontier <= _mask)
            {
                int item = _far.Pop();
                long floor = _floor[item];
                if (floor < _frontier || _frontier == long.MaxValue)
                {
                    _outside--;
                    _where[item] = InNear;
                    _near.Push(_entry[item]);
                }
                else Link(item, floor);
            }
        }

        /// <summary>The first floor in [<paramref name="from"/>, <paramref name="limit"/>) whose bucket is not empty (limit - from &lt;= wheel size), or long.MaxValue.</summary>
        private long NextFloor(long from, long limit)
        {
            while (from < limit)
            {
                int b = (int)(from & _mask);
                ulong bits = _bits[b >> 6] >> (b & 63);
                if (bits != 0)
                {
                    long floor = from + Buckets.LowestBit(bits);
                    return floor < limit ? floor : long.MaxValue;
                }
                from += 64 - (b & 63);
            }
            return long.MaxValue;
        }

        private void Link(int item, long floor)
        {
            _where[item] = InWheel;
            _inWheel++;
            int b = (int)(floor & _mask);
            int first = _head[b];
            _next[item] = first;
            _prev[item] = -1;
            if (first >= 0) _prev[first] = item;
            else _bits[b >> 6] |= 1UL << b;
            _head[b] = item;
        }

        private void Unlink(int item)
        {
            int p = _prev[item], n = _next[item];
            int b = (int)(_floor[item] & _mask);
            _inWheel--;
            if (p >= 0) _next[p] = n;
            else
            {
                _head[b] = n;
                if (n < 0) _bits[b >> 6] &= ~(1UL << b);
            }
            if (n >= 0) _prev[n] = p;
        }
    }
}
