using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;
using Xunit;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// lag_bounded's two class queues (SPEC.md 6.1.3), driven directly against plain lists: the timing wheel of
    /// waiting classes (<see cref="StepWheel"/>) and the deadline queue of eligible ones (<see cref="DeadlineQueue"/>),
    /// with keys within and far beyond the wheels' spans, removals from every part, frontier jumps, late deadlines
    /// (below the current step) and capped keys (long.MaxValue). Then the selector with many distinct weights.
    /// </summary>
    public class LagQueueTests
    {
        private static FairTask[] Tasks(int n) => Enumerable.Range(1, n).Select(i => new FairTask("t" + i)).ToArray();

        [Theory]
        [InlineData(1, 10, 5)]
        [InlineData(2, 50, 200)]
        [InlineData(3, 300, 5000)]
        [InlineData(4, 20, 1_000_000)]
        public void Step_wheel_hands_out_each_item_at_its_step(int seed, int items, int spread)
        {
            var rng = new Random(seed);
            var wheel = new StepWheel(items);
            var due = new Dictionary<int, long>();
            long now = 0;
            for (int round = 0; round < 20_000; round++)
            {
                int op = rng.Next(10);
                int item = rng.Next(items);
                if (op < 5 && !due.ContainsKey(item))
                {
                    long step = rng.Next(20) == 0 ? long.MaxValue : now + 1 + rng.Next(spread);
                    wheel.Add(item, step, now);
                    due[item] = step;
                }
                else if (op == 5 && due.ContainsKey(item))
                {
                    wheel.Remove(item);
                    due.Remove(item);
                }
                else if (op == 6 && due.Count > 0)
                {
                    int soon = wheel.Soonest(now, out long step);
                    var expected = due.OrderBy(p => p.Value).ThenBy(p => p.Key).First();
                    Assert.Equal(expected.Key, soon);
                    Assert.Equal(expected.Value, step);
                }
                else TakeDue(wheel, due, ++now);
                Assert.Equal(due.Count, wheel.Count);
                for (int i = 0; i < items; i++) Assert.Equal(due.ContainsKey(i), wheel.Contains(i));
                if (rng.Next(3000) == 0)
                {
                    var all = Enumerable.Range(0, items).ToArray();
                    wheel.Clear(all, all.Length);
                    due.Clear();
                    now = 0;
                    Assert.Equal(-1, wheel.TakeDue(++now));
                }
            }
        }

        /// <summary>
        /// lag_bounded gives its two queues one array of records (a class is in at most one queue at a time): each
        /// queue must see only its own items, and emptying one must leave the other's items where they are.
        /// </summary>
        [Theory]
        [InlineData(1, 12, 6)]
        [InlineData(2, 80, 300)]
        [InlineData(3, 40, 2_000_000)]
        public void Step_wheel_and_deadline_queue_sharing_one_record_array_keep_their_items_apart(int seed, int items, int spread)
        {
            var rng = new Random(seed);
            var nodes = new LagNode[items];
            var wheel = new StepWheel(items, nodes);
            var entries = new HeldEntries(items);
            var queue = new DeadlineQueue(items, nodes, entries, prefetch: seed % 2 == 1); // with and without the prefetch cursor
            var due = new Dictionary<int, long>();
            var held = new Dictionary<int, RatioEntry>();
            var all = Enumerable.Range(0, items).ToArray();
            long now = 0;
            for (int round = 0; round < 20_000; round++)
            {
                int op = rng.Next(12);
                int item = rng.Next(items);
                bool free = !due.ContainsKey(item) && !held.ContainsKey(item);
                if (op < 3 && free)
                {
                    long step = now + 1 + rng.Next(spread);
                    wheel.Add(item, step, now);
                    due[item] = step;
                }
                else if (op < 6 && free)
                {
                    long w = 1 + rng.Next(1000);
                    long num = (now + rng.Next(spread)) * 1000 * w + rng.Next(1000) * w + rng.Next((int)w);
                    var e = new RatioEntry(item, num, w, rng.Next(1_000_000));
                    entries.Of[item] = e; // the owner's state, read back when the item's bucket moves into the near heap
                    queue.Add(e, LagBounded.Quotient(1, 1000, num, w, out _));
                    held[item] = e;
                }
                else if (op == 6)
                {
                    // Removing from the wrong queue changes nothing.
                    wheel.Remove(item);
                    due.Remove(item);
                }
                else if (op == 7)
                {
                    queue.Remove(item);
                    held.Remove(item);
                }
                else if (op == 8 && rng.Next(500) == 0)
                {
                    wheel.Clear(all, all.Length);
                    due.Clear();
                }
                else if (op == 9 && rng.Next(500) == 0)
                {
                    queue.Clear(all, all.Length, now);
                    held.Clear();
                }
                else
                {
                    TakeDue(wheel, due, ++now);
                    bool ready = queue.Ready(now);
                    Assert.Equal(held.Count > 0, ready);
                    if (ready)
                    {
                        var first = held.Values.Aggregate((a, b) => b.Before(a) ? b : a);
                        Assert.Equal(first.Item, queue.Top);
                        queue.PopFirst();
                        held.Remove(first.Item);
                    }
                }
                Assert.Equal(due.Count, wheel.Count);
                for (int i = 0; i < items; i++)
                {
                    Assert.Equal(due.ContainsKey(i), wheel.Contains(i));
                    Assert.Equal(held.ContainsKey(i), queue.Contains(i));
                }
            }
        }

        /// <summary>
        /// The weight classes both strategies work over: numbered by first appearance, with their weights, sizes and
        /// order by weight, whether found through an array indexed by weight (small weights) or by radix-sorting the
        /// agents (large ones), against a plain dictionary and sort.
        /// </summary>
        [Fact]
        public void Weight_classes_number_by_first_appearance_and_order_by_weight_on_both_paths()
        {
            var weight = Gen.OneOf(Gen.Int[0, 5], Gen.Int[0, 3000], Gen.Int[0, 1_000_000], Gen.Int[0, int.MaxValue],
                Gen.Int[0, 3].Select(w => w * 16_777_216 + 7)); // equal low digits: radix passes that change nothing
            weight.Array[1, 400].Sample(weights =>
            {
                var classes = new WeightClasses(weights);
                var first = new Dictionary<int, int>();
                var sizes = new List<int>();
                for (int i = 0; i < weights.Length; i++)
                {
                    if (!first.TryGetValue(weights[i], out int k)) { k = first.Count; first[weights[i]] = k; sizes.Add(0); }
                    sizes[k]++;
                    Assert.Equal(k, classes.Of[i]);
                }
                Assert.Equal(first.OrderBy(p => p.Value).Select(p => (long)p.Key), classes.Weight);
                Assert.Equal(sizes, classes.Size);
                Assert.Equal(first.OrderBy(p => p.Key).Select(p => p.Value), classes.ByWeight);
            });
        }

        /// <summary>The wheel hands out exactly the items <paramref name="due"/> at <paramref name="now"/>; they leave the model too.</summary>
        private static void TakeDue(StepWheel wheel, Dictionary<int, long> due, long now)
        {
            var got = new List<int>();
            for (int i = wheel.TakeDue(now); i >= 0; i = wheel.Next(i)) got.Add(i);
            var expected = due.Where(p => p.Value == now).Select(p => p.Key).OrderBy(i => i).ToList();
            Assert.Equal(expected, got.OrderBy(i => i).ToList());
            foreach (int i in got) due.Remove(i);
        }

        private sealed class HeldEntries : IDeadlineEntries
        {
            public HeldEntries(int items) => Of = new RatioEntry[items];

            public RatioEntry[] Of { get; }

            public RatioEntry EntryOf(int item) => Of[item];
        }

        [Fact]
        public void Prefetch_reaches_the_processor_on_x64_and_takes_any_index()
        {
            // On this runtime (.NET on x86-64) the prefetch intrinsic is found; elsewhere Line must be a harmless no-op.
            bool x64 = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64;
            if (x64) Assert.True(CachePrefetch.Available);
            var nodes = new LagNode[1000];
            for (int i = 0; i < nodes.Length; i++) CachePrefetch.Line(nodes, i);
            if (CachePrefetch.Available) Assert.Throws<IndexOutOfRangeException>(() => CachePrefetch.Line(nodes, nodes.Length)); // a checked index, never a stray address
        }

        [Theory]
        [InlineData(1, 5)]
        [InlineData(2, 64)]
        [InlineData(3, 65)]
        [InlineData(4, 3000)]
        public void Item_heap_pops_in_order_and_removes_any_item_as_it_grows(int seed, int items)
        {
            // Random pushes, pops and removals of any item (the removed place's replacement may need to move up or down)
            // against a sorted reference; the heap's array starts at 64 entries and grows to the capacity.
            var rng = new Random(seed);
            var heap = new ItemHeap<StepEntry>(items);
            var held = new Dictionary<int, long>();
            for (int round = 0; round < 20_000; round++)
            {
                int op = rng.Next(10), item = rng.Next(items);
                if (op < 6 && !held.ContainsKey(item))
                {
                    long step = rng.Next(items / 2 + 1);
                    heap.Push(new StepEntry(item, step));
                    held[item] = step;
                }
                else if (op < 8 && held.ContainsKey(item))
                {
                    heap.Remove(item);
                    held.Remove(item);
                }
                else if (held.Count > 0)
                {
                    var first = held.OrderBy(h => h.Value).ThenBy(h => h.Key).First();
                    Assert.Equal(first.Key, heap.Top);
                    Assert.Equal(first.Value, heap.First.Step);
                    Assert.Equal(first.Key, heap.Pop());
                    held.Remove(first.Key);
                }
                Assert.Equal(held.Count, heap.Count);
                Assert.Equal(held.ContainsKey(item), heap.Contains(item));
            }
            heap.Clear();
            for (int i = 0; i < items; i++) heap.Push(new StepEntry(i, items - i));
            Assert.Throws<InvalidOperationException>(() => heap.Push(new StepEntry(0, 0)));
            for (int i = items - 1; i >= 0; i--) Assert.Equal(i, heap.Pop());
        }

        [Theory]
        [InlineData(1, 10, 3, false)]
        [InlineData(2, 60, 100, false)]
        [InlineData(3, 300, 10_000, false)]
        [InlineData(4, 30, 3_000_000, false)]
        [InlineData(5, 10, 3, true)]
        [InlineData(6, 60, 100, true)]
        [InlineData(7, 300, 10_000, true)]
        [InlineData(8, 30, 3_000_000, true)]
        public void Deadline_queue_always_tops_the_earliest_deadline(int seed, int items, int spread, bool prefetch)
        {
            // Deadlines num / w at a scale of 1 step per 1,000 units: the floor is floor(num / (1000 w)), so floors order deadlines.
            // With prefetch the queue runs its prefetch cursor (lag_bounded does from 16,384 classes on), which must change nothing.
            var rng = new Random(seed);
            var queue = new DeadlineQueue(items, prefetch);
            var held = new Dictionary<int, RatioEntry>();
            long now = 0;
            for (int round = 0; round < 20_000; round++)
            {
                int op = rng.Next(10);
                int item = rng.Next(items);
                if (op < 5 && !held.ContainsKey(item))
                {
                    long w = 1 + rng.Next(1000);
                    long at = rng.Next(30) == 0 ? Math.Max(0, now - rng.Next(5)) : now + rng.Next(spread); // some late
                    long num = rng.Next(40) == 0 ? long.MaxValue / 2 : at * 1000 * w + rng.Next(1000) * w + rng.Next((int)w);
                    long floor = LagBounded.Quotient(1, 1000, num, w, out _);
                    if (rng.Next(2000) == 0) { num = long.MaxValue; w = 1; floor = long.MaxValue; } // a capped floor: every later item goes near
                    var e = new RatioEntry(item, num, w, rng.Next(1_000_000));
                    queue.Add(e, floor);
                    held[item] = e;
                }
                else if (op < 7 && held.ContainsKey(item))
                {
                    queue.Remove(item);
                    held.Remove(item);
                }
                else
                {
                    if (op == 9) now += rng.Next(3);
                    bool ready = queue.Ready(now);
                    Assert.Equal(held.Count > 0, ready);
                    if (ready)
                    {
                        var first = held.Values.Aggregate((a, b) => b.Before(a) ? b : a);
                        Assert.Equal(first.Item, queue.Top);
                        Assert.True(queue.IsFirst(first.Item));
                        if (rng.Next(2) == 0)
                        {
                            queue.Remove(first.Item);
                            held.Remove(first.Item);
                        }
                        else
                        {
                            var later = new RatioEntry(first.Item, first.Num, first.W, first.Tie + 1 + rng.Next(3));
                            queue.ReplaceFirst(later);
                            held[first.Item] = later;
                        }
                    }
                }
                for (int i = 0; i < items; i++) Assert.Equal(held.ContainsKey(i), queue.Contains(i));
                if (rng.Next(4000) == 0)
                {
                    var all = Enumerable.Range(0, items).ToArray();
                    queue.Clear(all, all.Length, 0);
                    held.Clear();
                    now = 0;
                    Assert.False(queue.Ready(now));
                }
            }
        }

        [Fact]
        public void Steps_grown_round_by_round_equal_the_exact_quotients()
        {
            // A class's step grows by W D over D w a round (SPEC.md 6.1.3), with carries, up to the cap; its deadline floor
            // is the step plus W (D - 2) over D w (LagBounded.DueFloor).
            Gen.Select(Gen.Long[1, long.MaxValue / 4], Gen.Int[1, int.MaxValue], Gen.Int[2, 1_000_000], Gen.Int[0, 1]).Sample((total, w, m, due) =>
            {
                long d = 2L * (m - 1);
                long offset = due == 1 ? d - 1 : 1; // W (D v + 1) or W (D v + D - 1)
                LagBounded.RoundIncrement(total, d, w, out long incQ, out ulong incR);
                ulong den = (ulong)d * (ulong)w;
                long offQ = LagBounded.Quotient(total, d, d - 2, w, out ulong offR);
                long q = LagBounded.Quotient(total, d, d + offset, w, out ulong r);
                for (long v = 2; v < 60; v++)
                {
                    LagBounded.Grow(ref q, ref r, incQ, incR, den);
                    long expected = LagBounded.Quotient(total, d, d * v + offset, w, out ulong rest);
                    Assert.Equal(expected, q);
                    if (q < long.MaxValue) Assert.Equal(rest, r);
                    if (due == 0 && q < long.MaxValue)
                    {
                        long dq = q;
                        ulong dr = r;
                        LagBounded.Grow(ref dq, ref dr, offQ, offR, den);
                        Assert.Equal(LagBounded.Quotient(total, d, d * (v + 1) - 1, w, out _), dq);
                    }
                }
            }, iter: 3000);
        }

        [Fact]
        public void Lag_bounded_equals_the_plain_scan_with_many_distinct_weights_and_long_periods()
        {
            // Up to 150 agents, each with its own weight, spread so that light classes wait far beyond the wheels'
            // spans; some agents capped so that epochs restart.
            var weight = Gen.OneOf(Gen.Int[1, 20], Gen.Int[1, 100_000], Gen.Int[1, int.MaxValue]);
            Gen.Select(weight.Array[2, 150], Gen.Int[1, 3000], Gen.Int[0, 40], Gen.Int[0, 7]).Sample((weights, n, cap, capEvery) =>
            {
                var agents = weights.Select((w, i) => new FairAgent("a" + i, w, capEvery > 0 && i % (capEvery + 2) == 0 ? cap : null)).ToArray();
                AssertPlainScan(agents, n);
            }, iter: 150);
        }

        /// <summary>
        /// Thousands of distinct weights (1 + 7,919 i mod 1,000,003: all distinct), every few dozen agents capped at 2 so that
        /// epochs restart with another W and D. 1,100 to 2,000 classes: wheels of 8,192 buckets (4 a class), so classes with
        /// periods of thousands of steps sit in the wheels, and the frontier and the step wheel wrap around them. Over 4,096
        /// classes: a round's increment and deadline offset are divided out every round instead of being cached per class
        /// (LagBounded.RoundSteps).
        /// </summary>
        [Theory]
        [InlineData(1_100, 2_000, 4_000, 9_000, 50, 7, 4)]
        [InlineData(4_200, 5_000, 5_000, 9_000, 40, 3, 2)]
        public void Lag_bounded_equals_the_plain_scan_with_thousands_of_distinct_weights(int mFrom, int mTo, int nFrom, int nTo, int capStride, int capAt, int iter)
        {
            Gen.Select(Gen.Int[mFrom, mTo], Gen.Int[nFrom, nTo], Gen.Int[0, 3]).Sample((m, n, capEvery) =>
            {
                var agents = Enumerable.Range(0, m)
                    .Select(i => new FairAgent("a" + i, 1 + (int)((i * 7919L) % 1_000_003), capEvery > 0 && i % (capStride * capEvery) == capAt ? 2 : null))
                    .ToArray();
                AssertPlainScan(agents, n);
            }, iter: iter);
        }

        /// <summary>
        /// From 16,384 classes on lag_bounded prefetches (its deadline queue's cursor, the fresh cursor's next record); the
        /// picks must be those without it, which the plain-scan tests check at fewer classes. 20,000 agents on their own
        /// weights (some equal), 300,000 picks, agents closing now and then (each close starts a new epoch).
        /// </summary>
        [Fact]
        public void Lag_bounded_picks_the_same_with_and_without_prefetching()
        {
            int m = 20_000;
            var rng = new Random(11);
            var agents = Enumerable.Range(0, m).Select(i => new FairAgent("a" + i, rng.Next(40) == 0 ? 7 : 1 + rng.Next(1_000_000))).ToArray();
            var table = new FairAgentTable(agents);
            Assert.True(table.Classes.Count >= 16_384);
            var openOn = new OpenAgents(m);
            var openOff = new OpenAgents(m);
            var on = new LagBounded(table, openOn, prefetch: true);
            var off = new LagBounded(table, openOff, prefetch: false);
            for (int k = 0; k < 300_000; k++)
            {
                int a = on.Pick();
                Assert.Equal(off.Pick(), a);
                if (a >= 0 && rng.Next(20_000) == 0)
                {
                    openOn.Close(a); on.Close(a);
                    openOff.Close(a); off.Close(a);
                }
            }
        }

        /// <summary>
        /// lag_bounded over <paramref name="agents"/> and <paramref name="n"/> tasks gives the plain scan's picks. The run is
        /// bounded: a class filed in the wrong bucket is never taken again, and a pick can then loop, so fail, don't hang.
        /// </summary>
        private static void AssertPlainScan(FairAgent[] agents, int n)
        {
            var tasks = Tasks(n);
            var policy = new FairnessPolicy("p", false, 2.0, FairnessStrategies.LagBounded);
            var run = System.Threading.Tasks.Task.Run(() => Allocator.Allocate(tasks, agents, policy));
            Assert.True(run.Wait(System.TimeSpan.FromSeconds(60)), "lag_bounded did not finish " + n + " tasks over " + agents.Length + " agents within 60 s");
            var r = run.Result;
            Assert.Equal(Reference.Run(tasks, Enumerable.Range(0, n).ToArray(), agents, policy, Reference.Tijdeman(agents)), Enumerable.Range(0, r.Count).Select(r.AgentIndexAt));
        }
    }
}
