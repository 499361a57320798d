using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;
using FairnessGovernor.Output;

namespace FairnessGovernor.Tests
{
    /// <summary>Invariants of SPEC.md section 6 over random tasks, agents and policies, for every strategy.</summary>
    public class PropertyTests
    {
        private static readonly Gen<FairAgent[]> GenAgents =
            Gen.Select(Gen.Int[0, 5], Gen.Int[-1, 8], Gen.Int[-1, 4]).Array[0, 6]
               .Select(specs => specs.Select((s, i) => new FairAgent("a" + i, s.Item1, s.Item2 < 0 ? null : s.Item2, s.Item3 < 0 ? null : s.Item3 / 4.0)).ToArray());

        private static readonly Gen<FairTask[]> GenTasks =
            Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[1, 4], Gen.Int[0, 6]).Array[0, 40]
               .Select(specs => specs.Select((s, i) => new FairTask("t" + i, (TaskPriority)s.Item1, s.Item2 == 0 ? null : "g" + s.Item2, s.Item3 / 2.0, s.Item4)).ToArray());

        private static readonly Gen<FairnessPolicy> GenPolicy =
            Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Int[-1, 4], Gen.Int[-1, 5], Gen.Int[-1, 5])
               .Select(p => new FairnessPolicy("p", p.Item2, 2.0, FairnessStrategies.All[p.Item1], p.Item3 < 0 ? null : p.Item3,
                   new[] { ("g1", p.Item4), ("g2", p.Item5) }.Where(q => q.Item2 >= 0).Select(q => new KeyValuePair<string, int>(q.Item1, q.Item2))));

        [Fact]
        public void Every_rule_holds_for_every_strategy()
        {
            Gen.Select(GenAgents, GenTasks, GenPolicy).Sample((agents, tasks, policy) =>
            {
                var r = Allocator.Allocate(tasks, agents, policy);
                var decisions = r.Decisions().ToArray();
                // each task decided exactly once
                Assert.Equal(tasks.Select(t => t.Id).OrderBy(x => x, StringComparer.Ordinal), decisions.Select(d => d.TaskId).OrderBy(x => x, StringComparer.Ordinal));
                // capacity and max_share never exceeded
                for (int i = 0; i < agents.Length; i++)
                {
                    Assert.True(r.AgentTaskCounts[i] <= Reference.Limit(agents[i], tasks.Length));
                    if (agents[i].Weight == 0) Assert.Equal(0, r.AgentTaskCounts[i]);
                }
                // group quotas never exceeded
                foreach (var g in policy.GetGroupNames())
                    Assert.True(decisions.Count(d => d.Group == g && d.AgentId != null) <= policy.GetGroupQuota(g));
                // Bypassed is the count of later tasks dispatched earlier; max_bypass holds
                var order = Enumerable.Range(0, r.Count).Select(r.TaskIndexAt).ToArray();
                for (int k = 0; k < order.Length; k++)
                {
                    Assert.Equal(order.Take(k).Count(t => t > order[k]), decisions[k].Bypassed);
                    if (policy.MaxBypass.HasValue && policy.RespectPriority) Assert.True(decisions[k].Bypassed <= policy.MaxBypass.Value);
                }
                if (policy.MaxBypass.HasValue && policy.RespectPriority) Assert.Equal(Reference.BypassOrder(tasks, policy.MaxBypass.Value), order);
                // reasons and waits
                foreach (var d in decisions)
                {
                    Assert.False(string.IsNullOrEmpty(d.Reason));
                    Assert.Equal(d.AgentId == null, d.Wait == null);
                    if (d.Wait.HasValue) Assert.True(d.Wait.Value >= 0);
                    if (d.AgentId == null) Assert.Matches("^(capacity|max_share|group_quota|no_agents)", d.Reason);
                    Assert.Null(d.Skipped);
                }
                // same input, same output; explain changes nothing but Skipped
                var again = Allocator.Allocate(tasks, agents, policy, new AllocationOptions { Explain = true });
                Assert.Equal(decisions.Select(Key), again.Decisions().Select(Key));
                Assert.All(again.Decisions(), d => Assert.NotNull(d.Skipped));
                Assert.Equal(AllocationDocument.ToText(r, AllocationMetrics.Of(r)), AllocationDocument.ToText(again, AllocationMetrics.Of(again)));
                Assert.Equal(r.RunId, again.RunId);
            }, iter: 1500);
        }

        private static string Key(AllocationDecision d) => d.Sequence + "|" + d.TaskId + "|" + d.AgentId + "|" + d.Reason + "|" + d.Bypassed + "|" + d.Wait?.ToString("R");

        [Fact]
        public void Default_policy_keys_keep_the_prototype_rule()
        {
            // The weighted_round_robin path with the new keys at their defaults matches the plain prototype rules.
            Gen.Select(GenAgents, GenTasks, Gen.Bool).Sample((agents, tasks, respect) =>
            {
                var plainAgents = agents.Select(a => new FairAgent(a.Id, a.Weight, a.Capacity)).ToArray();
                var r = Allocator.Allocate(tasks, plainAgents, new FairnessPolicy("p", respect, 2.0, FairnessStrategies.WeightedRoundRobin, null, null));
                Assert.Equal(AllocatorTests.Reference(tasks, plainAgents, respect), r.Decisions().Select(d => d.AgentId).ToArray());
            }, iter: 1000);
        }
    }
}
