using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// Runs the Pester 5 tests (tests/*.Tests.ps1) with the real Pester 5.9.1 (restored to the NuGet cache by this
    /// project's PackageDownload) in the real pwsh 7.6.9 (the local dotnet tool), as build.ps1 -Task Test does:
    /// Run.Path = tests/, PassThru. The files' own BeforeAll imports output/FairnessGovernor, which building this
    /// project lays out.
    /// </summary>
    public class PesterTests
    {
        private readonly ITestOutputHelper _output;

        public PesterTests(ITestOutputHelper output) => _output = output;

        private const string Driver = @"
param([string] $PesterManifest, [string] $TestsPath, [string] $SummaryPath)
$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterManifest -Force
$config = New-PesterConfiguration
$config.Run.Path = $TestsPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$r = Invoke-Pester -Configuration $config
function Get-Errors($item) { @($item.ErrorRecord | ForEach-Object { ""$_`n$($_.ScriptStackTrace)"" }) -join ""`n"" }
[ordered]@{
    PSVersion             = $PSVersionTable.PSVersion.ToString()
    PesterVersion         = (Get-Module Pester).Version.ToString()
    Result                = $r.Result
    TotalCount            = $r.TotalCount
    PassedCount           = $r.PassedCount
    FailedCount           = $r.FailedCount
    SkippedCount          = $r.SkippedCount
    InconclusiveCount     = $r.InconclusiveCount
    NotRunCount           = $r.NotRunCount
    FailedBlocksCount     = $r.FailedBlocksCount
    FailedContainersCount = $r.FailedContainersCount
    Problems              = @(
        foreach ($t in $r.Failed) { ""[-] $($t.ExpandedPath)`n$(Get-Errors $t)"" }
        foreach ($b in $r.FailedBlocks) { ""[-] block $($b.Path -join '.')`n$(Get-Errors $b)"" }
        foreach ($c in $r.FailedContainers) { ""[-] container $($c.Item)`n$(Get-Errors $c)"" }
        foreach ($t in @($r.Inconclusive) + @($r.NotRun)) { if ($t) { ""[?] $($t.ExpandedPath): $($t.Result)"" } }
    )
    Skipped               = @($r.Skipped | ForEach-Object ExpandedPath)
} | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $SummaryPath -Encoding utf8
";

        /// <summary>The It blocks of tests/*.Tests.ps1, and how many of them may be skipped on some platform (-Skip:(...)).</summary>
        private static (int Its, int Skippable) CountIts()
        {
            var testsDir = Path.Combine(PowerShellHost.RepoRoot, "tests");
            var files = Directory.GetFiles(testsDir, "*.Tests.ps1", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj")).ToList();
            Assert.Contains(files, f => Path.GetFileName(f) == "FairnessGovernor.Tests.ps1");
            var its = files.SelectMany(f => File.ReadAllLines(f)).Where(l => Regex.IsMatch(l, @"^\s*It\s+['""]")).ToList();
            // tests/FairnessGovernor.Tests.ps1 had 35 when this was last counted; fewer means the count (or the file) lost some.
            Assert.True(its.Count >= 35, $"counted only {its.Count} It blocks in {string.Join(", ", files)}");
            return (its.Count, its.Count(l => l.Contains("-Skip")));
        }

        [Fact]
        public void Invoke_Pester_on_tests_passes_every_It()
        {
            var testsDir = Path.Combine(PowerShellHost.RepoRoot, "tests");
            var (its, skippable) = CountIts();

            using var dir = new Scratch();
            var summaryPath = dir.File("summary.json");
            var script = dir.Write("run-pester.ps1", Driver);
            var run = RealPwsh.RunFile(script, PowerShellHost.RepoRoot, TimeSpan.FromMinutes(8), RealPwsh.PesterManifest, testsDir, summaryPath);
            _output.WriteLine(run.ToString());
            Assert.True(run.ExitCode == 0 && File.Exists(summaryPath), "the Pester run did not complete:\n" + run);

            using var doc = JsonDocument.Parse(File.ReadAllText(summaryPath));
            var s = doc.RootElement;
            int Count(string name) => s.GetProperty(name).GetInt32();
            _output.WriteLine(s.ToString());

            Assert.Equal("7.6.9", s.GetProperty("PSVersion").GetString());
            Assert.Equal("5.9.1", s.GetProperty("PesterVersion").GetString());
            var problems = s.GetProperty("Problems").EnumerateArray().Select(p => p.GetString()).ToList();
            Assert.True(problems.Count == 0 && Count("FailedCount") == 0 && Count("FailedBlocksCount") == 0 && Count("FailedContainersCount") == 0,
                $"Pester: {Count("FailedCount")} failed, {Count("FailedBlocksCount")} failed blocks, {Count("FailedContainersCount")} failed containers\n" +
                string.Join("\n\n", problems));
            Assert.Equal(0, Count("NotRunCount"));
            Assert.Equal(0, Count("InconclusiveCount"));
            Assert.Equal("Passed", s.GetProperty("Result").GetString());
            Assert.True(Count("SkippedCount") <= skippable,
                $"{Count("SkippedCount")} skipped, but only {skippable} It blocks can be: " + string.Join(", ", s.GetProperty("Skipped").EnumerateArray()));
            Assert.True(Count("PassedCount") >= its - skippable, $"only {Count("PassedCount")} of {its} It blocks passed");
        }

        /// <summary>build.ps1 -Task Pester, in the real pwsh: the Pester run of build.ps1 -Task Test without its dotnet test.
        /// With no Pester 5 installed (CI), build.ps1 takes the one in the NuGet cache.</summary>
        [Fact]
        public void Build_script_Pester_task_passes_every_It()
        {
            var (its, skippable) = CountIts();
            var run = RealPwsh.RunFile(Path.Combine(PowerShellHost.RepoRoot, "build.ps1"), PowerShellHost.RepoRoot, TimeSpan.FromMinutes(8), "-Task", "Pester");
            _output.WriteLine(run.ToString());
            Assert.True(run.ExitCode == 0 && run.StdErr.Length == 0, run.ToString());
            var summary = Regex.Match(run.StdOut, @"Tests Passed: (\d+), Failed: (\d+), Skipped: (\d+), Inconclusive: (\d+), NotRun: (\d+)");
            Assert.True(summary.Success, "no Pester summary line in:\n" + run);
            int N(int group) => int.Parse(summary.Groups[group].Value);
            Assert.Equal(0, N(2));
            Assert.True(N(3) <= skippable, summary.Value);
            Assert.Equal(0, N(4));
            Assert.Equal(0, N(5));
            Assert.True(N(1) >= its - skippable, $"only {N(1)} of {its} It blocks passed");
        }

        [Fact]
        public void The_command_README_gives_starts_the_tool_pwsh()
        {
            var run = RealPwsh.RunToolCommand(TimeSpan.FromMinutes(3), "-NoProfile", "-NonInteractive", "-Command", "'{0} \"{1}\"' -f $PSVersionTable.PSVersion, 'two words'");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("7.6.9 \"two words\"", run.StdOut.Trim());
        }
    }
}
