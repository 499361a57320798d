#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests and packages the FairnessGovernor module.
.DESCRIPTION
    Build    dotnet build of the solution; the importable module lands in output/FairnessGovernor.
    Test     dotnet test (the engine suite, and the PowerShell suite, which also runs tests/*.Tests.ps1 with
             Pester 5.9.1 in pwsh 7.6.9), then the Pester task.
    Pester   the Pester 5 tests in tests/*.Tests.ps1 in this pwsh, on the built module: with the newest
             installed Pester 5, else the Pester 5 that dotnet restore put in the NuGet cache.
    Package  a zip of output/FairnessGovernor in artifacts/, and FairnessGovernor.<version>.nupkg, which
             Install-PSResource installs from a folder repository (Register-PSResourceRepository -Uri artifacts).
    Help     builds, then regenerates module/en-US/FairnessGovernor.PowerShell.dll-Help.xml from the cmdlets'
             metadata and the prose in tools/help/ (tools/Update-FairnessHelp.ps1), and copies it into the module.
    Example  imports the built module and runs the fixture example.
    With no -Task, builds and runs the fixture example.
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'Example', 'Help')]
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
    Invoke-PesterTask
}

function Invoke-PesterTask {
    $pester = Find-Pester
    if (-not $pester) {
        Write-Warning 'Pester 5 is neither installed nor in the NuGet cache: skipping tests/*.Tests.ps1 (Install-Module Pester -MinimumVersion 5.0, or dotnet test to restore it).'
        return
    }
    if (-not (Test-Path -LiteralPath $manifest)) { Invoke-BuildTask }
    Import-Module $pester -Force
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    # Pester runs the test files in this scope: they are written for pwsh's defaults, as a user's session has them,
    # not for this script's strict mode and ErrorActionPreference Stop.
    Set-StrictMode -Off
    $ErrorActionPreference = 'Continue'
    $result = Invoke-Pester -Configuration $config
    if ($result.Result -ne 'Passed') {
        throw "Pester: $($result.FailedCount) test(s), $($result.FailedBlocksCount) block(s) and $($result.FailedContainersCount) file(s) failed."
    }
}

# The newest installed Pester 5 or later; else the newest in the NuGet cache ($env:NUGET_PACKAGES, or ~/.nuget/packages),
# where restoring tests/FairnessGovernor.PowerShell.Tests puts Pester 5.9.1 (PackageDownload). A manifest path, or $null.
function Find-Pester {
    $installed = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0.0' } |
        Sort-Object Version -Descending | Select-Object -First 1
    if ($installed) { return $installed.Path }
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget' 'packages' }
    $cache = Join-Path $packages 'pester'
    if (-not (Test-Path -LiteralPath $cache -PathType Container)) { return $null }
    $cached = Get-ChildItem -LiteralPath $cache -Directory |
        Where-Object { $_.Name -as [version] -and [version]$_.Name -ge [version]'5.0.0' } |
        Sort-Object { [version]$_.Name } -Descending |
        ForEach-Object { Join-Path $_.FullName 'tools' 'Pester.psd1' } |
        Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } |
        Select-Object -First 1
    return $cached
}

function Invoke-PackageTask {
    if (-not (Test-Path -LiteralPath $manifest)) { Invoke-BuildTask }
    $version = (Import-PowerShellDataFile -LiteralPath $manifest).ModuleVersion
    $artifacts = Join-Path $root 'artifacts'
    New-Item -ItemType Directory -Force -Path $artifacts | Out-Null
    $zip = Join-Path $artifacts "FairnessGovernor.$version.zip"
    Compress-Archive -Path $moduleDir -DestinationPath $zip -Force
    Write-Host "Packaged $zip"
    $nupkg = New-ModuleNupkg -Destination $artifacts
    Write-Host "Packaged $nupkg (Register-PSResourceRepository -Name local -Uri $artifacts -Trusted; Install-PSResource FairnessGovernor -Repository local)"
}

# The module as a NuGet package that PSResourceGet installs by name from a folder repository. Publish-PSResource
# (PSResourceGet, bundled with pwsh 7.4 and later) validates the manifest and writes the .nupkg (with the manifest's
# ReleaseNotes, tags and any ProjectUri, LicenseUri and Prerelease) into a repository; the build publishes to a
# temporary folder repository registered under a unique name for the duration, so the user's repositories are left
# as they were and nothing is sent to a gallery (no dependencies to check: the module requires no other module).
function New-ModuleNupkg([string] $Destination) {
    if (-not (Get-Command Publish-PSResource -ErrorAction SilentlyContinue)) {
        throw 'The Package task needs PSResourceGet (bundled with pwsh 7.4 and later; else Install-Module Microsoft.PowerShell.PSResourceGet) to write the .nupkg.'
    }
    $data = (Import-PowerShellDataFile -LiteralPath $manifest).PrivateData.PSData
    foreach ($key in 'ProjectUri', 'LicenseUri') {
        if (-not $data.ContainsKey($key)) { Write-Warning "The manifest has no $key (FairnessGovernor$key in Directory.Build.props): the package links to no project page or licence." }
    }
    # PSResourceGet keeps its repositories under the local application data folder, and the NuGet client it uses its
    # settings under the application data folder; where either does not exist yet (a fresh home), they would use a
    # relative path, in the current folder.
    foreach ($folder in 'LocalApplicationData', 'ApplicationData') {
        $path = [Environment]::GetFolderPath([Environment+SpecialFolder]$folder, [Environment+SpecialFolderOption]::DoNotVerify)
        if ($path) { New-Item -ItemType Directory -Force -Path $path | Out-Null }
    }
    $name = 'FairnessGovernorBuild-' + [guid]::NewGuid().ToString('N')
    $folder = Join-Path ([System.IO.Path]::GetTempPath()) $name
    New-Item -ItemType Directory -Path $folder | Out-Null
    try {
        Register-PSResourceRepository -Name $name -Uri $folder -Trusted
        try { Publish-PSResource -Path $moduleDir -Repository $name -SkipDependenciesCheck }
        finally { Unregister-PSResourceRepository -Name $name }
        $built = @(Get-ChildItem -LiteralPath $folder -Filter '*.nupkg')
        if ($built.Count -ne 1) { throw "Publish-PSResource wrote $($built.Count) packages to $folder; expected one." }
        $target = Join-Path $Destination $built[0].Name
        Move-Item -LiteralPath $built[0].FullName -Destination $target -Force
        return $target
    }
    finally { Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue }
}

# Help is generated from the built cmdlets, so it always builds first; the generator imports the module it built.
function Invoke-HelpTask {
    Invoke-BuildTask
    & (Join-Path $root 'tools' 'Update-FairnessHelp.ps1') -ModuleManifest $manifest
    $maml = Join-Path $root 'module' 'en-US' 'FairnessGovernor.PowerShell.dll-Help.xml'
    Copy-Item -LiteralPath $maml -Destination (Join-Path $moduleDir 'en-US') -Force
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
        'Pester' { Invoke-PesterTask }
        'Package' { Invoke-PackageTask }
        'Example' { Invoke-ExampleTask }
        'Help' { Invoke-HelpTask }
    }
}
