#Requires -Version 7.0
<#
.SYNOPSIS
    Generates the module's MAML help from the built cmdlets' metadata and the prose in tools/help/.
.DESCRIPTION
    Imports the built module (output/FairnessGovernor) and, for every exported cmdlet, takes from Get-Command what
    the cmdlet itself declares: one syntax item per parameter set (as Get-Command -Syntax shows them), each
    parameter's type, Mandatory, Position, pipeline input, aliases ([Alias]) and wildcard support
    ([SupportsWildcards]). The prose (synopsis, description, one description per parameter, inputs, outputs,
    examples) comes from tools/help/<Cmdlet>.psd1; tools/help/Common.psd1 describes parameters several cmdlets share.
    Writes module/en-US/FairnessGovernor.PowerShell.dll-Help.xml (deterministic bytes: UTF-8, LF).

    Fails, naming each problem, when an exported cmdlet has no tools/help file, a parameter has no description, or a
    help file describes a parameter the cmdlet does not have.

    -Check writes nothing and fails when the committed MAML differs from what it would write: the test suite runs it,
    so help can never disagree with the cmdlets' metadata.

    Usually run through the build: dotnet tool run pwsh -NoProfile -File ./build.ps1 -Task Help
.EXAMPLE
    ./tools/Update-FairnessHelp.ps1
.EXAMPLE
    ./tools/Update-FairnessHelp.ps1 -Check
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '..' 'output' 'FairnessGovernor' 'FairnessGovernor.psd1'),
    [string] $HelpSource = (Join-Path $PSScriptRoot 'help'),
    [string] $OutFile = (Join-Path $PSScriptRoot '..' 'module' 'en-US' 'FairnessGovernor.PowerShell.dll-Help.xml'),
    [switch] $Check
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

if (-not (Test-Path -LiteralPath $ModuleManifest -PathType Leaf)) {
    throw "No built module at '$ModuleManifest': build first (dotnet build FairnessGovernor.PowerShell.sln -c Release)."
}
$module = Import-Module $ModuleManifest -Force -PassThru
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters |
    Where-Object { $_ -notin 'WhatIf', 'Confirm' }
$shared = (Import-PowerShellDataFile -LiteralPath (Join-Path $HelpSource 'Common.psd1')).Parameters
$problems = [System.Collections.Generic.List[string]]::new()

function Escape([string] $text) { [System.Security.SecurityElement]::Escape($text) }

# The type a user passes: Nullable<T> shows as T, as Get-Command -Syntax shows it.
function Get-ValueType([type] $type) {
    $inner = [Nullable]::GetUnderlyingType($type)
    if ($inner) { $inner } else { $type }
}

function Get-PipelineInput($setParameter) {
    $how = @()
    if ($setParameter.ValueFromPipeline) { $how += 'ByValue' }
    if ($setParameter.ValueFromPipelineByPropertyName) { $how += 'ByPropertyName' }
    if ($how) { "true ($($how -join ', '))" } else { 'false' }
}

function Get-Position($setParameter) {
    if ($setParameter.Position -ge 0) { [string]$setParameter.Position } else { 'named' }
}

# One <command:parameter> element's attributes from the parameter's metadata in one parameter set.
function Get-ParameterAttributes($parameter, $setParameter) {
    $aliases = if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }
    $globbing = [bool]@($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count
    'required="{0}" variableLength="{1}" globbing="{2}" pipelineInput="{3}" position="{4}" aliases="{5}"' -f
        "$($setParameter.IsMandatory)".ToLowerInvariant(), "$($parameter.ParameterType.IsArray)".ToLowerInvariant(),
        "$globbing".ToLowerInvariant(), (Get-PipelineInput $setParameter), (Get-Position $setParameter), (Escape $aliases)
}

# The parameters of one set in the order Get-Command -Syntax shows them: positional by position, then the rest as declared.
function Get-SetParameters($command, $set) {
    $i = 0
    @($set.Parameters | Where-Object { $_.Name -notin $common } |
        ForEach-Object { [pscustomobject]@{ P = $_; Key = if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue }; I = $i++ } } |
        Sort-Object Key, I | ForEach-Object P)
}

$lines = [System.Collections.Generic.List[string]]::new()
$o = { param($line) $lines.Add($line) }
& $o '<?xml version="1.0" encoding="utf-8"?>'
& $o '<helpItems schema="maml" xmlns="http://msh">'
# In the manifest's CmdletsToExport order, so the file does not depend on dictionary order.
$commands = @((Import-PowerShellDataFile -LiteralPath $ModuleManifest).CmdletsToExport | ForEach-Object { Get-Command -Module $module.Name -Name $_ -CommandType Cmdlet })
foreach ($command in $commands) {
    $file = Join-Path $HelpSource "$($command.Name).psd1"
    if (-not (Test-Path -LiteralPath $file -PathType Leaf)) { $problems.Add("$($command.Name): no help file $file (copy another cmdlet's and edit it)."); continue }
    $text = Import-PowerShellDataFile -LiteralPath $file
    $own = if ($text.ContainsKey('Parameters')) { $text.Parameters } else { @{} }
    $parameters = @($command.Parameters.Values | Where-Object { $_.Name -notin $common })
    foreach ($name in $own.Keys) {
        if ($name -notin $parameters.Name) { $problems.Add("$($command.Name): $file describes -$name, which the cmdlet does not have.") }
    }
    $describe = @{}
    foreach ($p in $parameters) {
        $d = if ($own.ContainsKey($p.Name)) { $own[$p.Name] } elseif ($shared.ContainsKey($p.Name)) { $shared[$p.Name] } else { $null }
        if ([string]::IsNullOrWhiteSpace($d)) { $problems.Add("$($command.Name): -$($p.Name) has no description: add '$($p.Name) = ''...''' to Parameters in $file.") }
        $describe[$p.Name] = $d
    }
    foreach ($key in 'Synopsis', 'Description', 'Inputs', 'Outputs', 'Examples') {
        if (-not $text.ContainsKey($key) -or -not $text[$key]) { $problems.Add("$($command.Name): $file has no $key.") }
    }
    if ($problems.Count) { continue }

    & $o '  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">'
    & $o '    <command:details>'
    & $o "      <command:name>$($command.Name)</command:name>"
    & $o "      <command:verb>$($command.Verb)</command:verb>"
    & $o "      <command:noun>$($command.Noun)</command:noun>"
    & $o "      <maml:description><maml:para>$(Escape $text.Synopsis)</maml:para></maml:description>"
    & $o '    </command:details>'
    & $o '    <maml:description>'
    foreach ($para in $text.Description) { & $o "      <maml:para>$(Escape $para)</maml:para>" }
    & $o '    </maml:description>'
    & $o '    <command:syntax>'
    foreach ($set in $command.ParameterSets) {
        & $o '      <command:syntaxItem>'
        & $o "        <maml:name>$($command.Name)</maml:name>"
        foreach ($sp in Get-SetParameters $command $set) {
            $p = $command.Parameters[$sp.Name]
            & $o "        <command:parameter $(Get-ParameterAttributes $p $sp)>"
            & $o "          <maml:name>$($p.Name)</maml:name>"
            if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
                & $o "          <command:parameterValue required=`"true`">$((Get-ValueType $p.ParameterType).Name)</command:parameterValue>"
            }
            & $o '        </command:parameter>'
        }
        & $o '      </command:syntaxItem>'
    }
    & $o '    </command:syntax>'
    & $o '    <command:parameters>'
    $default = @($command.ParameterSets | Where-Object IsDefault)
    foreach ($p in $parameters) {
        # A parameter in several sets is described once, with its metadata in the default set, else its first set.
        $sets = @($command.ParameterSets | Where-Object { $_.Parameters.Name -contains $p.Name })
        $chosen = if ($default -and $sets.Name -contains $default[0].Name) { $default[0] } else { $sets[0] }
        $sp = $chosen.Parameters | Where-Object Name -eq $p.Name
        $type = Get-ValueType $p.ParameterType
        $isSwitch = $p.ParameterType -eq [System.Management.Automation.SwitchParameter]
        & $o "      <command:parameter $(Get-ParameterAttributes $p $sp)>"
        & $o "        <maml:name>$($p.Name)</maml:name>"
        & $o "        <maml:description><maml:para>$(Escape $describe[$p.Name])</maml:para></maml:description>"
        & $o "        <command:parameterValue required=`"$("$(-not $isSwitch)".ToLowerInvariant())`">$($type.Name)</command:parameterValue>"
        & $o "        <dev:type><maml:name>$($type.FullName)</maml:name></dev:type>"
        & $o '      </command:parameter>'
    }
    & $o '    </command:parameters>'
    & $o '    <command:inputTypes>'
    foreach ($t in $text.Inputs) { & $o "      <command:inputType><dev:type><maml:name>$(Escape $t.Type)</maml:name></dev:type><maml:description><maml:para>$(Escape $t.Description)</maml:para></maml:description></command:inputType>" }
    & $o '    </command:inputTypes>'
    & $o '    <command:returnValues>'
    foreach ($t in $text.Outputs) { & $o "      <command:returnValue><dev:type><maml:name>$(Escape $t.Type)</maml:name></dev:type><maml:description><maml:para>$(Escape $t.Description)</maml:para></maml:description></command:returnValue>" }
    & $o '    </command:returnValues>'
    & $o '    <command:examples>'
    $n = 0
    foreach ($e in $text.Examples) {
        $n++
        & $o '      <command:example>'
        & $o "        <maml:title>-------------------------- Example ${n}: $(Escape $e.Title) --------------------------</maml:title>"
        & $o "        <dev:code>$(Escape ($e.Code -replace "`r`n", "`n"))</dev:code>"
        & $o "        <dev:remarks><maml:para>$(Escape $e.Remarks)</maml:para></dev:remarks>"
        & $o '      </command:example>'
    }
    & $o '    </command:examples>'
    & $o '    <command:relatedLinks>'
    & $o '      <maml:navigationLink><maml:linkText>about_FairnessGovernor</maml:linkText><maml:uri></maml:uri></maml:navigationLink>'
    & $o '    </command:relatedLinks>'
    & $o '  </command:command>'
}
& $o '</helpItems>'

foreach ($f in Get-ChildItem -LiteralPath $HelpSource -Filter '*.psd1') {
    if ($f.BaseName -ne 'Common' -and $f.BaseName -notin $commands.Name) { $problems.Add("$($f.Name) describes $($f.BaseName), which the module does not export.") }
}
if ($problems.Count) { throw "Help cannot be generated:`n  " + ($problems -join "`n  ") }

$xml = ($lines -join "`n") + "`n"
$target = [System.IO.Path]::GetFullPath($OutFile)
if ($Check) {
    $current = if (Test-Path -LiteralPath $target) { [System.IO.File]::ReadAllText($target) -replace "`r`n", "`n" } else { '' }
    if ($current -ne $xml) {
        $have = $current -split "`n"; $want = $xml -split "`n"
        $i = 0
        while ($i -lt $have.Count -and $i -lt $want.Count -and $have[$i] -ceq $want[$i]) { $i++ }
        $line = $i + 1
        throw "Help is out of date: $target differs from the cmdlets' metadata and tools/help at line ${line}:`n  committed: $(if ($i -lt $have.Count) { $have[$i] })`n  generated: $(if ($i -lt $want.Count) { $want[$i] })`nRegenerate it: dotnet tool run pwsh -NoProfile -File ./build.ps1 -Task Help"
    }
    Write-Host "Help is up to date: $target"
    return
}
[System.IO.File]::WriteAllText($target, $xml, [System.Text.UTF8Encoding]::new($false))
Write-Host "Wrote $target"
