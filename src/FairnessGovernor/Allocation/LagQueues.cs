using System;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// An item's record in a <see cref="StepWheel"/> and a <see cref="DeadlineQueue"/> (48 bytes): its owner's state
    /// (<see cref="LagClass"/>), its link in a bucket and its place. lag_bounded gives its two queues one array of these
    /// (a class is in at most one of them at a time), so a class's round reads and writes one small record rather than
    /// one place in each of several arrays: with 100,000 distinct weights the classes' records are larger than the
    /// caches, and the time of a pick follows their size (SPEC.md 6.1.3).
    /// </summary>
    internal struct LagNode
    {
        public LagClass Class;
        public int Next;
        /// <summary>Where the item is: the mark of the wheel holding it (high 8 bits; 0: none) and its bucket (low 24 bits).</summary>
        public int Place;
    }

    /// <summary>A deadline queue's entries, worked out by their owner when the queue needs them (see <see cref="DeadlineQueue"/>).</summary>
    internal interface IDeadlineEntries
    {
        RatioEntry EntryOf(int item);
    }

    /// <summary>
    /// Items 0..capacity-1 keyed by an integer (a step), kept relative to a base the owner moves forward: an item whose
    /// key is within the wheel's span of the base (key - base &lt; size, a power of two) sits in the bucket key mod size, a
    /// singly linked list, with a bitmap of the non-empty buckets; an item further out waits in a heap by (key, item) and
    /// is moved into a bucket by <see cref="PopFar"/> once the owner's base comes within reach. Every bucket then holds
    /// items of one key. The shared part of <see cref="StepWheel"/> and <see cref="DeadlineQueue"/> (SPEC.md 6.1.3).
    /// </summary>
    internal sealed class KeyedWheel
    {
        private const int Out = 0;
        private readonly int Linked, InFar; // this wheel's marks in LagNode.Place (two wheels may share the nodes)
        private readonly int _mask;
        private readonly int[] _head;
        private readonly ulong[] _bits;
        private readonly LagNode[] _node; // per item: its link and place (maybe shared with the owner, see LagNode)
        private readonly ItemHeap<StepEntry> _far;
        private int _inWheel;

        public KeyedWheel(int capacity, LagNode[]? nodes = null, byte mark = 1)
        {
            Linked = mark << 24;
            InFar = (mark + 1) << 24;
            int size = 64; // 4 buckets per item, from 64 to 2^22 (SPEC.md 6.1.3: a class comes back after about as many steps as there are classes)
            while (size < (1 << 22) && size < 4L * capacity) size <<= 1;
            _mask = size - 1;
            _head = new int[size];
            for (int i = 0; i < size; i++) _head[i] = -1;
            _bits = new ulong[size / 64];
            _node = nodes ?? new LagNode[Math.Max(1, capacity)];
            _far = new ItemHeap<StepEntry>(capacity);
        }

        /// <summary>The number of buckets less one: keys up to base + Span share the wheel.</summary>
        public int Span => _mask;

        public bool Contains(int item) => Mark(item) == Linked || Mark(item) == InFar;

        private int Mark(int item) => _node[item].Place & ~0xFFFFFF;

        /// <summary>Items in the wheel or the far heap.</summary>
        public int Count => _inWheel + _far.Count;

        public int InWheel => _inWheel;

        public int Next(int item) => _node[item].Next;

        /// <summary>Files <paramref name="item"/> with <paramref name="key"/> (&gt;= <paramref name="at"/>, the owner's base).</summary>
        public void Add(int item, long key, long at)
        {
            if (key - at <= _mask) Link(item, (int)(key & _mask));
            else
            {
                _node[item].Place = InFar;
                _far.Push(new StepEntry(item, key));
            }
        }

        /// <summary>True when the far heap has an item whose key is within the span of <paramref name="at"/>.</summary>
        public bool FarWithin(long at) => _far.Count > 0 && _far.First.Step - at <= _mask;

        /// <summary>The far heap's first key (long.MaxValue when it is empty).</summary>
        public long FarKey => _far.Count > 0 ? _far.First.Step : long.MaxValue;

        /// <summary>Takes the far heap's first item out, and its key (the caller files it again).</summary>
        public int PopFar(out long key)
        {
            key = _far.First.Step;
            int item = _far.Pop();
            _node[item].Place = Out;
            return item;
        }

        /// <summary>Takes out the bucket of <paramref name="key"/> (every item in it has that key): a list read with <see cref="Next"/>, -1 ending it.</summary>
        public int TakeBucket(long key)
        {
            int b = (int)(key & _mask);
            int first = _head[b];
            if (first < 0) return -1;
            _head[b] = -1;
            _bits[b >> 6] &= ~(1UL << b);
            for (int i = first; i >= 0; i = _node[i].Next)
            {
                _node[i].Place = Out;
                _inWheel--;
            }
            return first;
        }

        /// <summary>The lowest key in [<paramref name="from"/>, <paramref name="limit"/>) with a non-empty bucket (limit - from &lt;= Span + 1), or long.MaxValue.</summary>
        public long FirstKey(long from, long limit)
        {
            while (from < limit)
            {
                int b = (int)(from & _mask);
                ulong bits = _bits[b >> 6] >> (b & 63);
                if (bits != 0)
                {
                    long key = from + LowestBit(bits);
                    return key < limit ? key : long.MaxValue;
                }
                from += 64 - (b & 63);
            }
            return long.MaxValue;
        }

        /// <summary>Starts loading the record of the first item in the bucket of <paramref name="key"/> (see <see cref="CachePrefetch"/>).</summary>
        public int Prefetch(long key)
        {
            int first = _head[(int)(key & _mask)];
            if (first >= 0) CachePrefetch.Line(_node, first);
            return first;
        }

        /// <summary>Starts loading the record of the item after <paramref name="item"/> in its bucket, if any (<paramref name="item"/>'s own record should be in the cache).</summary>
        public void PrefetchNext(int item)
        {
            int next = _node[item].Next;
            if (next >= 0) CachePrefetch.Line(_node, next);
        }

        /// <summary>The lowest item in the bucket of <paramref name="key"/>, or -1.</summary>
        public int LowestIn(long key)
        {
            int best = -1;
            for (int i = _head[(int)(key & _mask)]; i >= 0; i = _node[i].Next)
                if (best < 0 || i < best) best = i;
            return best;
        }

        /// <summary>The far heap's first item, or -1.</summary>
        public int FarFirst => _far.Count > 0 ? _far.Top : -1;

        public void Remove(int item)
        {
            int where = Mark(item);
            if (where != Linked && where != InFar) return;
            if (where == InFar) _far.Remove(item);
            else Unlink(item);
            _node[item].Place = Out;
        }

        /// <summary>Empties the wheel; <paramref name="items"/>[0..count) must include every item in it.</summary>
        public void Clear(int[] items, int count)
        {
            _far.Clear();
            for (int n = 0; n < count; n++)
            {
                int item = items[n];
                int where = Mark(item);
                if (where == Linked)
                {
                    // The whole bucket goes: every item in it is among items.
                    int b = _node[item].Place & 0xFFFFFF;
                    _head[b] = -1;
                    _bits[b >> 6] &= ~(1UL << b);
                    _inWheel--;
                }
                if (where == Linked || where == InFar) _node[item].Place = Out;
            }
        }

        /// <summary>
        /// Pushes the item onto its bucket's list. The lists are singly linked: a second link would make every push
        /// onto a non-empty bucket write the old first item's record too, a cache miss of its own when the records
        /// outgrow the caches; only <see cref="Remove"/>, which lag_bounded needs in its fallback alone, walks a bucket.
        /// </summary>
        private void Link(int item, int b)
        {
            _node[item].Place = Linked | b;
            _inWheel++;
            int first = _head[b];
            _node[item].Next = first;
            if (first < 0) _bits[b >> 6] |= 1UL << b;
            _head[b] = item;
        }

        private void Unlink(int item)
        {
            _inWheel--;
            int b = _node[item].Place & 0xFFFFFF, n = _node[item].Next;
            int at = _head[b];
            if (at == item)
            {
                _head[b] = n;
                if (n < 0) _bits[b >> 6] &= ~(1UL << b);
                return;
            }
            while (_node[at].Next != item) at = _node[at].Next;
            _node[at].Next = n;
        }

        private static readonly int[] DeBruijn =
        {
            0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4, 62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
            63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11, 46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6,
        };

        /// <summary>The index of the lowest set bit of <paramref name="bits"/> (not 0).</summary>
        private static int LowestBit(ulong bits) => DeBruijn[((bits & (0UL - bits)) * 0x03F79D71B4CB0A89UL) >> 58];
    }

    /// <summary>
    /// Items waiting for an integer step (SPEC.md 6.1.3: lag_bounded's classes not yet eligible). The steps asked
    /// for go up by one at a time, so a timing wheel does it in O(1): an item whose step is within the wheel's span
    /// of the current step sits in the bucket of its step, and the bucket of step k holds only items due at k when k
    /// comes. Items due beyond the span wait in a heap and move into the wheel when the span reaches them (an item
    /// goes there only when its step is at least a wheel's length away, so rarely).
    /// </summary>
    internal sealed class StepWheel
    {
        private readonly KeyedWheel _wheel;

        /// <summary>A wheel for items 0..capacity-1, linking through <paramref name="nodes"/> when given (see <see cref="LagNode"/>).</summary>
        public StepWheel(int capacity, LagNode[]? nodes = null) => _wheel = new KeyedWheel(capacity, nodes);

        public int Count => _wheel.Count;

        public bool Contains(int item) => _wheel.Contains(item);

        /// <summary>Files <paramref name="item"/> due at <paramref name="step"/> (after <paramref name="now"/>).</summary>
        public void Add(int item, long step, long now) => _wheel.Add(item, step, now);

        /// <summary>
        /// The items due at <paramref name="now"/> (one more than the last call's), as a list read with
        /// <see cref="Next"/> (-1 ends it); they leave the wheel.
        /// </summary>
        public int TakeDue(long now)
        {
            while (_wheel.FarWithin(now))
            {
                int item = _wheel.PopFar(out long step);
                _wheel.Add(item, step, now);
            }
            return _wheel.TakeBucket(now);
        }

        public int Next(int item) => _wheel.Next(item);

        /// <summary>The item due soonest (ties: the lowest item), or -1, and its step; only the fallback asks.</summary>
        public int Soonest(long now, out long step)
        {
            long key = _wheel.FirstKey(now + 1, now + 1 + _wheel.Span);
            if (key != long.MaxValue)
            {
                step = key;
                return _wheel.LowestIn(key);
            }
            step = _wheel.FarKey;
            return _wheel.FarFirst;
        }

        public void Remove(int item) => _wheel.Remove(item);

        /// <summary>Empties the wheel; <paramref name="items"/>[0..count) must include every item in it.</summary>
        public void Clear(int[] items, int count) => _wheel.Clear(items, count);
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
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal sealed class DeadlineQueue
    {
        /// <summary>How many steps past the current one the frontier is kept.</summary>
        internal const int Lead = 4;
        /// <summary>How many non-empty buckets past the frontier the prefetch cursor runs (see <see cref="PrefetchAhead"/>).</summary>
        internal const int Ahead = 4;
        private const int ScanLimit = 512; // buckets the cursor looks through at a time
        private readonly KeyedWheel _wheel;
        private readonly RatioEntry[]? _entry; // standalone: per item in the wheel, its entry for the near heap
        private readonly IDeadlineEntries? _source; // shared records: the owner works the entries out
        private readonly ItemHeap<RatioEntry> _near;
        private long _frontier;
        private readonly bool _prefetch; // run the prefetch cursor (PrefetchAhead)
        private long _prefetched = -1; // the prefetch cursor: the last bucket whose first record was prefetched
        private int _prefetchedItem = -1, _prefetchedBefore = -1; // the items whose records the last two moves prefetched

        /// <summary>A queue for items 0..capacity-1 that keeps each item's entry itself (<paramref name="prefetch"/>: run the prefetch cursor).</summary>
        public DeadlineQueue(int capacity, bool prefetch = false)
        {
            _prefetch = prefetch && CachePrefetch.Available;
            _entry = new RatioEntry[Math.Max(1, capacity)];
            _wheel = new KeyedWheel(capacity);
            _near = new ItemHeap<RatioEntry>(capacity);
        }

        /// <summary>
        /// A queue that links through <paramref name="nodes"/> (shared with a <see cref="StepWheel"/>, see <see cref="LagNode"/>)
        /// and keeps no entries: <paramref name="source"/> works out an item's entry when its bucket moves into the near heap
        /// (the owner must not change an item's entry while it is in the queue).
        /// </summary>
        public DeadlineQueue(int capacity, LagNode[] nodes, IDeadlineEntries source, bool prefetch)
        {
            _prefetch = prefetch && CachePrefetch.Available;
            _source = source;
            _wheel = new KeyedWheel(capacity, nodes, 3); // marks apart from a StepWheel's on the same nodes
            _near = new ItemHeap<RatioEntry>(capacity);
        }

        private RatioEntry EntryOf(int item) => _entry != null ? _entry[item] : _source!.EntryOf(item);

        public bool Contains(int item) => _near.Contains(item) || _wheel.Contains(item);

        /// <summary>The first item (after <see cref="Ready"/> returned true).</summary>
        public int Top => _near.Top;

        public ref readonly RatioEntry First => ref _near.First;

        /// <summary>True when <paramref name="item"/> is the near heap's first.</summary>
        public bool IsFirst(int item) => _near.Count > 0 && _near.Top == item;

        /// <summary>Files <paramref name="entry"/>, whose deadline's integer part is <paramref name="floor"/>.</summary>
        public void Add(in RatioEntry entry, long floor)
        {
            if (floor < _frontier || _frontier == long.MaxValue)
            {
                _near.Push(entry);
                return;
            }
            if (_entry != null) _entry[entry.Item] = entry;
            _wheel.Add(entry.Item, floor, _frontier);
        }

        /// <summary>
        /// Moves the frontier to at least <paramref name="now"/> + <see cref="Lead"/>, and past the first item if
        /// the near heap is empty; true when there is an item (<see cref="Top"/> is then the first).
        /// </summary>
        public bool Ready(long now)
        {
            if (_frontier - now < Lead)
            {
                if (_wheel.Count > 0) Raise(now + Lead);
                else _frontier = now + Lead;
            }
            if (_near.Count > 0) return true;
            if (_wheel.Count == 0) return false;
            long first = _wheel.FirstKey(_frontier, _frontier + _wheel.Span + 1);
            if (first == long.MaxValue) first = _wheel.FarKey; // the wheel is empty
            Raise(first == long.MaxValue ? first : first + 1);
            return true;
        }

        /// <summary>Replaces the first entry by <paramref name="entry"/> (the same item, a later or equal place).</summary>
        public void ReplaceFirst(in RatioEntry entry) => _near.ReplaceFirst(entry);

        /// <summary>Takes the first item out (after <see cref="Ready"/> returned true).</summary>
        public void PopFirst() => _near.Pop();

        public void Remove(int item)
        {
            _near.Remove(item);
            _wheel.Remove(item);
        }

        /// <summary>Empties the queue and sets the frontier to <paramref name="now"/>; <paramref name="items"/>[0..count) must include every item in it.</summary>
        public void Clear(int[] items, int count, long now)
        {
            _near.Clear();
            _wheel.Clear(items, count);
            _frontier = now;
            _prefetched = -1;
            _prefetchedItem = _prefetchedBefore = -1;
        }

        /// <summary>Moves the frontier up to <paramref name="to"/>: the buckets it crosses go to the near heap, then the far items within the new span to the wheel.</summary>
        private void Raise(long to)
        {
            while (_frontier < to)
            {
                if (_wheel.InWheel == 0)
                {
                    _frontier = to; // the far items below it go to the near heap next
                    break;
                }
                long limit = to - _frontier > _wheel.Span ? _frontier + _wheel.Span + 1 : to;
                long floor = _wheel.FirstKey(_frontier, limit);
                if (floor == long.MaxValue)
                {
                    _frontier = limit;
                    continue;
                }
                for (int i = _wheel.TakeBucket(floor); i >= 0; i = _wheel.Next(i)) _near.Push(EntryOf(i));
                _frontier = floor + 1;
                PrefetchAhead();
            }
            while (_wheel.FarWithin(_frontier))
            {
                int item = _wheel.PopFar(out long floor);
                if (floor < _frontier || _frontier == long.MaxValue) _near.Push(EntryOf(item));
                else _wheel.Add(item, floor, _frontier);
            }
        }

        /// <summary>
        /// Moves the prefetch cursor to the next non-empty bucket and starts loading its first item's record
        /// (<see cref="CachePrefetch"/>), so that the cursor runs <see cref="Ahead"/> non-empty buckets past the frontier:
        /// the frontier crosses one bucket a pick or so, and with many items a crossed item's record would otherwise come
        /// from main memory then (SPEC.md 6.1.3). Items filed behind the cursor later are simply not prefetched; a
        /// prefetch changes no result.
        /// </summary>
        private void PrefetchAhead()
        {
            if (!_prefetch) return;
            int moves = 1;
            if (_prefetched < _frontier)
            {
                _prefetched = _frontier - 1; // behind (at the start, after a jump): build the lead again
                _prefetchedItem = _prefetchedBefore = -1;
                moves = Ahead;
            }
            // The record prefetched two moves ago has had two picks' time to arrive: the item after it in its bucket is next.
            if (_prefetchedBefore >= 0) _wheel.PrefetchNext(_prefetchedBefore);
            long end = _frontier + _wheel.Span + 1;
            while (moves-- > 0)
            {
                long key = _wheel.FirstKey(_prefetched + 1, Math.Min(end, _prefetched + 1 + ScanLimit));
                if (key == long.MaxValue) return; // nothing near: the same stretch is looked through again next time
                _prefetched = key;
                _prefetchedBefore = _prefetchedItem;
                _prefetchedItem = _wheel.Prefetch(key);
            }
        }
    }
}
