using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using CsCheck;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;
using FairnessGovernor.Numerics;
using FairnessGovernor.State;
using Xunit;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// The per-weight-class structures of the smooth WRR and lag_bounded selectors (SPEC.md 6.1.2, 6.1.3).
    /// The smooth WRR selector (per-class heaps and the tournament over the classes) driven directly, beyond what the
    /// allocator does: carried current weights spread far apart within a class, agents closed just after their pick,
    /// and agents closed that were not just picked. Every pick and every current weight must equal the plain nginx rule.
    /// </summary>
    public class SelectorQueueTests
    {
        [Theory]
        [InlineData(1, 3, 0)]
        [InlineData(2, 3, 50)]
        [InlineData(3, 1000, 0)]
        [InlineData(4, 2, 5000)]
        [InlineData(5, 5, 100_000)]
        public void Smooth_selector_equals_the_plain_rule_under_arbitrary_closes_and_carried_weights(int seed, int maxWeight, int spread)
        {
            for (int round = 0; round < 40; round++)
            {
                var rng = new Random(seed * 1000 + round);
                int m = 1 + rng.Next(40);
                var agents = Enumerable.Range(0, m).Select(i => new FairAgent("a" + i, rng.Next(maxWeight + 1))).ToArray();
                long[]? initial = spread > 0 ? Enumerable.Range(0, m).Select(_ => (long)rng.Next(-spread, spread + 1)).ToArray() : null;
                DriveAgainstThePlainRule(agents, initial, rng, steps: 400, rolls: 20, closeLast: 1, checkEvery: 1);
            }
        }

        /// <summary>
        /// The tournament over the weight classes (SPEC.md 6.1.2) at every size and both tree shapes (the heap layout's
        /// last leaf k sits next to the inner node k - 1 when k is odd): up to 200 agents with many distinct weights, weights up to
        /// int.MaxValue, few distinct huge weights (classes of several agents), carried current weights up to
        /// +-2^40, agents closed just after their pick and at random. Every pick and every current weight must equal
        /// the plain nginx rule.
        /// </summary>
        [Fact]
        public void Smooth_selector_equals_the_plain_rule_on_many_distinct_and_huge_weights()
        {
            Gen.Select(Gen.Int[1, 200], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int).Sample((m, weightKind, carryKind, seed) =>
            {
                var rng = new Random(seed);
                var agents = Enumerable.Range(0, m).Select(i => new FairAgent("a" + i, weightKind switch
                {
                    0 => 1 + rng.Next(1000),
                    1 => 1 + rng.Next(int.MaxValue),
                    2 => rng.Next(4) switch { 0 => int.MaxValue, 1 => int.MaxValue - 1, 2 => 1, _ => 1 + rng.Next(int.MaxValue) },
                    _ => rng.Next(m + 1),
                })).ToArray();
                long spread = carryKind switch { 0 => 0, 1 => 1000, 2 => 1L << 40, _ => 3 };
                long[]? initial = spread > 0 ? Enumerable.Range(0, m).Select(_ => (long)((rng.NextDouble() * 2 - 1) * spread)).ToArray() : null;
                DriveAgainstThePlainRule(agents, initial, rng, steps: 600, rolls: 60, closeLast: 2, checkEvery: 50);
            }, iter: 300);
        }

        /// <summary>
        /// smooth WRR's per-class heaps (<see cref="ClassHeaps"/>) against a plain model: random adds, picks (the top's
        /// offset lowered) and removals of any agent; each class's top must be its highest offset, ties to the lowest
        /// index, and every offset must be kept.
        /// </summary>
        [Theory]
        [InlineData(1, 1, 5)]
        [InlineData(2, 3, 40)]
        [InlineData(3, 20, 400)]
        public void Class_heaps_top_the_highest_offset_lowest_index_under_picks_and_removals(int seed, int classes, int agents)
        {
            var rng = new Random(seed);
            var classOf = Enumerable.Range(0, agents).Select(_ => rng.Next(classes)).ToArray();
            var sizes = new int[classes];
            foreach (int k in classOf) sizes[k]++;
            var heaps = new ClassHeaps(classOf, sizes);
            var held = new Dictionary<int, long>();
            for (int round = 0; round < 20_000; round++)
            {
                int op = rng.Next(10), agent = rng.Next(agents), k = classOf[agent];
                if (op < 3 && !held.ContainsKey(agent))
                {
                    long b = rng.Next(-50, 50);
                    heaps.Add(agent, b);
                    held[agent] = b;
                }
                else if (op < 4 && held.ContainsKey(agent))
                {
                    heaps.Remove(agent);
                    held.Remove(agent);
                }
                else if (held.Keys.Any(a => classOf[a] == k))
                {
                    int top = held.Where(h => classOf[h.Key] == k).OrderByDescending(h => h.Value).ThenBy(h => h.Key).First().Key;
                    Assert.Equal(top, heaps.Top(k, out long b));
                    Assert.Equal(held[top], b);
                    long lower = b - rng.Next(0, 60);
                    heaps.ReplaceTop(k, lower);
                    held[top] = lower;
                }
                else Assert.Equal(-1, heaps.Top(k, out _));
                foreach (var h in held) Assert.Equal(h.Value, heaps.OffsetOf(h.Key));
            }
        }

        /// <summary>
        /// The tournament over the classes' lines (<see cref="KineticTournament"/>) against a scan: lines B + W t with
        /// distinct weights (as classes have), leaves changed or emptied at random and repaired at the current time, time
        /// moving by random steps (so certificates expire singly and in bunches); the winner must be the highest line,
        /// ties to the lowest candidate index.
        /// </summary>
        [Theory]
        [InlineData(1, 1)]
        [InlineData(2, 2)]
        [InlineData(3, 7)]
        [InlineData(4, 64)]
        [InlineData(5, 301)]
        public void Kinetic_tournament_names_the_highest_line_at_every_time(int seed, int classes)
        {
            var rng = new Random(seed);
            var candidate = new int[classes];
            var weight = Enumerable.Range(1, classes).Select(w => (long)w).OrderBy(_ => rng.Next()).ToArray(); // distinct, many a step of 1 apart
            var b = new long?[classes];
            var tree = new KineticTournament(classes, candidate);
            for (int k = 0; k < classes; k++)
            {
                candidate[k] = rng.Next(1000) * classes + k; // distinct, as agents are
                if (rng.Next(4) > 0) b[k] = rng.Next(-10_000, 10_000);
                tree.SetLeaf(k, b[k] ?? 0, weight[k], b[k] == null);
            }
            tree.Build(0);
            long t = 0;
            for (int round = 0; round < 20_000; round++)
            {
                t += rng.Next(10) == 0 ? rng.Next(1, 200) : 1;
                int expected = -1;
                for (int k = 0; k < classes; k++)
                {
                    if (b[k] == null) continue;
                    if (expected < 0) { expected = k; continue; }
                    long v = b[k]!.Value + weight[k] * t, best = b[expected]!.Value + weight[expected] * t;
                    if (v > best || (v == best && candidate[k] < candidate[expected])) expected = k;
                }
                int winner = tree.Winner(t, out long wb);
                Assert.Equal(expected, winner);
                if (winner >= 0) Assert.Equal(b[winner], wb);
                if (rng.Next(4) > 0) continue; // most steps change no line: certificates must carry the order
                int change = rng.Next(classes);
                if (rng.Next(8) == 0) b[change] = null;
                else if (rng.Next(8) == 0) { } // the same line, maybe another candidate: no repair needed (ties read candidates)
                else b[change] = rng.Next(-3 * classes, 3 * classes) - weight[change] * t + (b[expected < 0 ? change : expected] ?? 0) + weight[expected < 0 ? change : expected] * t; // near the leader
                if (rng.Next(3) == 0) candidate[change] = rng.Next(1000) * classes + change;
                if (tree.SetLeaf(change, b[change] ?? 0, weight[change], b[change] == null)) tree.Repair(change, t);
            }
        }

        /// <summary>
        /// Runs the smooth WRR selector and the plain nginx rule side by side for <paramref name="steps"/> steps: each
        /// step rolls 0..rolls-1; below <paramref name="closeLast"/> the agent just picked closes, at closeLast a random
        /// agent closes, otherwise both pick and must agree. Every current weight must agree every
        /// <paramref name="checkEvery"/> steps and at the end.
        /// </summary>
        private static void DriveAgainstThePlainRule(FairAgent[] agents, long[]? initial, Random rng, int steps, int rolls, int closeLast, int checkEvery)
        {
            int m = agents.Length;
            var open = new OpenAgents(m);
            var plainOpen = new bool[m];
            var c = initial != null ? (long[])initial.Clone() : new long[m];
            for (int i = 0; i < m; i++)
            {
                plainOpen[i] = agents[i].Weight > 0;
                if (!plainOpen[i]) open.Close(i);
            }
            var selector = new SmoothWeightedRoundRobin(new FairAgentTable(agents), open, initial);
            int last = -1;
            for (int step = 0; step < steps; step++)
            {
                int roll = rng.Next(rolls);
                if (roll < closeLast)
                {
                    if (last >= 0 && plainOpen[last]) Close(last);
                }
                else if (roll == closeLast)
                {
                    int victim = rng.Next(m);
                    if (plainOpen[victim]) Close(victim);
                }
                else
                {
                    int expected = PlainPick();
                    int actual = selector.Pick();
                    if (expected != actual) throw new Xunit.Sdk.XunitException($"step {step}: plain rule {expected}, selector {actual}");
                    last = actual;
                }
                if ((step + 1) % checkEvery == 0 || step == steps - 1)
                    for (int i = 0; i < m; i++)
                        if (c[i] != selector.StateWeight(i)) throw new Xunit.Sdk.XunitException($"step {step}: agent {i} current weight {c[i]}, selector {selector.StateWeight(i)}");
            }

            void Close(int agent)
            {
                plainOpen[agent] = false;
                open.Close(agent);
                selector.Close(agent);
            }

            int PlainPick()
            {
                long total = 0;
                int best = -1;
                for (int i = 0; i < m; i++)
                {
                    if (!plainOpen[i]) continue;
                    c[i] += agents[i].Weight;
                    total += agents[i].Weight;
                    if (best < 0 || c[i] > c[best]) best = i;
                }
                if (best >= 0) c[best] -= total;
                return best;
            }
        }

        /// <summary>
        /// Runs split at random points continue the strategy exactly, with many agents per weight (so the split falls
        /// in the middle of a class's turns, and carried smooth weights must be sorted into the class order).
        /// </summary>
        [Theory]
        [InlineData(FairnessStrategies.SmoothWeightedRoundRobin, 11)]
        [InlineData(FairnessStrategies.LagBounded, 12)]
        [InlineData(FairnessStrategies.LagBounded, 13)]
        [InlineData(FairnessStrategies.WeightedRoundRobin, 14)]
        public void Split_runs_equal_one_batch_with_many_agents_per_weight(string strategy, int seed)
        {
            var rng = new Random(seed);
            for (int round = 0; round < 6; round++)
            {
                int m = 2 + rng.Next(40);
                var agents = Enumerable.Range(0, m).Select(i => new FairAgent("a" + i, 1 + rng.Next(1 + round % 3))).ToArray();
                var all = Enumerable.Range(0, 600).Select(i => new FairTask("t" + i)).ToArray();
                var policy = new FairnessPolicy("p", false, 2.0, strategy);
                var whole = Allocator.Allocate(all, agents, policy).Decisions().Select(d => d.AgentId).ToList();
                Assert.Equal(whole, StateTests.DecideInPieces(all, agents, policy, rng, 25));
            }
        }

        /// <summary>
        /// A carried lag_bounded epoch whose counts no epoch can produce (SPEC.md 7.2) starts a fresh epoch: within a
        /// weight class the counts must be v + 1 then v in index order, and all 1 while the class has a fresh agent.
        /// </summary>
        [Theory]
        [InlineData(new long[] { 1, 2, 1 }, false)] // rises within the class
        [InlineData(new long[] { 3, 1, 1 }, false)] // steps down by 2
        [InlineData(new long[] { 2, 2, 0 }, false)] // a fresh member left while the others are at 2
        [InlineData(new long[] { 2, 1, 1 }, true)]
        [InlineData(new long[] { 1, 1, 0 }, true)]
        [InlineData(new long[] { 2, 2, 2 }, true)]
        public void Lag_bounded_restores_only_epochs_in_class_turn_order(long[] counts, bool continues)
        {
            var agents = new[] { new FairAgent("a", 2), new FairAgent("b", 2), new FairAgent("c", 2), new FairAgent("d", 1) };
            long step = counts.Sum();
            // d (weight 1) is last in weight order; it stays fresh unless every weight-2 agent has been picked.
            var state = new GovernorState(FairnessStrategies.LagBounded, 1, step, step, null, 0, step,
                agents.Select((a, i) => new AgentState(a.Id, a.Weight, i < 3 ? counts[i] : 0, 0, true, i < 3 ? counts[i] : 0)).ToArray());
            var tasks = Enumerable.Range(0, 12).Select(i => new FairTask("t" + i)).ToArray();
            var policy = new FairnessPolicy("p", false, 2.0, FairnessStrategies.LagBounded);
            var carried = Allocator.Allocate(tasks, agents, policy, null, state, out var next).Decisions().Select(d => d.AgentId).ToList();
            var fresh = Allocator.Allocate(tasks, agents, policy).Decisions().Select(d => d.AgentId).ToList();
            if (continues)
            {
                Assert.NotEqual(fresh, carried);
                Assert.Equal(step + 12, next.Step);
            }
            else
            {
                Assert.Equal(fresh, carried);
                Assert.Equal(12, next.Step);
            }
        }

        [Fact]
        public void Exact_division_and_eligibility_steps_equal_big_integer_arithmetic()
        {
            var rng = new Random(21);
            var values = new List<ulong> { 1, 2, 3, (1UL << 32) - 1, 1UL << 32, (1UL << 63) - 1, 1UL << 63, ulong.MaxValue - 1, ulong.MaxValue };
            for (int i = 0; i < 3000; i++) values.Add(Next(rng) >> rng.Next(64));
            for (int i = 0; i < values.Count; i++)
            {
                ulong d = Math.Max(1, values[i]);
                ulong hi = values[(i * 7 + 3) % values.Count] % d, lo = values[(i * 13 + 5) % values.Count];
                ulong q = ExactMath.Divide(hi, lo, d, out ulong rest);
                var n = ((BigInteger)hi << 64) + lo;
                Assert.Equal(n / d, (BigInteger)q);
                Assert.Equal(n % d, (BigInteger)rest);
            }
            for (int i = 0; i < 3000; i++)
            {
                long total = 1 + (long)(Next(rng) >> (1 + rng.Next(63)));
                long dd = 2 + (long)(Next(rng) >> (32 + rng.Next(32)));
                long e = 1 + (long)(Next(rng) >> (1 + rng.Next(63)));
                long w = 1 + (long)(Next(rng) >> (33 + rng.Next(31)));
                var exact = ((BigInteger)total * e + (BigInteger)dd * w - 1) / ((BigInteger)dd * w);
                var expected = exact > long.MaxValue ? long.MaxValue : (long)exact;
                Assert.Equal(expected, LagBounded.EligibleStep(total, dd, e, w));
            }

            static ulong Next(Random r) => ((ulong)(uint)r.Next() << 33) ^ ((ulong)(uint)r.Next() << 11) ^ (uint)r.Next();
        }
    }
}
