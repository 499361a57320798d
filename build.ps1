#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests and packages the FairnessGovernor module.
.DESCRIPTION
    Build    dotnet build of the solution; the importable module lands in output/FairnessGovernor.
    Test     dotnet test (engine and hosted-PowerShell xunit suites), then the Pester 5 tests in
             tests/*.Tests.ps1 when Pester 5 is installed.
    Package  a zip of output/FairnessGovernor in artifacts/.
    Example  imports the built module and runs the fixture example.
    With no -Task, builds and runs the fixture example.
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Example')]
    [string[]] $Task = @('Build', 'Example'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$solution = Join-Path $root 'FairnessGovernor.PowerShell.sln'
$moduleDir = Join-Path $root 'output' 'FairnessGovernor'
$manifest = Join-Path $moduleDir 'FairnessGovernor.psd1'

function Invoke-BuildTask {
    dotnet build $solution -c $Configuration
    if ($LASTEXITCODE -ne 0) { throw "dotnet build failed with exit code $LASTEXITCODE." }
    Write-Host "Module laid out at $moduleDir"
}

function Invoke-TestTask {
    dotnet test $solution -c $Configuration
    if ($LASTEXITCODE -ne 0) { throw "dotnet test failed with exit code $LASTEXITCODE." }

    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed: skipping tests/*.Tests.ps1 (Install-Module Pester -MinimumVersion 5.0).'
        return
    }
    Import-Module $pester -Force
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $config
    if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
}

function Invoke-PackageTask {
    if (-not (Test-Path -LiteralPath $manifest)) { Invoke-BuildTask }
    $version = (Import-PowerShellDataFile -LiteralPath $manifest).ModuleVersion
    $artifacts = Join-Path $root 'artifacts'
    New-Item -ItemType Directory -Force -Path $artifacts | Out-Null
    $zip = Join-Path $artifacts "FairnessGovernor.$version.zip"
    Compress-Archive -Path $moduleDir -DestinationPath $zip -Force
    Write-Host "Packaged $zip"
}

function Invoke-ExampleTask {
    if (-not (Test-Path -LiteralPath $manifest)) { Invoke-BuildTask }
    Import-Module $manifest -Force
    $fixtures = Join-Path $root 'fixtures'
    $decisions = Invoke-FairAllocation -TaskPath (Join-Path $fixtures 'tasks.json') -AgentPath (Join-Path $fixtures 'agents.json') -PolicyPath (Join-Path $fixtures 'policy.json')
    $decisions | Format-Table | Out-Host
    $decisions | Get-FairnessMetrics | Format-List | Out-Host
}

foreach ($t in $Task) {
    switch ($t) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Package' { Invoke-PackageTask }
        'Example' { Invoke-ExampleTask }
    }
}
