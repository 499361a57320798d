using System;
using System.Linq;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;
using Xunit;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// The smooth and lag_bounded selectors against the plain rules on more agents than the property tests use:
    /// many agents per weight (smooth WRR works per weight class), many distinct weights, agents filling up.
    /// </summary>
    public class SelectorScaleTests
    {
        [Theory]
        [InlineData(FairnessStrategies.SmoothWeightedRoundRobin, 4, 1)]
        [InlineData(FairnessStrategies.SmoothWeightedRoundRobin, 1000, 2)]
        [InlineData(FairnessStrategies.SmoothWeightedRoundRobin, 3, 3)]
        [InlineData(FairnessStrategies.LagBounded, 4, 4)]
        [InlineData(FairnessStrategies.LagBounded, 1000, 5)]
        public void Selectors_equal_the_plain_rules_on_hundreds_of_agents(string strategy, int maxWeight, int seed) =>
            AgreeWithThePlainRule(strategy, maxWeight, seed, 300, 6000);

        /// <summary>
        /// 9,000 agents on nearly as many distinct weights (deep tournament, large class heaps of lag_bounded): both
        /// must still decide as the plain rules do.
        /// </summary>
        [Theory]
        [InlineData(FairnessStrategies.SmoothWeightedRoundRobin, 6)]
        [InlineData(FairnessStrategies.LagBounded, 7)]
        public void Selectors_equal_the_plain_rules_past_eight_thousand_distinct_weights(string strategy, int seed) =>
            AgreeWithThePlainRule(strategy, 1_000_000, seed, 9000, 12_000);

        private static void AgreeWithThePlainRule(string strategy, int maxWeight, int seed, int agentCount, int taskCount)
        {
            var rng = new Random(seed);
            var agents = Enumerable.Range(0, agentCount).Select(i => new FairAgent("a" + i, rng.Next(maxWeight + 1),
                rng.Next(3) == 0 ? (int?)rng.Next(0, 30) : null)).ToArray();
            var tasks = Enumerable.Range(0, taskCount).Select(i => new FairTask("t" + i)).ToArray();
            var policy = new FairnessPolicy("p", false, 2.0, strategy);
            var r = Allocator.Allocate(tasks, agents, policy);
            var reference = Reference.Run(tasks, Enumerable.Range(0, tasks.Length).ToArray(), agents, policy,
                strategy == FairnessStrategies.LagBounded ? Reference.Tijdeman(agents) : Reference.Smooth(agents));
            Assert.Equal(reference, Enumerable.Range(0, r.Count).Select(r.AgentIndexAt));
        }
    }
}
