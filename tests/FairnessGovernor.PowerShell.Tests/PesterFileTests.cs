using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Xunit.Abstractions;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// Runs tests/FairnessGovernor.Tests.ps1 (Pester 5 tests of the user stories) in the hosted engine, through
    /// tests/PesterStandIn, a small stand-in for Pester 5: neither pwsh nor Pester can be installed where CI runs.
    /// The file's own BeforeAll imports output/FairnessGovernor.
    /// </summary>
    public class PesterFileTests
    {
        private readonly ITestOutputHelper _output;

        public PesterFileTests(ITestOutputHelper output) => _output = output;

        private static string StandIn => Path.Combine(PowerShellHost.RepoRoot, "tests", "PesterStandIn", "PesterStandIn.psm1");

        private static string PesterFile => Path.Combine(PowerShellHost.RepoRoot, "tests", "FairnessGovernor.Tests.ps1");

        [Fact]
        public void Every_It_of_FairnessGovernor_Tests_ps1_passes()
        {
            using var ps = new PowerShellHost(importModule: false, withUtilityCmdlets: true);
            var results = ps.Run("Import-Module -Name $args[0] -Force; Invoke-PesterStandIn -Path $args[1]", StandIn, PesterFile);
            foreach (var e in ps.LastErrors) _output.WriteLine("non-terminating error: " + e);

            var rows = results.Select(r => (
                Name: (string)r.Properties["Name"].Value,
                Result: (string)r.Properties["Result"].Value,
                Error: r.Properties["Error"].Value is PSObject p ? p.BaseObject as ErrorRecord : r.Properties["Error"].Value as ErrorRecord)).ToList();
            foreach (var r in rows) _output.WriteLine($"{r.Result,-7} {r.Name}");

            var failed = rows.Where(r => r.Result == "Failed").ToList();
            var report = new StringBuilder();
            foreach (var f in failed)
            {
                report.AppendLine($"[-] {f.Name}");
                report.AppendLine("    " + (f.Error?.ToString() ?? "(no error record)"));
                if (f.Error?.InvocationInfo?.PositionMessage is string where) report.AppendLine("    " + where.Replace("\n", "\n    "));
            }
            Assert.True(failed.Count == 0, $"{failed.Count} of {rows.Count} Its failed:\n{report}");
            // The file has 30-odd Its; far fewer means discovery went wrong.
            Assert.True(rows.Count(r => r.Result == "Passed") >= 30, $"only {rows.Count} Its ran");
        }
    }
}
