using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace FairnessGovernor.PowerShell.Tests
{
    public class FairnessRuleCmdletTests
    {
        private const string Tasks = "-TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json";

        [Fact]
        public void Weighted_metrics_of_the_sample_through_the_cmdlets()
        {
            using var ps = new PowerShellHost();
            var m = ps.Run("Invoke-FairAllocation " + Tasks + " -PolicyPath fixtures/policy.json | Get-FairnessMetrics").Single();
            Assert.Equal(0.857, Math.Round((double)m.Properties["JainIndex"].Value, 3));
            Assert.Equal(0.931, Math.Round((double)m.Properties["WeightedJainIndex"].Value, 3));
            Assert.Equal(0.222, Math.Round((double)m.Properties["Gini"].Value, 3));
            Assert.Equal(0.148, Math.Round((double)m.Properties["WeightedGini"].Value, 3));
            Assert.Equal(2.0, m.Properties["WeightedSkewRatio"].Value);
            Assert.Equal(0.5, m.Properties["MaxAbsLag"].Value);
            var lag = (IDictionary)m.Properties["Lag"].Value;
            Assert.Equal(new object[] { 0.5, 0.0, -0.5 }, lag.Values.Cast<object>());
            Assert.Equal("strong_imbalance", m.Properties["FairnessLabel"].Value);
            Assert.Equal("mild_imbalance", m.Properties["WeightedFairnessLabel"].Value);
            var byPriority = (IDictionary)m.Properties["WaitMaxByPriority"].Value;
            Assert.Equal(new object[] { "high", "normal", "low" }, byPriority.Keys.Cast<object>());
        }

        [Fact]
        public void Strategies_from_policy_files_and_objects()
        {
            using var ps = new PowerShellHost();
            var smooth = ps.Run("Invoke-FairAllocation " + Tasks + " -PolicyPath fixtures/policy_smooth.json");
            Assert.Equal(new object[] { "agent-b", "agent-a", "agent-c", "agent-b", "agent-b", "agent-a" }, smooth.Select(d => d.Properties["AgentId"].Value));
            Assert.All(smooth, d => Assert.Equal("smooth_wrr", d.Properties["Reason"].Value));
            var lag = ps.Run("Invoke-FairAllocation " + Tasks + " -PolicyPath fixtures/policy_lag_bounded.yaml | Get-FairnessMetrics").Single();
            Assert.True((double)lag.Properties["MaxAbsLag"].Value < 1.0);
            var fromObject = ps.Run("Invoke-FairAllocation " + Tasks + " -Policy (New-FairnessPolicy smooth -Strategy smooth_weighted_round_robin)");
            Assert.Equal(smooth.Select(d => d.Properties["AgentId"].Value), fromObject.Select(d => d.Properties["AgentId"].Value));
            var hashtable = ps.Run("Invoke-FairAllocation " + Tasks + " -Policy @{ Strategy = 'lag_bounded' }");
            Assert.All(hashtable, d => Assert.StartsWith("lag_bounded", (string)d.Properties["Reason"].Value));
            var bad = ps.RunExpectingError("Invoke-FairAllocation " + Tasks + " -Policy @{ strategy = 'fastest' }");
            Assert.Equal("InvalidStrategy,FairnessGovernor.PowerShell.Commands.InvokeFairAllocationCommand", bad.FullyQualifiedErrorId);
        }

        [Fact]
        public void Explain_lists_the_agents_passed_over()
        {
            using var ps = new PowerShellHost();
            var plain = ps.Run("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents_with_capacity.json -PolicyPath fixtures/policy.json");
            Assert.All(plain, d => Assert.Null(d.Properties["Skipped"].Value));
            var t4 = ps.Run("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents_with_capacity.json -PolicyPath fixtures/policy.json -Explain | Where-Object TaskId -eq 't4'").Single();
            Assert.Equal("Unassigned", t4.Properties["Status"].Value);
            Assert.Contains("capacity", (string)t4.Properties["Reason"].Value);
            var skipped = (IReadOnlyList<string>)t4.Properties["Skipped"].Value;
            Assert.Equal(new[] { "agent-a: capacity", "agent-b: capacity", "agent-c: capacity" }, skipped);
            // Its own text (what Export-Csv writes) joins the entries with "; ".
            Assert.Equal("agent-a: capacity; agent-b: capacity; agent-c: capacity", skipped.ToString());
        }

        [Fact]
        public void Explain_skipped_is_a_collection_to_powershell()
        {
            using var ps = new PowerShellHost();
            var r = ps.Run(@"
                $all = Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents_with_capacity.json -PolicyPath fixtures/policy.json -Explain
                $d = $all | Where-Object TaskId -eq 't4'
                $d.Skipped.Count
                $d.Skipped -contains 'agent-b: capacity'
                $d.Skipped -contains 'agent-b'
                $d.Skipped[2]
                @($d.Skipped | ForEach-Object { $_.ToUpperInvariant() }).Count
                $d.Skipped -is [System.Collections.IList]
                ""$($d.Skipped)""
                [string]$d.Skipped
                $d.Skipped.ToString()
                $d.Skipped -join '|'
                $all[0].Skipped.Count
                $all[0].Skipped.ToString()
                ""[$($all[0].Skipped)]""");
            Assert.Equal(new object[]
            {
                3, true, false, "agent-c: capacity", 3, true,
                "agent-a: capacity agent-b: capacity agent-c: capacity", // PowerShell joins a collection with $OFS (a space)
                "agent-a: capacity agent-b: capacity agent-c: capacity",
                "agent-a: capacity; agent-b: capacity; agent-c: capacity", // the list's own text, as Export-Csv writes it
                "agent-a: capacity|agent-b: capacity|agent-c: capacity",
                0, "", "[]",
            }, r.Select(o => o.BaseObject));
        }

        [Fact]
        public void Quotas_and_waits_from_objects()
        {
            using var ps = new PowerShellHost();
            var d = ps.Run(@"
                $tasks = 1..6 | ForEach-Object { New-FairTask ""t$_"" -Group ($(if ($_ -le 4) { 'batch' } else { 'web' })) -Duration 2 }
                $agents = @(New-FairAgent a -MaxShare 0.5; New-FairAgent b)
                $tasks | Invoke-FairAllocation -Agent $agents -Policy (New-FairnessPolicy q -GroupQuota @{ batch = 3 })");
            Assert.Equal(6, d.Count);
            Assert.Equal(3, d.Count(o => (string)o.Properties["Group"].Value == "batch" && (string)o.Properties["Status"].Value == "Assigned"));
            var blocked = d.Single(o => (string)o.Properties["Status"].Value == "Unassigned");
            Assert.Contains("group_quota", (string)blocked.Properties["Reason"].Value);
            Assert.True(d.Count(o => (string)o.Properties["AgentId"].Value == "a") <= 3);
            Assert.Contains(d, o => o.Properties["Wait"].Value is double w && w > 0);
        }
    }
}
