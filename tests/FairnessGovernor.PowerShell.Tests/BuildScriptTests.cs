using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// build.ps1 in the real pwsh 7.6.9 (the local dotnet tool), where it can run from a test: -Task Example and
    /// -Task Package, each on a copy of build.ps1, fixtures/ and the built output/FairnessGovernor in a scratch folder
    /// (the module is there, so neither task calls dotnet, and artifacts/ lands in the scratch folder). Build and Test
    /// call dotnet build / dotnet test of the solution: this very suite.
    /// </summary>
    public class BuildScriptTests
    {
        private readonly ITestOutputHelper _output;

        public BuildScriptTests(ITestOutputHelper output) => _output = output;

        private static string CopyOfRepo(Scratch dir)
        {
            var work = Path.Combine(dir.Path, "repo");
            Directory.CreateDirectory(work);
            File.Copy(Path.Combine(PowerShellHost.RepoRoot, "build.ps1"), Path.Combine(work, "build.ps1"));
            RealPwsh.CopyDirectory(Path.Combine(PowerShellHost.RepoRoot, "fixtures"), Path.Combine(work, "fixtures"));
            RealPwsh.CopyDirectory(Path.Combine(PowerShellHost.RepoRoot, "output", "FairnessGovernor"), Path.Combine(work, "output", "FairnessGovernor"));
            return work;
        }

        /// <summary>Runs build.ps1 -Task <paramref name="task"/> in a fresh copy of the repository in <paramref name="dir"/>; it must exit 0 with nothing on stderr.</summary>
        private RealPwsh.Result RunTask(Scratch dir, string task, out string work)
        {
            work = CopyOfRepo(dir);
            var run = RealPwsh.RunFile(Path.Combine(work, "build.ps1"), work, TimeSpan.FromMinutes(3), "-Task", task);
            _output.WriteLine(run.ToString());
            Assert.True(run.ExitCode == 0 && run.StdErr.Length == 0, run.ToString());
            return run;
        }

        [Fact]
        public void Example_task_runs_the_fixture_example()
        {
            using var dir = new Scratch();
            var run = RunTask(dir, "Example", out _);
            Assert.Matches(@"(?m)^\s*1 t2\s+agent-a\s+Assigned\s+high\s+rotation\s*$", run.StdOut);
            Assert.Matches(@"(?m)^FairnessLabel\s+: strong_imbalance\s*$", run.StdOut);
        }

        [Fact]
        public void Package_task_zips_an_importable_module_into_artifacts()
        {
            using var dir = new Scratch();
            RunTask(dir, "Package", out var work);

            var zips = Directory.GetFiles(Path.Combine(work, "artifacts"), "*.zip");
            var zip = Assert.Single(zips);
            var version = Regex.Match(File.ReadAllText(PowerShellHost.ModuleManifest), @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
            Assert.Equal($"FairnessGovernor.{version}.zip", Path.GetFileName(zip));
            using (var archive = ZipFile.OpenRead(zip))
            {
                var names = archive.Entries.Select(e => e.FullName).ToList();
                _output.WriteLine(string.Join("\n", names));
                Assert.Contains("FairnessGovernor/FairnessGovernor.psd1", names);
                Assert.Contains("FairnessGovernor/FairnessGovernor.PowerShell.dll", names);
                Assert.DoesNotContain(names, n => n.Contains('\\'));
                var files = Directory.GetFiles(Path.Combine(work, "output", "FairnessGovernor"), "*", SearchOption.AllDirectories);
                Assert.Equal(files.Length, archive.Entries.Count(e => e.Name.Length > 0));
            }

            // Unzipped elsewhere, the module imports and allocates.
            var unzipped = Path.Combine(dir.Path, "unzipped");
            ZipFile.ExtractToDirectory(zip, unzipped);
            var tasks = Quote(Path.Combine(work, "fixtures", "tasks.json"));
            var agents = Quote(Path.Combine(work, "fixtures", "agents.json"));
            var check = RealPwsh.RunCommand(
                $"Import-Module ./FairnessGovernor/FairnessGovernor.psd1; (Invoke-FairAllocation -TaskPath {tasks} -AgentPath {agents}).Count",
                unzipped, TimeSpan.FromMinutes(3));
            Assert.True(check.ExitCode == 0 && check.StdErr.Length == 0, check.ToString());
            Assert.Equal("6", check.StdOut.Trim());
        }

        private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";

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
