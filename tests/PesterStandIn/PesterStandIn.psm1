<#
    PesterStandIn: a small STAND-IN for Pester 5, used ONLY by the xunit suite
    (tests/FairnessGovernor.PowerShell.Tests/PesterFileTests.cs) to run tests/FairnessGovernor.Tests.ps1 in the
    hosted PowerShell engine, because neither pwsh nor Pester can be installed on the build machines.

    It is not Pester and not a general test framework: it implements only what tests/FairnessGovernor.Tests.ps1
    uses, with Pester 5's semantics:
      - BeforeAll / AfterAll at file, Describe and Context level; BeforeEach / AfterEach in Describe and Context;
      - Describe, Context, It (-Skip);
      - $TestDrive: a fresh temporary folder per top-level Describe (its Contexts share it), removed afterwards;
      - Should with -Not, -Because and the operators -Be, -BeExactly, -BeLike, -Match, -Contain, -HaveCount,
        -BeNullOrEmpty, -BeTrue, -BeFalse, -BeOfType, -BeGreaterThan, -BeLessThan, -BeGreaterOrEqual,
        -BeLessOrEqual, -Throw (-ErrorId, -ExpectedMessage, -ExceptionType, -PassThru).
    A test file that needs more must grow this module (or, better, be run under real Pester 5: ./build.ps1 -Task Test).
    Anything else (Mock, -TestCases, tags, TestDrive:, InModuleScope, ...) is deliberately absent and fails loudly.

    Like Pester 5 it works in two phases. Discovery runs the test file: Describe/Context bodies run and record their
    setup blocks and Its. The run phase then walks that tree: each block runs in a new scope, its BeforeAll dot-sourced
    into that scope, so the variables it sets are seen by the block's Its and inner blocks but not by sibling blocks;
    each It runs in a child scope of its block, with the BeforeEach/AfterEach blocks dot-sourced into it.
    The test file runs from its path, so $PSScriptRoot is the file's folder.

    Invoke-PesterStandIn -Path <file> returns one object per It: Name (Describe > Context > It), Result
    (Passed/Failed/Skipped) and Error (the ErrorRecord of a failure).
#>

Set-StrictMode -Off

# The block that Describe, Context, It and the setup functions add to, while the test file is discovered.
$script:__psiCurrent = $null

function New-PsiBlock([string] $Name, [string] $Kind, $Parent) {
    [pscustomobject]@{
        Name       = $Name
        Kind       = $Kind
        Parent     = $Parent
        BeforeAll  = [System.Collections.Generic.List[scriptblock]]::new()
        AfterAll   = [System.Collections.Generic.List[scriptblock]]::new()
        BeforeEach = [System.Collections.Generic.List[scriptblock]]::new()
        AfterEach  = [System.Collections.Generic.List[scriptblock]]::new()
        Children   = [System.Collections.Generic.List[object]]::new()
    }
}

function Assert-PsiDiscovery([string] $Command) {
    if ($null -eq $script:__psiCurrent) {
        throw "$Command is the PesterStandIn's and works only inside Invoke-PesterStandIn."
    }
}

function BeforeAll {
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock)
    Assert-PsiDiscovery 'BeforeAll'
    $script:__psiCurrent.BeforeAll.Add($Scriptblock)
}

function AfterAll {
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock)
    Assert-PsiDiscovery 'AfterAll'
    $script:__psiCurrent.AfterAll.Add($Scriptblock)
}

function BeforeEach {
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock)
    Assert-PsiDiscovery 'BeforeEach'
    $script:__psiCurrent.BeforeEach.Add($Scriptblock)
}

function AfterEach {
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock)
    Assert-PsiDiscovery 'AfterEach'
    $script:__psiCurrent.AfterEach.Add($Scriptblock)
}

function Add-PsiBlock([string] $Name, [string] $Kind, [scriptblock] $Fixture) {
    Assert-PsiDiscovery $Kind
    $block = New-PsiBlock -Name $Name -Kind $Kind -Parent $script:__psiCurrent
    $script:__psiCurrent.Children.Add($block)
    $outer = $script:__psiCurrent
    $script:__psiCurrent = $block
    try { $null = & $Fixture }
    finally { $script:__psiCurrent = $outer }
}

function Describe {
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Mandatory, Position = 1)] [scriptblock] $Fixture)
    Add-PsiBlock -Name $Name -Kind 'Describe' -Fixture $Fixture
}

function Context {
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Mandatory, Position = 1)] [scriptblock] $Fixture)
    Add-PsiBlock -Name $Name -Kind 'Context' -Fixture $Fixture
}

function It {
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [scriptblock] $Test,
        [switch] $Skip
    )
    Assert-PsiDiscovery 'It'
    if ($script:__psiCurrent.Kind -eq 'Root') { throw "It '$Name' must be inside a Describe or Context." }
    # Pester 5: an It without a body is pending, which counts as skipped.
    $script:__psiCurrent.Children.Add([pscustomobject]@{ Name = $Name; Kind = 'It'; Body = $Test; Skip = ($Skip.IsPresent -or $null -eq $Test) })
}

# The run phase. These functions live in a dynamic module made per run, the "test scope", to which the test file's
# script blocks are bound: the test code runs in that session state, as Pester 5 runs it in its caller's, and sees
# none of this module's variables (Should's parameters, say). Every name here carries the __psi prefix, as the
# variables of these functions are in the scope chain of the test code.
$script:__psiRunner = {
    function __psiPath($__psiBlock, [string] $__psiLeaf) {
        $__psiNames = [System.Collections.Generic.List[string]]::new()
        for ($__psiB = $__psiBlock; $null -ne $__psiB -and $__psiB.Kind -ne 'Root'; $__psiB = $__psiB.Parent) { $__psiNames.Insert(0, $__psiB.Name) }
        if ($__psiLeaf) { $__psiNames.Add($__psiLeaf) }
        $__psiNames -join ' > '
    }

    function __psiIts($__psiBlock) {
        foreach ($__psiC in $__psiBlock.Children) {
            if ($__psiC.Kind -eq 'It') { [pscustomobject]@{ Block = $__psiBlock; It = $__psiC } } else { __psiIts $__psiC }
        }
    }

    function __psiResult([string] $__psiName, [string] $__psiOutcome, $__psiRecord) {
        [pscustomobject]@{ Name = $__psiName; Result = $__psiOutcome; Error = $__psiRecord }
    }

    # Runs one block in a new scope (this function's), its BeforeAll dot-sourced here so its variables reach the
    # block's Its and inner blocks. A failing BeforeAll fails every It below it, as in Pester 5.
    function __psiInvokeBlock($__psiBlock, [string] $__psiFile) {
        # The test file's folder, as in the test file itself.
        $PSScriptRoot = [System.IO.Path]::GetDirectoryName($__psiFile)
        $PSCommandPath = $__psiFile
        $__psiOwnDrive = $null
        if ($__psiBlock.Kind -eq 'Describe' -and $__psiBlock.Parent.Kind -eq 'Root') {
            $__psiOwnDrive = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'psi-testdrive-' + [guid]::NewGuid().ToString('N'))
            $null = [System.IO.Directory]::CreateDirectory($__psiOwnDrive)
            $TestDrive = $__psiOwnDrive
        }
        try {
            $__psiSetupError = $null
            try {
                foreach ($__psiSetup in $__psiBlock.BeforeAll) { $null = . $__psiSetup }
            }
            catch { $__psiSetupError = $_ }

            foreach ($__psiChild in $__psiBlock.Children) {
                if ($null -ne $__psiSetupError) {
                    $__psiLeaves = if ($__psiChild.Kind -eq 'It') { [pscustomobject]@{ Block = $__psiBlock; It = $__psiChild } } else { __psiIts $__psiChild }
                    foreach ($__psiLeaf in @($__psiLeaves)) { __psiResult (__psiPath $__psiLeaf.Block $__psiLeaf.It.Name) 'Failed' $__psiSetupError }
                }
                elseif ($__psiChild.Kind -eq 'It') { __psiInvokeIt $__psiBlock $__psiChild }
                else { __psiInvokeBlock $__psiChild $__psiFile }
            }

            try {
                foreach ($__psiTeardown in $__psiBlock.AfterAll) { $null = . $__psiTeardown }
            }
            catch { __psiResult (__psiPath $__psiBlock 'AfterAll') 'Failed' $_ }
        }
        finally {
            if ($__psiOwnDrive) { [System.IO.Directory]::Delete($__psiOwnDrive, $true) }
        }
    }

    # Runs one It in a new scope, child of its block's: BeforeEach blocks (outermost first), the body and AfterEach
    # blocks (innermost first) are dot-sourced into it. Any terminating error fails the It.
    function __psiInvokeIt($__psiBlock, $__psiIt) {
        $__psiName = __psiPath $__psiBlock $__psiIt.Name
        if ($__psiIt.Skip) { return __psiResult $__psiName 'Skipped' $null }
        $__psiChain = [System.Collections.Generic.List[object]]::new()
        for ($__psiB = $__psiBlock; $null -ne $__psiB; $__psiB = $__psiB.Parent) { $__psiChain.Insert(0, $__psiB) }
        $__psiError = $null
        try {
            foreach ($__psiB in $__psiChain) { foreach ($__psiSetup in $__psiB.BeforeEach) { $null = . $__psiSetup } }
            $null = . $__psiIt.Body
        }
        catch { $__psiError = $_ }
        finally {
            for ($__psiI = $__psiChain.Count - 1; $__psiI -ge 0; $__psiI--) {
                foreach ($__psiTeardown in $__psiChain[$__psiI].AfterEach) {
                    try { $null = . $__psiTeardown }
                    catch { if ($null -eq $__psiError) { $__psiError = $_ } }
                }
            }
        }
        if ($null -eq $__psiError) { __psiResult $__psiName 'Passed' $null } else { __psiResult $__psiName 'Failed' $__psiError }
    }

    Export-ModuleMember
}

function Invoke-PesterStandIn {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path)
    $full = (Resolve-Path -LiteralPath $Path).ProviderPath
    $tokens = $null
    $parseErrors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($full, [ref] $tokens, [ref] $parseErrors)
    if ($parseErrors) { throw "Cannot parse ${full}: $($parseErrors -join '; ')" }
    $testScope = New-Module -Name 'PesterStandIn.TestScope' -ScriptBlock $script:__psiRunner
    # A script block made from the file's own AST keeps the file's path, so $PSScriptRoot and $PSCommandPath are the
    # file's in it and in every script block it holds (BeforeAll, It, ...). It is bound to the test scope.
    $fileBlock = $testScope.NewBoundScriptBlock($ast.GetScriptBlock())

    $root = New-PsiBlock -Name ([System.IO.Path]::GetFileName($full)) -Kind 'Root' -Parent $null
    $script:__psiCurrent = $root
    try { $null = & $fileBlock }
    finally { $script:__psiCurrent = $null }

    & $testScope { param($b, $f) __psiInvokeBlock $b $f } $root $full
}

function Get-PsiCollectionItems($Value) {
    # Pester's notion of a collection: anything enumerable but a string or a dictionary.
    if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [string] -and $Value -isnot [System.Collections.IDictionary]) { return $true }
    $false
}

function Test-PsiNullOrEmptyArray($Array) {
    # Pester 5's ArrayOrSingleElementIsNullOrEmpty
    $null -eq $Array -or $Array.Count -eq 0 -or ($Array.Count -eq 1 -and $null -eq $Array[0])
}

# Pester 5's ArraysAreEqual: collections compare element by element (recursing into nested collections), scalars
# with -eq (or the comparator), the actual value on the left.
function Test-PsiEqual($First, $Second, [scriptblock] $Comparator) {
    $firstNullOrEmpty = Test-PsiNullOrEmptyArray @($First)
    $secondNullOrEmpty = Test-PsiNullOrEmptyArray @($Second)
    if ($firstNullOrEmpty -or $secondNullOrEmpty) { return $firstNullOrEmpty -and $secondNullOrEmpty }
    $First = @($First)
    $Second = @($Second)
    if ($First.Count -ne $Second.Count) { return $false }
    for ($i = 0; $i -lt $First.Count; $i++) {
        if ((Get-PsiCollectionItems $First[$i]) -or (Get-PsiCollectionItems $Second[$i])) {
            if (-not (Test-PsiEqual $First[$i] $Second[$i] $Comparator)) { return $false }
        }
        elseif ($Comparator) {
            if (-not (& $Comparator $First[$i] $Second[$i])) { return $false }
        }
        elseif ($First[$i] -ne $Second[$i]) { return $false }
    }
    $true
}

function Format-PsiValue($Value) {
    if ($null -eq $Value) { return '$null' }
    if ($Value -is [string]) { return "'$Value'" }
    if (Get-PsiCollectionItems $Value) { return '@(' + ((@($Value) | ForEach-Object { Format-PsiValue $_ }) -join ', ') + ')' }
    if ($Value -is [scriptblock]) { return "{$Value}" }
    "$Value"
}

function Should {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)] $ActualValue,
        [Parameter(Position = 0)] $ExpectedValue,
        [switch] $Not,
        [switch] $Be, [switch] $BeExactly, [switch] $BeLike, [switch] $Match, [switch] $Contain, [switch] $HaveCount,
        [switch] $BeNullOrEmpty, [switch] $BeTrue, [switch] $BeFalse, [switch] $BeOfType,
        [switch] $BeGreaterThan, [switch] $BeLessThan, [switch] $BeGreaterOrEqual, [switch] $BeLessOrEqual,
        [switch] $Throw, [string] $ErrorId, [string] $ExpectedMessage, [type] $ExceptionType, [switch] $PassThru,
        [string] $Because
    )
    begin { $inputs = [System.Collections.Generic.List[object]]::new() }
    process { $inputs.Add($ActualValue) }
    end {
        # Pester 5: no input is $null, one input is itself, several are an array.
        $actual = if ($inputs.Count -eq 0) { $null } elseif ($inputs.Count -eq 1) { $inputs[0] } else { $inputs.ToArray() }
        $operators = foreach ($name in 'Be', 'BeExactly', 'BeLike', 'Match', 'Contain', 'HaveCount', 'BeNullOrEmpty', 'BeTrue', 'BeFalse', 'BeOfType',
            'BeGreaterThan', 'BeLessThan', 'BeGreaterOrEqual', 'BeLessOrEqual', 'Throw') { if ($PSBoundParameters.ContainsKey($name)) { $name } }
        if (@($operators).Count -ne 1) { throw "PesterStandIn: Should takes exactly one operator; got: $($operators -join ', ')." }
        $operator = @($operators)[0]
        $becauseText = if ($Because) { " because $Because" } else { "" }
        $notText = if ($Not) { "not " } else { "" }
        $passThruValue = $null

        switch ($operator) {
            'Be' { $ok = Test-PsiEqual $actual $ExpectedValue; $what = "${notText}to be $(Format-PsiValue $ExpectedValue)" }
            'BeExactly' { $ok = Test-PsiEqual $actual $ExpectedValue { param($a, $b) $a -ceq $b }; $what = "${notText}to be exactly $(Format-PsiValue $ExpectedValue)" }
            'BeLike' { $ok = [bool]($actual -like $ExpectedValue); $what = "${notText}to be like '$ExpectedValue'" }
            'Match' { $ok = [bool]($actual -match $ExpectedValue); $what = "${notText}to match regex '$ExpectedValue'" }
            'Contain' { $ok = [bool](@($actual) -contains $ExpectedValue); $what = "${notText}to contain $(Format-PsiValue $ExpectedValue)" }
            'HaveCount' {
                $count = if ($null -eq $actual) { 0 } else { @($actual).Count }
                $ok = $count -eq $ExpectedValue; $what = "${notText}to have count $ExpectedValue (count $count)"
            }
            'BeNullOrEmpty' {
                $ok = $null -eq $actual -or ($actual -is [string] -and $actual -eq '') -or
                    ((Get-PsiCollectionItems $actual) -and @($actual).Count -eq 0) -or
                    ($actual -is [System.Collections.IDictionary] -and $actual.Count -eq 0)
                $what = "${notText}to be null or empty"
            }
            'BeTrue' { $ok = [bool]$actual; $what = "${notText}to be true" }
            'BeFalse' { $ok = -not [bool]$actual; $what = "${notText}to be false" }
            'BeOfType' {
                # Pester 5: a type, or its name with or without brackets (-BeOfType [int] passes the text '[int]').
                $type = if ($ExpectedValue -is [type]) { $ExpectedValue } else { [type]([string]$ExpectedValue -replace '^\[(.*)\]$', '$1') }
                $ok = $actual -is $type; $what = "${notText}to be of type [$($type.FullName)]"
            }
            'BeGreaterThan' { $ok = [bool]($actual -gt $ExpectedValue); $what = "${notText}to be greater than $(Format-PsiValue $ExpectedValue)" }
            'BeLessThan' { $ok = [bool]($actual -lt $ExpectedValue); $what = "${notText}to be less than $(Format-PsiValue $ExpectedValue)" }
            'BeGreaterOrEqual' { $ok = [bool]($actual -ge $ExpectedValue); $what = "${notText}to be greater or equal to $(Format-PsiValue $ExpectedValue)" }
            'BeLessOrEqual' { $ok = [bool]($actual -le $ExpectedValue); $what = "${notText}to be less or equal to $(Format-PsiValue $ExpectedValue)" }
            'Throw' {
                if ($actual -isnot [scriptblock]) { throw 'PesterStandIn: Should -Throw takes a script block.' }
                # Pester 5: a positional value is the expected message.
                if (-not $ExpectedMessage -and $null -ne $ExpectedValue) { $ExpectedMessage = [string]$ExpectedValue }
                $record = $null
                try { $null = & $actual } catch { $record = $_ }
                $ok = $null -ne $record
                $wanted = @()
                if ($ok -and $ExceptionType) { $ok = $record.Exception -is $ExceptionType; $wanted += "exception type [$($ExceptionType.FullName)]" }
                if ($ok -and $ExpectedMessage) { $ok = $record.Exception.Message -like $ExpectedMessage; $wanted += "message like '$ExpectedMessage'" }
                if ($ok -and $ErrorId) { $ok = $record.FullyQualifiedErrorId -like "*$ErrorId*"; $wanted += "error id like '*$ErrorId*'" }
                $what = "${notText}to throw" + $(if ($wanted) { ' with ' + ($wanted -join ' and ') } else { '' })
                $passThruValue = $record
                $actual = if ($record) { "error '$($record.Exception.Message)' (id '$($record.FullyQualifiedErrorId)', exception [$($record.Exception.GetType().FullName)])" } else { 'no error' }
            }
        }

        if ([bool]$ok -eq [bool]$Not) {
            $shown = if ($operator -eq 'Throw') { $actual } else { Format-PsiValue $actual }
            throw [System.Exception]::new("Expected $what$becauseText, but got $shown.")
        }
        if ($PassThru -and $operator -eq 'Throw' -and -not $Not) { $passThruValue }
    }
}

Export-ModuleMember -Function Invoke-PesterStandIn, Describe, Context, It, BeforeAll, AfterAll, BeforeEach, AfterEach, Should
