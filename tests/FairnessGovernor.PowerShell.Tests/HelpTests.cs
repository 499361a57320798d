using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// Help (MAML) is generated from the cmdlets' metadata by tools/Update-FairnessHelp.ps1 (issue 22 item 10). These
    /// tests check Get-Help against Get-Command independently of the generator, that the committed MAML is exactly
    /// what the generator writes, and that the generator refuses undescribed parameters.
    /// </summary>
    public class HelpTests
    {
        private readonly ITestOutputHelper _output;

        public HelpTests(ITestOutputHelper output) => _output = output;

        private static string Generator => Path.Combine(PowerShellHost.RepoRoot, "tools", "Update-FairnessHelp.ps1");

        /// <summary>
        /// For every exported cmdlet, Get-Help shows one syntax item per parameter set (in Get-Command's order, with
        /// that set's parameters, mandatory flags and positions), and each parameter's Required, Position, pipeline
        /// input, Aliases and wildcard fields say what the cmdlet's metadata says.
        /// </summary>
        [Fact]
        public void Get_Help_agrees_with_the_cmdlets_metadata()
        {
            using var ps = new PowerShellHost();
            var problems = ps.Run(@"
                $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters |
                    Where-Object { $_ -notin 'WhatIf', 'Confirm' }
                function Pipe($sp) {
                    $how = @(); if ($sp.ValueFromPipeline) { $how += 'ByValue' }; if ($sp.ValueFromPipelineByPropertyName) { $how += 'ByPropertyName' }
                    if ($how) { 'true (' + ($how -join ', ') + ')' } else { 'false' }
                }
                function Pos($sp) { if ($sp.Position -ge 0) { [string]$sp.Position } else { 'named' } }
                function Wild($p) { [bool]@($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count }
                foreach ($cmd in Get-Command -Module FairnessGovernor -CommandType Cmdlet) {
                    $help = Get-Help -Name $cmd.Name -Full
                    $items = @($help.syntax.syntaxItem)
                    if ($items.Count -ne $cmd.ParameterSets.Count) { ""$($cmd.Name): $($items.Count) syntax items for $($cmd.ParameterSets.Count) parameter sets""; continue }
                    for ($i = 0; $i -lt $items.Count; $i++) {
                        $set = $cmd.ParameterSets[$i]
                        $want = @($set.Parameters | Where-Object { $_.Name -notin $common })
                        $have = @($items[$i].parameter)
                        $diff = Compare-Object @($want.Name | Sort-Object) @($have.name | Sort-Object)
                        if ($diff) { ""$($cmd.Name) set $($set.Name): syntax item $i has [$($have.name -join ',')], the set has [$($want.Name -join ',')]""; continue }
                        foreach ($sp in $want) {
                            $h = $have | Where-Object name -eq $sp.Name
                            if ($h.required -ne ""$($sp.IsMandatory)"".ToLowerInvariant()) { ""$($cmd.Name) set $($set.Name) -$($sp.Name): required $($h.required), metadata $($sp.IsMandatory)"" }
                            if ($h.position -ne (Pos $sp)) { ""$($cmd.Name) set $($set.Name) -$($sp.Name): position $($h.position), metadata $(Pos $sp)"" }
                        }
                    }
                    $described = @($help.parameters.parameter)
                    foreach ($p in $cmd.Parameters.Values | Where-Object { $_.Name -notin $common }) {
                        $h = $described | Where-Object name -eq $p.Name
                        if (-not $h) { ""$($cmd.Name) -$($p.Name): not in help""; continue }
                        $aliases = if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }
                        if ($h.aliases -ne $aliases) { ""$($cmd.Name) -$($p.Name): Aliases '$($h.aliases)', metadata '$aliases'"" }
                        if ($h.globbing -ne ""$(Wild $p)"".ToLowerInvariant()) { ""$($cmd.Name) -$($p.Name): wildcards $($h.globbing), metadata $(Wild $p)"" }
                        # Described once: its fields are those of one of its sets.
                        $fits = @($cmd.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $p.Name } | Where-Object {
                            $h.required -eq ""$($_.IsMandatory)"".ToLowerInvariant() -and $h.position -eq (Pos $_) -and $h.pipelineInput -eq (Pipe $_) })
                        if (-not $fits) { ""$($cmd.Name) -$($p.Name): required $($h.required), position $($h.position), pipeline $($h.pipelineInput) match none of its parameter sets"" }
                    }
                }").Select(o => o.ToString()).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        /// <summary>
        /// In real pwsh, Get-Help no longer mixes parameter sets: the issue's example, Import-FairTask, shows three
        /// syntax lines as Get-Command -Syntax does; the Aliases and wildcard fields are filled.
        /// </summary>
        [Fact]
        public void Get_Help_shows_one_syntax_line_per_parameter_set_with_aliases_and_wildcards()
        {
            var run = RealPwsh.RunCommand(
                "Import-Module $env:FG_MANIFEST; Get-Help Import-FairTask | Out-String -Width 400; '-----'; Get-Help Import-FairTask -Parameter LiteralPath | Out-String; '-----'; Get-Help Import-FairTask -Parameter Path | Out-String",
                PowerShellHost.RepoRoot, TimeSpan.FromMinutes(2), new System.Collections.Generic.Dictionary<string, string> { ["FG_MANIFEST"] = PowerShellHost.ModuleManifest });
            _output.WriteLine(run.ToString());
            Assert.True(run.ExitCode == 0 && run.StdErr.Length == 0, run.ToString());
            var parts = run.StdOut.Split("-----");
            var help = parts[0];
            var syntax = help.Substring(help.IndexOf("SYNTAX", StringComparison.Ordinal), help.IndexOf("DESCRIPTION", StringComparison.Ordinal) - help.IndexOf("SYNTAX", StringComparison.Ordinal));
            var lines = syntax.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Import-FairTask", StringComparison.Ordinal)).ToArray();
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("Import-FairTask [-Path] <String[]>", lines[0]);
            Assert.StartsWith("Import-FairTask -LiteralPath <String[]>", lines[1]);
            Assert.StartsWith("Import-FairTask -InputObject <Object>", lines[2]);
            Assert.DoesNotContain("-LiteralPath", lines[0]);
            Assert.Matches(@"Aliases\s+PSPath, LP", parts[1]);
            Assert.Matches(@"Accept wildcard characters\?\s+false", parts[1]);
            Assert.Matches(@"Accept wildcard characters\?\s+true", parts[2]);
        }

        /// <summary>The committed MAML is byte for byte what the generator writes from the built cmdlets and tools/help.</summary>
        [Fact]
        public void Committed_help_is_what_the_generator_writes()
        {
            var run = RealPwsh.RunFile(Generator, PowerShellHost.RepoRoot, TimeSpan.FromMinutes(3), "-Check");
            _output.WriteLine(run.ToString());
            Assert.True(run.ExitCode == 0, "Help is out of date; run: dotnet tool run pwsh -NoProfile -File ./build.ps1 -Task Help\n" + run);
        }

        /// <summary>The check can fail: a committed file that differs from the metadata (here one syntax item's position) is reported with the line.</summary>
        [Fact]
        public void Check_reports_help_that_differs_from_the_metadata()
        {
            using var dir = new Scratch();
            var committed = Path.Combine(PowerShellHost.RepoRoot, "module", "en-US", "FairnessGovernor.PowerShell.dll-Help.xml");
            var stale = Path.Combine(dir.Path, "help.xml");
            var text = File.ReadAllText(committed);
            var changed = new Regex("position=\"0\"").Replace(text, "position=\"named\"", 1);
            Assert.NotEqual(text, changed);
            File.WriteAllText(stale, changed);
            var run = RealPwsh.RunFile(Generator, PowerShellHost.RepoRoot, TimeSpan.FromMinutes(3), "-Check", "-OutFile", stale);
            _output.WriteLine(run.ToString());
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("Help is out of date", run.StdErr + run.StdOut);
            Assert.Contains("position=\"named\"", run.StdErr + run.StdOut);
        }

        /// <summary>A parameter without a description, or a description of a parameter that does not exist, stops the generator, naming each and the file to edit.</summary>
        [Fact]
        public void Generator_refuses_undescribed_and_unknown_parameters()
        {
            using var dir = new Scratch();
            var source = Path.Combine(dir.Path, "help");
            RealPwsh.CopyDirectory(Path.Combine(PowerShellHost.RepoRoot, "tools", "help"), source);
            var file = Path.Combine(source, "New-FairTask.psd1");
            var text = File.ReadAllText(file);
            var edited = Regex.Replace(text, @"(?m)^\s*Group = '.*'\r?\n", "").Replace("    Parameters  = @{", "    Parameters  = @{\n        NoSuchParameter = 'text'");
            Assert.NotEqual(text, edited);
            File.WriteAllText(file, edited);
            var output = Path.Combine(dir.Path, "help.xml");
            var run = RealPwsh.RunFile(Generator, PowerShellHost.RepoRoot, TimeSpan.FromMinutes(3), "-HelpSource", source, "-OutFile", output);
            _output.WriteLine(run.ToString());
            Assert.NotEqual(0, run.ExitCode);
            var all = run.StdErr + run.StdOut;
            Assert.Contains("New-FairTask: -Group has no description", all);
            Assert.Contains("-NoSuchParameter, which the cmdlet does not have", all);
            Assert.False(File.Exists(output));
        }

        /// <summary>about_FairnessGovernor covers state, governors and streaming, and its SEE ALSO names every exported cmdlet.</summary>
        [Fact]
        public void About_topic_covers_state_governors_streaming_and_lists_every_cmdlet()
        {
            using var ps = new PowerShellHost();
            var about = string.Join("\n", ps.Run("Get-Help about_FairnessGovernor").Select(o => o.ToString()));
            foreach (var heading in new[] { "STATE ACROSS RUNS", "GOVERNORS", "STREAMING" })
                Assert.Matches(new Regex("(?m)^\\s*" + heading + "\\s*$"), about);
            var seeAlso = about.Substring(about.IndexOf("SEE ALSO", StringComparison.Ordinal));
            var listed = seeAlso.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet();
            var cmdlets = ps.Run("(Get-Module FairnessGovernor).ExportedCmdlets.Keys").Select(o => o.ToString()).ToArray();
            Assert.NotEmpty(cmdlets);
            var missing = cmdlets.Where(c => !listed.Contains(c)).ToArray();
            Assert.True(missing.Length == 0, "SEE ALSO lacks " + string.Join(", ", missing));
        }
    }
}
