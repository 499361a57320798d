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
    /// lag_bounded's parts (SPEC.md 6.1.3) against plain models: the weight classes, the heap of class entries; then the
    /// selector against the plain scan of the rule with many distinct weights and long periods.
    /// </summary>
    public class LagQueueTests
    {
        private static FairTask[] Tasks(int n) => Enumerable.Range(1, n).Select(i => new FairTask("t" + i)).ToArray();

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

        [Theory]
        [InlineData(1, 5)]
        [InlineData(2, 64)]
        [InlineData(3, 65)]
        [InlineData(4, 3000)]
        public void Item_heap_pops_in_order_and_sinks_a_later_first_as_it_grows(int seed, int items)
        {
            // Random pushes, pops and replacements of the first entry by a later key (as lag_bounded passes a class's
            // turn) against a sorted reference; the heap's array starts at 64 entries and grows to the capacity.
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
                else if (op < 8 && held.Count > 0)
                {
                    var first = held.OrderBy(h => h.Value).ThenBy(h => h.Key).First();
                    Assert.Equal(first.Key, heap.Top);
                    long later = first.Value + rng.Next(items / 2 + 1);
                    heap.ReplaceFirst(new StepEntry(first.Key, later));
                    held[first.Key] = later;
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
            }
            heap.Clear();
            for (int i = 0; i < items; i++) heap.Push(new StepEntry(i, items - i));
            Assert.Throws<InvalidOperationException>(() => heap.Push(new StepEntry(0, 0)));
            for (int i = items - 1; i >= 0; i--) Assert.Equal(i, heap.Pop());
        }

        [Fact]
        public void Lag_bounded_equals_the_plain_scan_with_many_distinct_weights_and_long_periods()
        {
            // Up to 150 agents, each with its own weight, spread so that light classes wait very long; some agents
            // capped so that epochs restart.
            var weight = Gen.OneOf(Gen.Int[1, 20], Gen.Int[1, 100_000], Gen.Int[1, int.MaxValue]);
            Gen.Select(weight.Array[2, 150], Gen.Int[1, 3000], Gen.Int[0, 40], Gen.Int[0, 7]).Sample((weights, n, cap, capEvery) =>
            {
                var agents = weights.Select((w, i) => new FairAgent("a" + i, w, capEvery > 0 && i % (capEvery + 2) == 0 ? cap : null)).ToArray();
                AssertPlainScan(agents, n);
            }, iter: 150);
        }

        /// <summary>
        /// Thousands of distinct weights (1 + 7,919 i mod 1,000,003: all distinct), every few dozen agents capped at 2 so that
        /// epochs restart with another W and D: classes with periods of thousands of steps wait long in the step heap.
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
        /// lag_bounded over <paramref name="agents"/> and <paramref name="n"/> tasks gives the plain scan's picks. The run is
        /// bounded: a class lost from both heaps would make picks fall back or loop, so fail, don't hang.
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
