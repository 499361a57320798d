using System.IO;
using System.Linq;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// build.ps1 in the hosted engine, as far as it can run here: -Task Example (the module is built already, so
    /// it calls no dotnet). Build and Test call dotnet (this very suite), Package needs Compress-Archive
    /// (Microsoft.PowerShell.Archive, not served here): those are not run.
    /// </summary>
    public class BuildScriptTests
    {
        [Fact]
        public void Example_task_runs_the_fixture_example()
        {
            using var ps = new PowerShellHost(importModule: false, withUtilityCmdlets: true);
            ps.Run("& $args[0] -Task Example", Path.Combine(PowerShellHost.RepoRoot, "build.ps1"));
            Assert.Empty(ps.LastErrors);
            Assert.Contains("FairnessGovernor", ps.Run("(Get-Module FairnessGovernor).Name").Select(o => o.ToString()));
        }

        [Fact]
        public void Parses_and_offers_its_tasks()
        {
            using var ps = new PowerShellHost(importModule: false);
            var set = ps.Run("(Get-Command $args[0]).Parameters['Task'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues",
                Path.Combine(PowerShellHost.RepoRoot, "build.ps1")).Select(o => o.ToString()).ToArray();
            Assert.Equal(new[] { "Build", "Test", "Pester", "Package", "Example" }, set);
        }
    }
}
