using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.Loader;

namespace FairnessGovernor.PowerShell.Tests
{
    public class ModuleTests
    {
        private static readonly string[] Cmdlets =
        {
            "Add-AllocationEvidence", "Get-AllocationEvidence", "Get-FairnessMetrics", "Import-FairAgent", "Import-FairTask", "Import-FairnessPolicy", "Invoke-FairAllocation",
            "New-FairAgent", "New-FairTask", "New-FairnessPolicy", "Test-AllocationEvidence", "New-FairnessGovernor", "Get-FairnessState", "Reset-FairnessState",
            "New-FairnessStore", "Initialize-FairnessStore", "Export-AllocationEvidence",
            "Export-FairnessReport",
        };

        [Fact]
        public void Manifest_is_valid_and_exports_exactly_the_cmdlets()
        {
            using var ps = new PowerShellHost(importModule: false);
            var info = ps.Run("Test-ModuleManifest -Path $args[0]", PowerShellHost.ModuleManifest).Single();
            Assert.Equal("FairnessGovernor", info.Properties["Name"].Value);
            var version = info.Properties["Version"].Value!.ToString();
            var props = File.ReadAllText(Path.Combine(PowerShellHost.RepoRoot, "Directory.Build.props"));
            Assert.Contains("<FairnessGovernorVersion>" + version + "</FairnessGovernorVersion>", props);
            var text = File.ReadAllText(PowerShellHost.ModuleManifest);
            Assert.Contains("CompatiblePSEditions = @('Desktop', 'Core')", text);
            Assert.Contains("PowerShellVersion    = '5.1'", text);
            var exports = text.IndexOf("CmdletsToExport", StringComparison.Ordinal);
            Assert.DoesNotContain("*", text.Substring(exports, text.IndexOf("AliasesToExport", exports, StringComparison.Ordinal) - exports));

            using var imported = new PowerShellHost();
            var names = imported.Run("(Get-Module FairnessGovernor).ExportedCmdlets.Keys").Select(o => o.BaseObject.ToString()).ToArray();
            Assert.Equal(Cmdlets.OrderBy(n => n, StringComparer.Ordinal), names.OrderBy(n => n, StringComparer.Ordinal));
        }

        /// <summary>The built manifest's ReleaseNotes is CHANGELOG.md's first section, as written (issue 22, installing by name); Test-ModuleManifest warns of nothing.</summary>
        [Fact]
        public void Manifest_carries_the_changelog_as_release_notes_and_validates_cleanly()
        {
            using var ps = new PowerShellHost(importModule: false);
            var result = ps.Run("$m = Test-ModuleManifest -Path $args[0] -WarningVariable w -ErrorVariable e; @(@($w).Count + @($e).Count; $m.PrivateData.PSData.ReleaseNotes)", PowerShellHost.ModuleManifest);
            Assert.Equal(0, (int)result[0].BaseObject);
            var changelog = File.ReadAllText(Path.Combine(PowerShellHost.RepoRoot, "CHANGELOG.md")).Replace("\r", "");
            var start = changelog.IndexOf("\n## [", StringComparison.Ordinal) + 1;
            var end = changelog.IndexOf("\n## [", start, StringComparison.Ordinal);
            var section = changelog.Substring(start, (end < 0 ? changelog.Length : end) - start).TrimEnd();
            Assert.Equal(section, result[1].BaseObject.ToString()!.Replace("\r", ""));
        }

        [Fact]
        public void Layout_keeps_third_party_assemblies_in_dependencies()
        {
            var root = Path.GetDirectoryName(PowerShellHost.ModuleManifest)!;
            Assert.Equal(new[] { "FairnessGovernor.PowerShell.dll" }, Directory.GetFiles(root, "*.dll").Select(Path.GetFileName));
            var deps = Directory.GetFiles(Path.Combine(root, "dependencies"), "*.dll").Select(Path.GetFileName).ToArray();
            Assert.Contains("FairnessGovernor.dll", deps);
            Assert.Contains("YamlDotNet.dll", deps);
            Assert.Contains("System.Text.Json.dll", deps);
            Assert.DoesNotContain("System.Management.Automation.dll", deps);
            Assert.True(File.Exists(Path.Combine(root, "FairnessGovernor.Format.ps1xml")));
            Assert.True(File.Exists(Path.Combine(root, "en-US", "FairnessGovernor.PowerShell.dll-Help.xml")));
            Assert.True(File.Exists(Path.Combine(root, "en-US", "about_FairnessGovernor.help.txt")));
        }

        [Fact]
        public void Import_works_after_another_YamlDotNet_was_loaded_and_keeps_its_own()
        {
            var other = typeof(YamlDotNet.Core.Parser).Assembly;
            Assert.Equal(16, other.GetName().Version!.Major);
            using var ps = new PowerShellHost();
            var tasks = ps.Run("Import-FairTask -Path fixtures/tasks.yaml");
            Assert.Equal(6, tasks.Count);
            var engine = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "FairnessGovernor");
            var context = AssemblyLoadContext.GetLoadContext(engine)!;
            Assert.NotSame(AssemblyLoadContext.Default, context);
            Assert.Equal("FairnessGovernor", context.Name);
            var yamls = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "YamlDotNet").ToArray();
            Assert.Contains(yamls, a => a.GetName().Version!.Major == 18 && AssemblyLoadContext.GetLoadContext(a) == context);
            Assert.Contains(yamls, a => a.GetName().Version!.Major == 16 && AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default);
            var used = engine.GetReferencedAssemblies().Single(n => n.Name == "YamlDotNet");
            Assert.Equal(18, used.Version!.Major);
        }

        [Fact]
        public void Cmdlets_added_to_a_session_without_Import_Module_find_the_engine()
        {
            // No OnImport here: FairnessCmdlet's static constructor registers the resolver before the cmdlets' typed
            // engine fields and calls are first used, so the engine still loads from dependencies/ into its own context.
            using var dir = new Scratch();
            var script = dir.Write("no-import.ps1", @"
$asm = [System.Reflection.Assembly]::LoadFrom($args[0])
$iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
$iss.Commands.Add([System.Management.Automation.Runspaces.SessionStateCmdletEntry]::new('Get-FairnessMetrics', $asm.GetType('FairnessGovernor.PowerShell.Commands.GetFairnessMetricsCommand', $true), $null))
$rs = [runspacefactory]::CreateRunspace($iss); $rs.Open()
$ps = [powershell]::Create(); $ps.Runspace = $rs
$null = $ps.AddScript('param($agents) [pscustomobject]@{ TaskId = ""t""; AgentId = ""agent-a"" } | Get-FairnessMetrics -AgentPath $agents').AddArgument($args[1])
$m = $ps.Invoke()
$engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'FairnessGovernor' }
'agents=' + $m[0].AgentCount
'context=' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine).Name
");
            var dll = Path.Combine(PowerShellHost.RepoRoot, "output", "FairnessGovernor", "FairnessGovernor.PowerShell.dll");
            var agents = Path.Combine(PowerShellHost.RepoRoot, "fixtures", "agents.json");
            var run = RealPwsh.RunFile(script, dir.Path, TimeSpan.FromMinutes(2), dll, agents);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("agents=3", run.StdOut);
            Assert.Contains("context=FairnessGovernor", run.StdOut);
        }

        [Fact]
        public void Every_cmdlet_has_help_with_described_parameters_and_two_examples()
        {
            using var ps = new PowerShellHost();
            foreach (var name in Cmdlets)
            {
                var help = ps.Run("Get-Help -Name $args[0] -Full", name).Single();
                var synopsis = help.Properties["Synopsis"].Value?.ToString() ?? "";
                Assert.False(string.IsNullOrWhiteSpace(synopsis), name + " has no synopsis");
                Assert.DoesNotContain(name, synopsis.Split(' ')[0]);
                var examples = ps.Run("(Get-Help -Name $args[0] -Examples).examples.example", name);
                Assert.True(examples.Count >= 2, name + " has " + examples.Count + " examples");
                var parameters = ps.Run(@"
                    $cmd = Get-Command -Name $args[0]
                    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
                    $helpParams = @((Get-Help -Name $args[0] -Full).parameters.parameter | ForEach-Object { $_.name })
                    foreach ($p in $cmd.Parameters.Keys) {
                        if ($common -contains $p) { continue }
                        $h = (Get-Help -Name $args[0] -Parameter $p)
                        $text = ($h.description | ForEach-Object { $_.Text }) -join ' '
                        if (-not ($helpParams -contains $p) -or [string]::IsNullOrWhiteSpace($text)) { $p }
                    }", name);
                Assert.True(parameters.Count == 0, name + " lacks help for: " + string.Join(", ", parameters));
            }
        }

        [Fact]
        public void About_topic_is_found()
        {
            using var ps = new PowerShellHost();
            var about = ps.Run("Get-Help about_FairnessGovernor");
            Assert.Contains("THE ROTATION", string.Join("", about.Select(o => o.ToString())));
        }

        [Fact]
        public void Every_powershell_file_in_the_repository_parses()
        {
            var files = Directory.EnumerateFiles(PowerShellHost.RepoRoot, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psd1.in", StringComparison.OrdinalIgnoreCase))
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + ".git" + Path.DirectorySeparatorChar))
                .ToArray();
            Assert.Contains(files, f => f.EndsWith("build.ps1", StringComparison.Ordinal));
            Assert.Contains(files, f => f.EndsWith(".Tests.ps1", StringComparison.Ordinal));
            foreach (var f in files)
            {
                Parser.ParseFile(f, out _, out var errors);
                Assert.True(errors.Length == 0, f + ": " + string.Join("; ", errors.Select(e => e.Extent.StartLineNumber + ":" + e.Extent.StartColumnNumber + " " + e.Message)));
            }
        }
    }
}
