using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// Runs README.md's ```powershell examples in order, in one hosted runspace with the Utility and Management
    /// cmdlets, as a reader would type them at the repository root: every example uses only the fixtures, so each
    /// runs in a scratch folder holding a copy of fixtures/ (the files they write land there, not in the
    /// repository); the Import-Module line is pointed at output/FairnessGovernor. Where a bare ``` block follows
    /// an example, it is the output the README promises: it must equal what the engine prints (Out-String, whose
    /// width here is 80 columns, in the invariant culture; for the error example, pwsh's concise error view),
    /// line ends trimmed, and a "..." line stands for any lines.
    /// An example with no output block must run without errors.
    /// </summary>
    public class ReadmeExampleTests
    {
        private readonly ITestOutputHelper _output;

        public ReadmeExampleTests(ITestOutputHelper output) => _output = output;

        private sealed record Example(int Line, string Code, string? Expected);

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

        [Fact]
        public void README_powershell_examples_run_and_print_what_the_README_shows()
        {
            var examples = Examples();
            Assert.True(examples.Count >= 10, $"found only {examples.Count} examples");
            Assert.Contains(examples, e => e.Code.Contains("Import-Module ./output/FairnessGovernor/FairnessGovernor.psd1"));

            using var dir = new Scratch();
            var fixtures = Path.Combine(dir.Path, "fixtures");
            Directory.CreateDirectory(fixtures);
            foreach (var f in Directory.GetFiles(Path.Combine(PowerShellHost.RepoRoot, "fixtures"))) File.Copy(f, Path.Combine(fixtures, Path.GetFileName(f)));

            using var ps = new PowerShellHost(dir.Path, importModule: false, withUtilityCmdlets: true);
            var problems = new StringBuilder();
            foreach (var ex in examples)
            {
                var code = ex.Code.Replace("./output/FairnessGovernor/FairnessGovernor.psd1", "'" + PowerShellHost.ModuleManifest.Replace("'", "''") + "'");
                string actual;
                try
                {
                    // Dot-sourced, as typed at the prompt: variables live on for the next example.
                    // The invariant culture (as en-US) for the numbers: pwsh 7.3+ shows a fractional number in a table
                    // with the culture's decimal digits.
                    actual = string.Concat(ps.Run(
                        "[System.Threading.Thread]::CurrentThread.CurrentCulture = [cultureinfo]::InvariantCulture; . ([scriptblock]::Create($args[0])) | Out-String",
                        code).Select(o => o.BaseObject));
                    if (ps.LastErrors.Count > 0) actual += string.Concat(ps.LastErrors.Select(Concise));
                }
                catch (RuntimeException e)
                {
                    actual = Concise(e.ErrorRecord);
                    if (ex.Expected == null) problems.AppendLine($"README.md:{ex.Line}: stopped with {e.ErrorRecord.FullyQualifiedErrorId}: {actual}");
                }
                _output.WriteLine($"--- README.md:{ex.Line}\n{ex.Code}\n--- printed\n{Normalize(actual)}\n");

                if (ex.Expected == null)
                {
                    foreach (var err in ps.LastErrors) problems.AppendLine($"README.md:{ex.Line}: error {err.FullyQualifiedErrorId}: {Concise(err)}");
                }
                else if (!Matches(ex.Expected, actual))
                {
                    problems.AppendLine($"README.md:{ex.Line}: the README shows\n{Normalize(ex.Expected)}\nbut the engine printed\n{Normalize(actual)}\n");
                }
            }
            Assert.True(problems.Length == 0, problems.ToString());
        }

        [Fact]
        public void The_error_example_names_the_error_id_the_README_gives()
        {
            var text = File.ReadAllText(Path.Combine(PowerShellHost.RepoRoot, "README.md"));
            var id = Regex.Match(text, @"`\$Error\[0\]\.FullyQualifiedErrorId` is `([^`]+)`").Groups[1].Value;
            var example = Examples().Single(e => e.Code.Contains("weight = 'heavy'"));
            using var ps = new PowerShellHost(importModule: true, withUtilityCmdlets: true);
            Assert.Equal(id, ps.RunExpectingError(example.Code).FullyQualifiedErrorId);
        }

        /// <summary>pwsh 7's ConciseView of an error from a command typed at the prompt: "Command: message".</summary>
        private static string Concise(ErrorRecord e)
        {
            var message = e.ErrorDetails?.Message ?? e.Exception.Message;
            var command = e.InvocationInfo?.MyCommand?.Name;
            return string.IsNullOrEmpty(command) ? message + "\n" : command + ": " + message + "\n";
        }
    }
}
