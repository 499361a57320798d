using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace FairnessGovernor.PowerShell.Tests
{
    public class AllocationCmdletTests
    {
        private const string Sample = "Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents.json -PolicyPath fixtures/policy.json";

        private static readonly string[] SamplePairs = { "t2=agent-a", "t5=agent-b", "t1=agent-b", "t3=agent-c", "t6=agent-a", "t4=agent-b" };

        private static string Pair(PSObject o) => o.Properties["TaskId"].Value + "=" + o.Properties["AgentId"].Value;

        [Fact]
        public void Sample_through_the_cmdlets_gives_the_prototype_output()
        {
            using var ps = new PowerShellHost();
            var decisions = ps.Run(Sample);
            Assert.Equal(SamplePairs, decisions.Select(Pair));
            Assert.Equal("FairnessGovernor.Allocation.AllocationDecision", decisions[0].BaseObject.GetType().FullName);
            Assert.Equal(new object[] { 1, 2, 3, 4, 5, 6 }, decisions.Select(d => d.Properties["Sequence"].Value));
            Assert.All(decisions, d => Assert.Equal("Assigned", d.Properties["Status"].Value));
            Assert.Equal("high", decisions[0].Properties["Priority"].Value);

            var metrics = ps.Run(Sample + " | Get-FairnessMetrics");
            var m = Assert.Single(metrics);
            var counts = (IDictionary)m.Properties["TaskCountPerAgent"].Value;
            Assert.Equal(new object[] { "agent-a", "agent-b", "agent-c" }, counts.Keys.Cast<object>());
            Assert.Equal(new object[] { 2, 3, 1 }, counts.Values.Cast<object>());
            Assert.Equal(3, m.Properties["MaxTasks"].Value);
            Assert.Equal(1, m.Properties["MinTasks"].Value);
            Assert.Equal(3.0, m.Properties["SkewRatio"].Value);
            Assert.Equal("strong_imbalance", m.Properties["FairnessLabel"].Value);
            Assert.Equal(0, m.Properties["UnassignedCount"].Value);
            Assert.Equal(6, m.Properties["AssignedCount"].Value);
        }

        [Fact]
        public void Yaml_fixtures_and_relative_paths_from_another_location()
        {
            using var ps = new PowerShellHost(Path.Combine(PowerShellHost.RepoRoot, "fixtures"));
            var decisions = ps.Run("Invoke-FairAllocation -TaskPath ./tasks.yaml -AgentPath agents.yaml -PolicyPath ../fixtures/policy.yaml");
            Assert.Equal(SamplePairs, decisions.Select(Pair));
            var wild = ps.Run("Invoke-FairAllocation -TaskPath tasks.y*ml -LiteralAgentPath agents.yaml -LiteralPolicyPath policy.yaml");
            Assert.Equal(SamplePairs, wild.Select(Pair));
        }

        [Fact]
        public void Objects_from_hashtables_pscustomobjects_and_pipeline()
        {
            using var ps = new PowerShellHost();
            var result = ps.Run(@"
                $agents = @(
                    @{ id = 'agent-a'; weight = 1 },
                    [pscustomobject]@{ id = 'agent-b'; weight = 2 },
                    [pscustomobject]@{ Id = 'agent-c'; Weight = '1' }   # text numbers, as Import-Csv gives them
                )
                $policy = @{ PolicyId = 'objects'; RespectPriority = $true; MaxSkewRatio = 2 }
                @(
                    @{ id = 't1' }, @{ id = 't2'; priority = 'High' }, [pscustomobject]@{ id = 't3'; priority = 'normal' },
                    @{ id = 't4'; priority = 'low' }, @{ id = 't5'; priority = 'high' }, @{ id = 't6' }
                ) | Invoke-FairAllocation -Agent $agents -Policy $policy");
            Assert.Equal(SamplePairs, result.Select(Pair));
            Assert.Equal("objects", result[0].Properties["PolicyId"].Value);
        }

        [Fact]
        public void Csv_like_rows_with_text_numbers_and_blank_cells()
        {
            using var ps = new PowerShellHost();
            var d = ps.Run(@"
                $agents = @(
                    [pscustomobject]@{ id = 'agent-a'; weight = '1'; capacity = '' },
                    [pscustomobject]@{ id = 'agent-b'; weight = '2'; capacity = '' },
                    [pscustomobject]@{ id = 'agent-c'; weight = '1'; capacity = ' ' }
                )
                Invoke-FairAllocation -TaskPath fixtures/tasks.json -Agent $agents -PolicyPath fixtures/policy.json");
            Assert.Equal(SamplePairs, d.Select(Pair));
        }

        [Fact]
        public void Module_objects_chain_from_the_import_cmdlets()
        {
            using var ps = new PowerShellHost();
            var result = ps.Run(@"
                $agents = Import-FairAgent -Path fixtures/agents.json
                $policy = Import-FairnessPolicy fixtures/policy.yaml
                Import-FairTask fixtures/tasks.json | Invoke-FairAllocation -Agent $agents -Policy $policy");
            Assert.Equal(SamplePairs, result.Select(Pair));
            var types = ps.Run("(Import-FairTask fixtures/tasks.json)[0].GetType().FullName; (Import-FairAgent fixtures/agents.yaml)[1].Weight; (Import-FairnessPolicy fixtures/policy.json).MaxSkewRatio");
            Assert.Equal("FairnessGovernor.Model.FairTask", types[0].BaseObject);
            Assert.Equal(2, types[1].BaseObject);
            Assert.Equal(2.0, types[2].BaseObject);
        }

        [Fact]
        public void Where_object_and_foreach_object_chain_into_metrics()
        {
            using var ps = new PowerShellHost();
            var b = ps.Run(Sample + " | Where-Object AgentId -eq 'agent-b' | ForEach-Object TaskId");
            Assert.Equal(new object[] { "t5", "t1", "t4" }, b.Select(o => o.BaseObject));
            var subset = ps.Run(Sample + " | Where-Object Priority -ne 'low' | Get-FairnessMetrics");
            var counts = (IDictionary)subset[0].Properties["TaskCountPerAgent"].Value;
            Assert.Equal(new object[] { 2, 2, 1 }, counts.Values.Cast<object>());
        }

        [Fact]
        public void Capacity_and_unassigned_tasks()
        {
            using var ps = new PowerShellHost();
            var d = ps.Run("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents_with_capacity.json -PolicyPath fixtures/policy.json");
            var last = d.Last();
            Assert.Equal("t4", last.Properties["TaskId"].Value);
            Assert.Null(last.Properties["AgentId"].Value);
            Assert.Equal("Unassigned", last.Properties["Status"].Value);
            var m = ps.Run("Invoke-FairAllocation -TaskPath fixtures/tasks.json -AgentPath fixtures/agents_with_capacity.json -PolicyPath fixtures/policy.json | Get-FairnessMetrics").Single();
            Assert.Equal(1, m.Properties["UnassignedCount"].Value);
            Assert.Equal("mild_imbalance", m.Properties["FairnessLabel"].Value);
        }

        [Fact]
        public void Metrics_from_decisions_read_back_without_their_run()
        {
            using var ps = new PowerShellHost();
            var m = ps.Run(@"
                $rows = " + Sample + @" | ForEach-Object { [pscustomobject]@{ TaskId = $_.TaskId; AgentId = $_.AgentId; Status = $_.Status; RunId = $_.RunId; PolicyId = $_.PolicyId } }
                $rows | Get-FairnessMetrics -AgentPath fixtures/agents.json -MaxSkewRatio 3").Single();
            Assert.Equal("mild_imbalance", m.Properties["FairnessLabel"].Value);
            Assert.Equal("priority-weighted-rr", m.Properties["PolicyId"].Value);
            var counts = (IDictionary)m.Properties["TaskCountPerAgent"].Value;
            Assert.Equal(new object[] { 2, 3, 1 }, counts.Values.Cast<object>());
        }

        [Fact]
        public void OutFile_writes_the_prototype_document_and_WhatIf_writes_nothing()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var outFile = dir.File("allocation.json");
            var emitted = ps.Run(Sample + " -OutFile $args[0]", outFile);
            Assert.Empty(emitted);
            var text = File.ReadAllText(outFile);
            Assert.StartsWith("{\n  \"allocation\": [\n    {\n      \"task_id\": \"t2\",\n      \"agent_id\": \"agent-a\"\n    },", text);
            Assert.Contains("\"skew_ratio\": 3.0,", text);
            Assert.EndsWith("}\n", text);

            var passthru = ps.Run(Sample + " -OutFile $args[0] -PassThru", dir.File("b.json"));
            Assert.Equal(6, passthru.Count);

            var whatIf = dir.File("whatif.json");
            ps.Run(Sample + " -OutFile $args[0] -WhatIf", whatIf);
            Assert.False(File.Exists(whatIf));

            var noClobber = ps.RunExpectingError(Sample + " -OutFile $args[0] -NoClobber", outFile);
            Assert.Equal("OutFileExists,FairnessGovernor.PowerShell.Commands.InvokeFairAllocationCommand", noClobber.FullyQualifiedErrorId);
            Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        }

        [Fact]
        public void A_failed_run_writes_no_OutFile()
        {
            using var ps = new PowerShellHost();
            using var dir = new Scratch();
            var bad = dir.Write("agents.json", "[{\"id\": \"a\", \"weight\": -1}]");
            var outFile = dir.File("out.json");
            var err = ps.RunExpectingError("Invoke-FairAllocation -TaskPath fixtures/tasks.json -LiteralAgentPath $args[0] -OutFile $args[1]", bad, outFile);
            Assert.Equal("InvalidWeight,FairnessGovernor.PowerShell.Commands.InvokeFairAllocationCommand", err.FullyQualifiedErrorId);
            Assert.False(File.Exists(outFile));
        }

        [Fact]
        public void Decisions_are_deterministic_across_sessions()
        {
            string Render()
            {
                using var ps = new PowerShellHost();
                return string.Join("|", ps.Run(Sample).Select(d => string.Join(",", d.Properties.Select(p => p.Name + "=" + p.Value))));
            }
            Assert.Equal(Render(), Render());
        }
    }
}
