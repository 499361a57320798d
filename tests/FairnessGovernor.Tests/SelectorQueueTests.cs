using System;
using System.Linq;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;
using Xunit;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// The per-class queues of the smooth WRR selector (a sorted queue plus an overflow heap, SPEC.md 6.1.2) driven
    /// directly, beyond what the allocator does: carried current weights spread far apart within a class (so picks
    /// land in the overflow heap), agents closed while others are pending, and agents closed that were not just
    /// picked. Every pick and every current weight must equal the plain nginx rule.
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
                var table = new FairAgentTable(agents);
                var open = new OpenAgents(m);
                var plainOpen = new bool[m];
                var c = new long[m];
                long[]? initial = spread > 0 ? new long[m] : null;
                for (int i = 0; i < m; i++)
                {
                    if (initial != null) c[i] = initial[i] = rng.Next(-spread, spread + 1);
                    plainOpen[i] = agents[i].Weight > 0;
                    if (!plainOpen[i]) open.Close(i);
                }
                var selector = new SmoothWeightedRoundRobin(table, open, initial);
                int last = -1;
                for (int step = 0; step < 400; step++)
                {
                    int roll = rng.Next(20);
                    if (roll == 0 && last >= 0 && plainOpen[last])
                    {
                        Close(last);
                    }
                    else if (roll == 1)
                    {
                        int victim = rng.Next(m);
                        if (plainOpen[victim]) Close(victim);
                    }
                    else
                    {
                        int expected = PlainPick();
                        int actual = selector.Pick();
                        Assert.Equal(expected, actual);
                        last = actual;
                    }
                    for (int i = 0; i < m; i++) Assert.Equal(c[i], selector.StateWeight(i));
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
        }
    }
}
