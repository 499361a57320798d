using System.Linq;

namespace FairnessGovernor.PowerShell.Tests
{
    public class ConvenienceCmdletTests
    {
        [Fact]
        public void New_cmdlets_build_validated_objects_that_allocate()
        {
            using var ps = new PowerShellHost();
            var d = ps.Run(@"
                $agents = @(New-FairAgent agent-a 1; New-FairAgent agent-b 2; New-FairAgent -Id agent-c)
                $tasks = @(New-FairTask t1; New-FairTask t2 High; New-FairTask t3; New-FairTask t4 low; New-FairTask t5 high; New-FairTask t6)
                $tasks | Invoke-FairAllocation -Agent $agents -Policy (New-FairnessPolicy priority-weighted-rr -MaxSkewRatio 2)");
            Assert.Equal(new[] { "t2=agent-a", "t5=agent-b", "t1=agent-b", "t3=agent-c", "t6=agent-a", "t4=agent-b" },
                d.Select(o => o.Properties["TaskId"].Value + "=" + o.Properties["AgentId"].Value));
            var t = ps.Run("'a', 'b' | New-FairTask");
            Assert.Equal(new object[] { "normal", "normal" }, t.Select(o => o.Properties["Priority"].Value));
            var err = ps.RunExpectingError("New-FairTask -Id '   '");
            Assert.Equal("MissingId,FairnessGovernor.PowerShell.Commands.NewFairTaskCommand", err.FullyQualifiedErrorId);
            var badPriority = ps.RunExpectingError("New-FairTask -Id x -Priority urgent");
            Assert.Equal("ParameterArgumentValidationError,FairnessGovernor.PowerShell.Commands.NewFairTaskCommand", badPriority.FullyQualifiedErrorId);
        }

        [Fact]
        public void ExcludeAgent_drains_agents_and_rejects_unknown_ids()
        {
            using var ps = new PowerShellHost();
            var d = ps.Run("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -ExcludeAgent agent-b");
            Assert.Equal(new object[] { "agent-a", "agent-c", "agent-a", "agent-c", "agent-a", "agent-c" }, d.Select(o => o.Properties["AgentId"].Value));
            var m = ps.Run("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -ExcludeAgent agent-b | Get-FairnessMetrics").Single();
            Assert.Equal(2, m.Properties["AgentCount"].Value);
            var err = ps.RunExpectingError("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -ExcludeAgent agent-z");
            Assert.Equal("UnknownAgent,FairnessGovernor.PowerShell.Commands.InvokeFairAllocationCommand", err.FullyQualifiedErrorId);
        }

        [Fact]
        public void Tab_completion_offers_agent_ids_and_priorities()
        {
            using var ps = new PowerShellHost();
            const string line = "Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -ExcludeAgent agent-";
            var ids = ps.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches | ForEach-Object CompletionText", line);
            Assert.Equal(new object[] { "agent-a", "agent-b", "agent-c" }, ids.Select(o => o.BaseObject));
            const string priority = "New-FairTask -Id x -Priority h";
            var p = ps.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches | ForEach-Object CompletionText", priority);
            Assert.Equal(new object[] { "high" }, p.Select(o => o.BaseObject));
        }
    }
}
