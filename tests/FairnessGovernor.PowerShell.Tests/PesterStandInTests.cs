using System.IO;
using System.Linq;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// Checks tests/PesterStandIn against Pester 5's semantics, so that tests/FairnessGovernor.Tests.ps1 passing
    /// under it means something: each It below is named after the outcome Pester 5 gives it.
    /// </summary>
    public class PesterStandInTests
    {
        private static string StandIn => Path.Combine(PowerShellHost.RepoRoot, "tests", "PesterStandIn", "PesterStandIn.psm1");

        private const string File = @"
BeforeAll {
    $script:here = $PSScriptRoot
    $script:order = [System.Collections.Generic.List[string]]::new()
}

Describe 'Should' {
    It 'pass: -Be is case-insensitive and converts to the actual value''s type' { 'ABC' | Should -Be 'abc'; 3 | Should -Be '3'; [System.DateTimeKind]::Utc | Should -Be 'utc' }
    It 'fail: -Be' { 1 | Should -Be 2 }
    It 'pass: -Be compares collections element-wise' { @(1, 'a') | Should -Be @(1, 'A'); $null | Should -Be $null; @() | Should -Be $null }
    It 'fail: -Be on collections in another order' { @(1, 2) | Should -Be @(2, 1) }
    It 'fail: -Be on collections of another length' { @(1, 2) | Should -Be 1 }
    It 'pass: -Not -Be' { 1 | Should -Not -Be 2 }
    It 'pass: -BeExactly' { 'abc' | Should -BeExactly 'abc' }
    It 'fail: -BeExactly is case-sensitive' { 'ABC' | Should -BeExactly 'abc' }
    It 'pass: -BeLike and -Match' { 'Hello world' | Should -BeLike 'hello*'; 'Hello world' | Should -Match '^h\w+ W' }
    It 'fail: -Match' { 'Hello' | Should -Match '^x' }
    It 'fail: -Not -Match' { 'Hello' | Should -Not -Match 'ell' }
    It 'pass: -Contain' { @('a', 'b') | Should -Contain 'B'; 'a' | Should -Contain 'a'; @(1, 2) | Should -Not -Contain 3 }
    It 'fail: -Contain' { @('a', 'b') | Should -Contain 'c' }
    It 'pass: -HaveCount' { @(1, 2, 3) | Should -HaveCount 3; $null | Should -HaveCount 0 }
    It 'fail: -HaveCount' { @(1, 2) | Should -HaveCount 3 }
    It 'pass: -BeNullOrEmpty' { $null | Should -BeNullOrEmpty; '' | Should -BeNullOrEmpty; @() | Should -BeNullOrEmpty; & { } | Should -BeNullOrEmpty; 'x' | Should -Not -BeNullOrEmpty }
    It 'fail: -BeNullOrEmpty' { 0, 1 | Should -BeNullOrEmpty }
    It 'pass: -BeTrue -BeFalse' { 1 | Should -BeTrue; $false | Should -BeFalse; '' | Should -BeFalse }
    It 'fail: -BeTrue' { $false | Should -BeTrue }
    It 'pass: comparisons' { 2 | Should -BeGreaterThan 1; 1 | Should -BeLessThan 2; 2 | Should -BeGreaterOrEqual 2; 2 | Should -BeLessOrEqual 2 }
    It 'fail: -BeLessThan' { 2 | Should -BeLessThan 1 -Because 'it says so' }
    It 'pass: -BeOfType' { 1 | Should -BeOfType [int]; 'x' | Should -BeOfType 'System.String' }
    It 'fail: -BeOfType' { 1 | Should -BeOfType [string] }
}

Describe 'Should -Throw' {
    It 'pass: any terminating error' { { throw 'boom' } | Should -Throw }
    It 'fail: no error' { { 1 } | Should -Throw }
    It 'fail: a non-terminating error is no throw' { { Write-Error 'soft' -ErrorAction SilentlyContinue } | Should -Throw }
    It 'pass: -ErrorId matches FullyQualifiedErrorId like *id*' {
        { Write-Error 'x' -ErrorId 'Some.Id' -ErrorAction Stop } | Should -Throw -ErrorId 'Some.Id'
        { Get-Command -Name 'no-such-command-anywhere' -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException*'
    }
    It 'fail: -ErrorId' { { Write-Error 'x' -ErrorId 'Some.Id' -ErrorAction Stop } | Should -Throw -ErrorId 'Other' }
    It 'pass: -ExpectedMessage is a wildcard, as is a positional message' { { throw 'the [1] boom' } | Should -Throw -ExpectedMessage 'the ?1? b*'; { throw 'boom' } | Should -Throw 'b*m' }
    It 'fail: -ExpectedMessage' { { throw 'boom' } | Should -Throw -ExpectedMessage 'bang' }
    It 'pass: -PassThru gives the ErrorRecord' {
        $e = { Write-Error 'x' -ErrorId 'Some.Id' -Category InvalidData -ErrorAction Stop } | Should -Throw -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidData'
        $e | Should -BeOfType [System.Management.Automation.ErrorRecord]
    }
    It 'pass: -Not -Throw' { { 1 } | Should -Not -Throw }
    It 'pass: the script block sees the test''s variables and none of Should''s' {
        $mine = 'set'
        { if ($mine -ne 'set') { throw 'lost' }; if ($null -ne $ExpectedValue -or $null -ne $ActualValue -or $null -ne $inputs) { throw 'leak' } } | Should -Not -Throw
    }
}

Describe 'Blocks' {
    BeforeAll { $blockVar = 'blocks'; $script:order.Add('BeforeAll') }
    BeforeEach { $eachVar = 'each'; $script:order.Add('BeforeEach') }
    AfterEach { $script:order.Add('AfterEach') }
    AfterAll { $script:order.Add('AfterAll') }
    It 'pass: $PSScriptRoot in the file is the file''s folder' { $here | Should -Be '__HERE__' }
    It 'pass: BeforeAll and BeforeEach variables reach the It' { $blockVar | Should -Be 'blocks'; $eachVar | Should -Be 'each'; $script:order.Add('It') }
    It 'pass: a variable set in one It does not reach the next' { $itVar = 1; $itVar | Should -Be 1 }
    It 'pass: ... as here' { $itVar | Should -BeNullOrEmpty }
    It 'pass: $TestDrive is an existing folder' { Test-Path -LiteralPath $TestDrive -PathType Container | Should -BeTrue; $script:drive1 = $TestDrive; Set-Content -LiteralPath (Join-Path $TestDrive 'f.txt') -Value 1 }
    It 'skip: -Skip' -Skip { throw 'ran' }
    It 'skip: -Skip:$true' -Skip:$true { throw 'ran' }
    It 'pass: -Skip:$false runs' -Skip:$false { 1 | Should -Be 1 }
    It 'fail: an error thrown in the body' { throw 'body' }
    Context 'inner' {
        BeforeAll { $innerVar = 'inner' }
        BeforeEach { $script:order.Add('InnerBeforeEach') }
        It 'pass: outer and inner setup reach the It, and the Context shares the Describe''s TestDrive' {
            $blockVar | Should -Be 'blocks'; $innerVar | Should -Be 'inner'; $TestDrive | Should -Be $script:drive1
        }
    }
}

Describe 'Isolation' {
    It 'pass: another Describe sees neither the block''s variables nor its TestDrive' {
        $blockVar | Should -BeNullOrEmpty
        $innerVar | Should -BeNullOrEmpty
        $TestDrive | Should -Not -Be $script:drive1
        Test-Path -LiteralPath $script:drive1 | Should -BeFalse
        Get-ChildItem -LiteralPath $TestDrive | Should -BeNullOrEmpty
    }
    It 'pass: setup and teardown ran in order' {
        ($script:order | Select-Object -First 8) -join ',' | Should -Be 'BeforeAll,BeforeEach,AfterEach,BeforeEach,It,AfterEach,BeforeEach,AfterEach'
        $script:order[-1] | Should -Be 'AfterAll'
        $script:order | Should -Contain 'InnerBeforeEach'
    }
}

Describe 'A failing BeforeAll' {
    BeforeAll { throw 'setup' }
    It 'fail: its It' { 1 | Should -Be 1 }
    Context 'c' { It 'fail: and the Its of its Contexts' { 1 | Should -Be 1 } }
}
";

        [Fact]
        public void Gives_every_It_the_outcome_Pester_5_gives_it()
        {
            using var dir = new Scratch();
            var path = dir.Write("StandIn.Tests.ps1", File.Replace("__HERE__", dir.Path));
            using var ps = new PowerShellHost(importModule: false, withUtilityCmdlets: true);
            var results = ps.Run("Import-Module -Name $args[0] -Force; Invoke-PesterStandIn -Path $args[1]", StandIn, path)
                .Select(r => (Name: (string)r.Properties["Name"].Value, Result: (string)r.Properties["Result"].Value, Error: r.Properties["Error"].Value?.ToString()))
                .ToList();

            var expected = File.Split('\n').Count(l => l.TrimStart().StartsWith("It '") || l.Contains("{ It '"));
            Assert.Equal(expected, results.Count);
            var wrong = results.Where(r =>
            {
                var leaf = r.Name.Substring(r.Name.LastIndexOf(" > ", System.StringComparison.Ordinal) + 3);
                return r.Result != (leaf.StartsWith("pass:") ? "Passed" : leaf.StartsWith("fail:") ? "Failed" : "Skipped");
            }).Select(r => $"{r.Name}: {r.Result}; {r.Error}").ToList();
            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
            Assert.Contains(results, r => r.Name == "Should > fail: -BeLessThan" && r.Error!.Contains("because it says so"));
        }

        [Fact]
        public void Outside_a_run_the_keywords_refuse()
        {
            using var ps = new PowerShellHost(importModule: false, withUtilityCmdlets: true);
            var err = ps.RunExpectingError("Import-Module -Name $args[0] -Force; Describe 'x' { }", StandIn);
            Assert.Contains("only inside Invoke-PesterStandIn", err.ToString());
        }
    }
}
