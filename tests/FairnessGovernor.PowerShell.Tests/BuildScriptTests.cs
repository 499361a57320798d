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
            // A home of its own: the Package task registers (and removes) a temporary PSResourceGet repository.
            var home = Path.Combine(dir.Path, "home");
            Directory.CreateDirectory(home);
            var environment = new System.Collections.Generic.Dictionary<string, string> { ["HOME"] = home, ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"), ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"), ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache") };
            var run = RealPwsh.RunFile(Path.Combine(work, "build.ps1"), work, TimeSpan.FromMinutes(3), environment, "-Task", task);
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

            // The .nupkg next to it holds the same module, its manifest with the ReleaseNotes the build took from CHANGELOG.md
            // (installing it by name: the Pester test "installs by name from a local folder repository").
            var nupkg = Assert.Single(Directory.GetFiles(Path.Combine(work, "artifacts"), "*.nupkg"));
            Assert.Equal($"FairnessGovernor.{version}.nupkg", Path.GetFileName(nupkg));
            using (var package = ZipFile.OpenRead(nupkg))
            {
                var names = package.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("FairnessGovernor.nuspec", names);
                Assert.Contains("FairnessGovernor.PowerShell.dll", names);
                Assert.Contains("dependencies/FairnessGovernor.dll", names);
                Assert.Contains("en-US/FairnessGovernor.PowerShell.dll-Help.xml", names);
                using var nuspec = new StreamReader(package.GetEntry("FairnessGovernor.nuspec")!.Open());
                var text = nuspec.ReadToEnd();
                Assert.Contains("<releaseNotes>## [", text);
                Assert.Contains("<version>" + version + "</version>", text);
            }
            // The temporary repository the build published through is registered no more.
            var registrations = Directory.GetFiles(Path.Combine(dir.Path, "home"), "PSResourceRepository.xml", SearchOption.AllDirectories);
            Assert.NotEmpty(registrations);
            foreach (var r in registrations) Assert.DoesNotContain("FairnessGovernorBuild-", File.ReadAllText(r));
            Assert.False(Directory.Exists(Path.Combine(work, "PSResourceGet")) || Directory.Exists(Path.Combine(work, "NuGet")), "the build wrote settings into the current folder");

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
            Assert.Equal(new[] { "Build", "Test", "Pester", "Package", "Example", "Help" }, set);
        }
    }
}
