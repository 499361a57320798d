using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// Runs README.md's ```powershell examples in order in one real pwsh 7.6.9 (the local dotnet tool), as a reader
    /// would type them at the repository root: every example uses only the fixtures and the built module, so they run
    /// in a scratch folder holding copies of fixtures/ and output/FairnessGovernor (the files they write land there,
    /// not in the repository), each example as typed at the prompt (dot-sourced: its variables live on). Where a bare
    /// ``` block follows an example, it is the output the README promises: it must equal what pwsh prints, with the
    /// settings README states: an 80-column window (Out-String -Width 80; errors and other lines are not cut, as a
    /// terminal wraps them) in the invariant culture, pwsh's default (concise) error view; line ends trimmed, and a
    /// "..." line stands for any lines. An example with no output block must run without errors.
    /// </summary>
    public class ReadmeExampleTests : IClassFixture<ReadmeExampleTests.ReadmeRun>
    {
        private readonly ITestOutputHelper _output;
        private readonly ReadmeRun _run;

        public ReadmeExampleTests(ITestOutputHelper output, ReadmeRun run)
        {
            _output = output;
            _run = run;
        }

        public sealed record Example(int Line, string Code, string? Expected);

        private static List<Example> Examples()
        {
            var text = File.ReadAllText(Path.Combine(PowerShellHost.RepoRoot, "README.md")).Replace("\r\n", "\n");
            var fences = Regex.Matches(text, @"^```(\w*)\n(.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline).Cast<Match>().ToList();
            var examples = new List<Example>();
            for (var i = 0; i < fences.Count; i++)
            {
                if (fences[i].Groups[1].Value != "powershell") continue;
                string? expected = null;
                if (i + 1 < fences.Count && fences[i + 1].Groups[1].Value.Length == 0)
                {
                    var end = fences[i].Index + fences[i].Length;
                    if (string.IsNullOrWhiteSpace(text.Substring(end, fences[i + 1].Index - end))) expected = fences[i + 1].Groups[2].Value;
                }
                var line = text.Take(fences[i].Index).Count(c => c == '\n') + 1;
                examples.Add(new Example(line, fences[i].Groups[2].Value, expected));
            }
            return examples;
        }

        private static string Normalize(string s) =>
            string.Join("\n", s.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd())).Trim('\n');

        private static bool Matches(string expected, string actual)
        {
            var pattern = "^" + string.Join("\n", Normalize(expected).Split('\n')
                .Select(l => l.Trim() == "..." ? @"(?:[^\n]*\n)*?[^\n]*" : Regex.Escape(l))) + "$";
            return Regex.IsMatch(Normalize(actual), pattern);
        }

        /// <summary>One pwsh run of every example, shared by the tests of this class.</summary>
        public sealed class ReadmeRun : IDisposable
        {
            // Each example dot-sourced from its own script block, as typed at the prompt (an error on its first line shows
            // as "Command: message", one on a later line with the line, as the console shows them). Success output,
            // errors and warnings in the order they come; runs of objects formatted together with Out-String -Width 80
            // (an 80-column window); error and warning lines whole, as the host writes them.
            private const string Driver = @"
param([string] $ExamplesPath, [string] $ResultsPath)
[System.Globalization.CultureInfo]::CurrentCulture = [System.Globalization.CultureInfo]::InvariantCulture
[System.Globalization.CultureInfo]::CurrentUICulture = [System.Globalization.CultureInfo]::InvariantCulture
$__examples = @(Get-Content -Raw -LiteralPath $ExamplesPath | ConvertFrom-Json)
$__results = foreach ($__example in $__examples) {
    $Error.Clear()
    $__items = [System.Collections.Generic.List[object]]::new()
    try {
        . ([scriptblock]::Create($__example.Code)) 2>&1 3>&1 | ForEach-Object { $__items.Add($_) }
    }
    catch {
        $__items.Add($_)
    }
    $__printed = [System.Text.StringBuilder]::new()
    $__run = [System.Collections.Generic.List[object]]::new()
    foreach ($__item in @($__items) + @([System.DBNull]::Value)) {
        if ($__item -is [System.Management.Automation.ErrorRecord] -or $__item -is [System.Management.Automation.WarningRecord] -or $__item -is [System.DBNull]) {
            if ($__run.Count -gt 0) { $null = $__printed.Append(($__run | Out-String -Width 80)); $__run.Clear() }
            if ($__item -is [System.Management.Automation.ErrorRecord]) { $null = $__printed.Append(($__item | Out-String -Width 10000)) }
            elseif ($__item -is [System.Management.Automation.WarningRecord]) { $null = $__printed.AppendLine('WARNING: ' + $__item.Message) }
        }
        else { $__run.Add($__item) }
    }
    [ordered]@{
        Line     = $__example.Line
        Printed  = $__printed.ToString()
        Errors   = @($Error | ForEach-Object { ""$($_.FullyQualifiedErrorId): $_"" })
        ErrorIds = @($Error | ForEach-Object FullyQualifiedErrorId)
        Culture  = (Get-Culture).Name
    }
}
ConvertTo-Json -InputObject @($__results) -Depth 4 | Set-Content -LiteralPath $ResultsPath -Encoding utf8
";

            public ReadmeRun()
            {
                Examples = ReadmeExampleTests.Examples();
                using var dir = new Scratch();
                var work = Path.Combine(dir.Path, "repo");
                RealPwsh.CopyDirectory(Path.Combine(PowerShellHost.RepoRoot, "fixtures"), Path.Combine(work, "fixtures"));
                RealPwsh.CopyDirectory(Path.Combine(PowerShellHost.RepoRoot, "output", "FairnessGovernor"), Path.Combine(work, "output", "FairnessGovernor"));
                var examplesPath = dir.Write("examples.json", JsonSerializer.Serialize(Examples.Select(e => new { e.Line, e.Code })));
                var resultsPath = dir.File("results.json");
                Run = RealPwsh.RunFile(dir.Write("run-readme.ps1", Driver), work, TimeSpan.FromMinutes(5), examplesPath, resultsPath);
                if (Run.ExitCode != 0 || !File.Exists(resultsPath)) throw new InvalidOperationException("The README run did not complete:\n" + Run);
                using var doc = JsonDocument.Parse(File.ReadAllText(resultsPath));
                Results = doc.RootElement.EnumerateArray().Select(r => new ExampleResult(
                    r.GetProperty("Line").GetInt32(),
                    r.GetProperty("Printed").GetString() ?? "",
                    r.GetProperty("Errors").EnumerateArray().Select(e => e.GetString() ?? "").ToList(),
                    r.GetProperty("ErrorIds").EnumerateArray().Select(e => e.GetString() ?? "").ToList(),
                    r.GetProperty("Culture").GetString() ?? "?")).ToList();
            }

            public List<Example> Examples { get; }

            public RealPwsh.Result Run { get; }

            public List<ExampleResult> Results { get; }

            public void Dispose() { }
        }

        public sealed record ExampleResult(int Line, string Printed, List<string> Errors, List<string> ErrorIds, string Culture);

        [Fact]
        public void README_powershell_examples_run_and_print_what_the_README_shows()
        {
            var examples = _run.Examples;
            Assert.True(examples.Count >= 10, $"found only {examples.Count} examples");
            Assert.Contains(examples, e => e.Code.Contains("Import-Module ./output/FairnessGovernor/FairnessGovernor.psd1"));
            Assert.Equal(examples.Select(e => e.Line), _run.Results.Select(r => r.Line));

            var problems = new StringBuilder();
            foreach (var (ex, res) in examples.Zip(_run.Results))
            {
                _output.WriteLine($"--- README.md:{ex.Line}\n{ex.Code}\n--- printed\n{Normalize(res.Printed)}\n");
                Assert.Equal("", res.Culture);
                if (ex.Expected == null)
                {
                    foreach (var err in res.Errors) problems.AppendLine($"README.md:{ex.Line}: error {err}");
                }
                else if (!Matches(ex.Expected, res.Printed))
                {
                    problems.AppendLine($"README.md:{ex.Line}: the README shows\n{Normalize(ex.Expected)}\nbut pwsh printed\n{Normalize(res.Printed)}\n");
                }
            }
            Assert.True(problems.Length == 0, problems.ToString());
        }

        [Fact]
        public void The_error_example_names_the_error_id_the_README_gives()
        {
            var text = File.ReadAllText(Path.Combine(PowerShellHost.RepoRoot, "README.md"));
            var id = Regex.Match(text, @"`\$Error\[0\]\.FullyQualifiedErrorId` is `([^`]+)`").Groups[1].Value;
            Assert.NotEqual("", id);
            var index = _run.Examples.FindIndex(e => e.Code.Contains("weight = 'heavy'"));
            Assert.True(index >= 0, "README has no error example (weight = 'heavy')");
            Assert.Equal(id, _run.Results[index].ErrorIds.FirstOrDefault());
        }
    }
}
