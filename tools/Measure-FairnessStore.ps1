#Requires -Version 7.0
<#
.SYNOPSIS
    Measures stateful runs per second, and each run's latency, on a PostgreSQL store and on the file store (docs/performance.md).
.DESCRIPTION
    Starts -Writers pwsh processes. Each imports the built module, makes one warm-up run, waits for a common start time,
    then makes -Runs stateful runs of the fixtures (6 tasks, 3 agents), cycling over -Policies policy ids, and reports the
    latency of each run (Stopwatch around Invoke-FairAllocation). Runs per second = all runs / (last end - first
    writer's start), the start being the common start time or, for a writer slow to get there, when it began.
      Postgres  Invoke-FairAllocation -Store: state and evidence entry in one transaction.
      File      Invoke-FairAllocation -StatePath <policy>.json | Add-AllocationEvidence <policy>.jsonl: the same work
                with the file store's two locked files per policy.
    Run it with a server, e.g.: tools/with-postgres.sh pwsh tools/Measure-FairnessStore.ps1
.EXAMPLE
    tools/with-postgres.sh dotnet tool run pwsh -NoProfile -File tools/Measure-FairnessStore.ps1 -Runs 200
#>
[CmdletBinding()]
param(
    [string] $ConnectionString = $env:FAIRNESS_GOVERNOR_TEST_PG,
    [int[]] $Writers = @(1, 4),
    [int[]] $Policies = @(1, 4),
    [ValidateSet('Postgres', 'File')]
    [string[]] $Store = @('Postgres', 'File'),
    [int] $Runs = 100
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$module = Join-Path $root 'output' 'FairnessGovernor' 'FairnessGovernor.psd1'
if (-not (Test-Path $module)) { throw "Build the module first: ./build.ps1 -Task Build" }
if ($Store -contains 'Postgres' -and -not $ConnectionString) { throw 'No -ConnectionString (or FAIRNESS_GOVERNOR_TEST_PG): run under tools/with-postgres.sh.' }
$pwsh = Join-Path $PSHOME 'pwsh'
if (-not (Test-Path $pwsh)) { $pwsh = (Get-Process -Id $PID).Path }

$writer = @'
param($Module, $Kind, $Schema, $Folder, $Policies, $Runs, $Writer, $StartAt, $Root)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$tasks = Join-Path $Root 'fixtures' 'tasks.json'
$agents = Join-Path $Root 'fixtures' 'agents.json'
$ids = 1..$Policies | ForEach-Object { "perf-$_" }
$s = if ($Kind -eq 'Postgres') { New-FairnessStore -ConnectionString $env:FG_PERF_CONNECTION -Schema $Schema } else { $null }
function Run([string] $id) {
    if ($s) { $null = Invoke-FairAllocation -Store $s -TaskPath $tasks -AgentPath $agents -Policy @{ policy_id = $id } }
    else {
        Invoke-FairAllocation -StatePath (Join-Path $Folder "$id.json") -TaskPath $tasks -AgentPath $agents -Policy @{ policy_id = $id } |
            Add-AllocationEvidence -Path (Join-Path $Folder "$id.jsonl")
    }
}
Run $ids[$Writer % $ids.Count]   # warm-up: JIT, connection pool, schema
while ([DateTime]::UtcNow.Ticks -lt [long]$StartAt) { Start-Sleep -Milliseconds 5 }
$began = [DateTime]::UtcNow   # later than StartAt when this writer was slow to start
$lat = [System.Collections.Generic.List[double]]::new()
$sw = [System.Diagnostics.Stopwatch]::new()
for ($i = 0; $i -lt $Runs; $i++) {
    $sw.Restart()
    Run $ids[($i + $Writer) % $ids.Count]
    $lat.Add($sw.Elapsed.TotalMilliseconds)
}
# Times as ticks: ConvertFrom-Json would turn ISO strings into DateTime and a round trip through text would drop the fraction.
[pscustomobject]@{ Began = $began.Ticks; End = [DateTime]::UtcNow.Ticks; Latencies = $lat.ToArray() } | ConvertTo-Json -Compress
'@

function Percentile([double[]] $sorted, [double] $p) {
    $i = [Math]::Min($sorted.Length - 1, [Math]::Max(0, [int][Math]::Ceiling($p * $sorted.Length) - 1))
    return $sorted[$i]
}

# The writers inherit the connection string through the environment, never on a command line that ps shows.
$env:FG_PERF_CONNECTION = $ConnectionString
$results = foreach ($kind in $Store) {
    foreach ($w in $Writers) {
        foreach ($p in $Policies) {
            $schema = 'perf_' + [guid]::NewGuid().ToString('N').Substring(0, 10)
            $folder = Join-Path ([IO.Path]::GetTempPath()) ('fg-perf-' + [guid]::NewGuid().ToString('N').Substring(0, 10))
            New-Item -ItemType Directory -Path $folder | Out-Null
            $scriptFile = Join-Path $folder 'writer.ps1'
            Set-Content -LiteralPath $scriptFile -Value $writer
            $startAt = [DateTime]::UtcNow.AddSeconds(8 + 3 * $w)
            $jobs = 0..($w - 1) | ForEach-Object {
                $args = @('-NoProfile', '-NonInteractive', '-File', $scriptFile, $module, $kind, $schema, $folder, $p, $Runs, $_, $startAt.Ticks, $root)
                $out = Join-Path $folder "out-$_.txt"
                $err = Join-Path $folder "err-$_.txt"
                [pscustomobject]@{ Process = Start-Process -FilePath $pwsh -ArgumentList $args -PassThru -RedirectStandardOutput $out -RedirectStandardError $err -NoNewWindow; Out = $out; Err = $err }
            }
            $jobs | ForEach-Object { $_.Process.WaitForExit() }
            $all = [System.Collections.Generic.List[double]]::new()
            $end = $startAt
            $begin = [DateTime]::MaxValue
            foreach ($j in $jobs) {
                $text = Get-Content -Raw -LiteralPath $j.Out
                if ($j.Process.ExitCode -ne 0 -or -not $text) { throw "writer failed: $(Get-Content -Raw -LiteralPath $j.Err)" }
                $r = ($text.Trim() -split "`n")[-1] | ConvertFrom-Json
                $all.AddRange([double[]]$r.Latencies)
                $e = [DateTime]::new([long]$r.End, 'Utc')
                if ($e -gt $end) { $end = $e }
                $b = [DateTime]::new([long]$r.Began, 'Utc')
                if ($b -lt $begin) { $begin = $b }
            }
            $sorted = [double[]]($all | Sort-Object)
            [pscustomobject]@{
                Store      = $kind
                Writers    = $w
                Policies   = $p
                Runs       = $all.Count
                RunsPerSec = [Math]::Round($all.Count / ($end - $begin).TotalSeconds, 1)
                P50Ms      = [Math]::Round((Percentile $sorted 0.50), 1)
                P95Ms      = [Math]::Round((Percentile $sorted 0.95), 1)
            }
            Remove-Item -Recurse -Force -LiteralPath $folder
        }
    }
}
$results | Format-Table -AutoSize | Out-String | Write-Host
$results
