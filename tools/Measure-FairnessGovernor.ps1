<#
.SYNOPSIS
    Times the two whole-cmdlet paths of issue 8 with Measure-Command, in pwsh, on the inputs the timing harness
    generates (or any task/agent/policy files), and the Python baseline when python3 is on the path.
    With -Strategies: the whole-cmdlet check of issue 18 instead, Invoke-FairAllocation -OutFile with each strategy
    in this one session on the harness's --strategies inputs (1M tasks, 1,000 agents with weights 1-1,000), and
    smooth WRR's and lag_bounded's ratios to weighted_round_robin (target: at most 2x).
.EXAMPLE
    dotnet build FairnessGovernor.PowerShell.sln -c Release
    dotnet run -c Release --project tests/FairnessGovernor.Timing -- --runs 1 --dir ./artifacts/timing   # generates the 1M x 1k inputs
    ./tools/Measure-FairnessGovernor.ps1 -Directory ./artifacts/timing
    With -Report: the check of issue 21 instead, Invoke-FairAllocation | Export-FairnessReport against
    Invoke-FairAllocation | Get-FairnessMetrics on the same input in this one session (target: at most 1.5x), and
    the report's size (target: at most 3 MB).
.EXAMPLE
    dotnet run -c Release --project tests/FairnessGovernor.Timing -- --report --runs 1 --dir ./artifacts/timing
    dotnet tool run pwsh -NoProfile -File ./tools/Measure-FairnessGovernor.ps1 -Directory ./artifacts/timing -Report
.EXAMPLE
    dotnet run -c Release --project tests/FairnessGovernor.Timing -- --strategies --runs 1 --dir ./artifacts/timing
    dotnet tool run pwsh -NoProfile -File ./tools/Measure-FairnessGovernor.ps1 -Directory ./artifacts/timing -Strategies -Runs 5
#>
[CmdletBinding()]
param(
    [string] $Directory = (Join-Path ([IO.Path]::GetTempPath()) 'fairness-timing'),
    [int] $Runs = 3,
    [switch] $Strategies,
    [switch] $Report
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $root 'output/FairnessGovernor/FairnessGovernor.psd1') -Force
function Get-Median([double[]] $Values) { $v = @($Values | Sort-Object); $n = $v.Count; if ($n % 2) { $v[($n - 1) / 2] } else { ($v[$n / 2 - 1] + $v[$n / 2]) / 2 } }

if ($Strategies) {
    $names = 'weighted_round_robin', 'smooth_weighted_round_robin', 'lag_bounded'
    $tasks = Join-Path $Directory 'tasks.json'; $agents = Join-Path $Directory 'agents-w1000.json'
    $run = { param($name) Invoke-FairAllocation -TaskPath $tasks -AgentPath $agents -PolicyPath (Join-Path $Directory "policy-$name.json") -OutFile (Join-Path $Directory "pwsh-out-$name.json") }
    foreach ($name in $names) { & $run $name }   # warm-up (JIT), each strategy once
    # The strategies take turns within each run, so a noisy neighbour slows all three alike.
    $rows = foreach ($r in 1..$Runs) {
        $row = [ordered]@{ Run = $r }
        foreach ($name in $names) { [GC]::Collect(); $row[$name] = (Measure-Command { & $run $name }).TotalSeconds }
        [pscustomobject]$row
    }
    $rows | Format-Table -AutoSize
    $wrr = Get-Median $rows.weighted_round_robin
    foreach ($name in $names) {
        $median = Get-Median $rows.$name
        '{0}: median {1:N3} s, {2:N2}x weighted_round_robin' -f $name, $median, ($median / $wrr)
    }
    return
}
$tasks = Join-Path $Directory 'tasks.json'; $agents = Join-Path $Directory 'agents.json'; $policy = Join-Path $Directory 'policy.json'
if ($Report) {
    $html = Join-Path $Directory 'pwsh-report.html'
    $at = [datetime]::SpecifyKind([datetime]'2026-12-02', 'Utc')
    $paths = @{ TaskPath = $tasks; AgentPath = $agents; PolicyPath = $policy }
    Invoke-FairAllocation @paths | Get-FairnessMetrics | Out-Null   # warm-up (JIT), both paths once
    Invoke-FairAllocation @paths | Export-FairnessReport -Path $html -GeneratedAt $at
    # The two take turns within each run, so a noisy neighbour slows both alike.
    $rows = foreach ($r in 1..$Runs) {
        [GC]::Collect(); $metrics = (Measure-Command { Invoke-FairAllocation @paths | Get-FairnessMetrics | Out-Null }).TotalSeconds
        [GC]::Collect(); $export = (Measure-Command { Invoke-FairAllocation @paths | Export-FairnessReport -Path $html -GeneratedAt $at }).TotalSeconds
        [pscustomobject]@{ Run = $r; MetricsSeconds = $metrics; ReportSeconds = $export; Ratio = $export / $metrics }
    }
    $rows | Format-Table -AutoSize
    $m = Get-Median $rows.MetricsSeconds; $e = Get-Median $rows.ReportSeconds
    'medians: | Get-FairnessMetrics {0:N3} s; | Export-FairnessReport {1:N3} s ({2:N2}x); report {3:N0} bytes' -f $m, $e, ($e / $m), (Get-Item $html).Length
    return
}
$out = Join-Path $Directory 'pwsh-out.json'; $pyOut = Join-Path $Directory 'pwsh-python-out.json'
$baseline = Join-Path $root 'tests/FairnessGovernor.Timing/baseline/prototype_allocate.py'

# Warm-up (JIT), as in a session that has used the module: both timed paths once.
Invoke-FairAllocation -TaskPath $tasks -AgentPath $agents -PolicyPath $policy -OutFile $out
Invoke-FairAllocation -TaskPath $tasks -AgentPath $agents -PolicyPath $policy | Get-FairnessMetrics | Out-Null

$rows = foreach ($r in 1..$Runs) {
    $py = if (Get-Command python3 -ErrorAction SilentlyContinue) { (Measure-Command { python3 $baseline $tasks $agents $policy $pyOut | Out-Null }).TotalSeconds } else { [double]::NaN }
    $file = (Measure-Command { Invoke-FairAllocation -TaskPath $tasks -AgentPath $agents -PolicyPath $policy -OutFile $out }).TotalSeconds
    $pipe = (Measure-Command { Invoke-FairAllocation -TaskPath $tasks -AgentPath $agents -PolicyPath $policy | Get-FairnessMetrics | Out-Null }).TotalSeconds
    [pscustomobject]@{ Run = $r; PythonSeconds = $py; OutFileSeconds = $file; PipelineSeconds = $pipe
        OutFileSpeedup = $py / $file; PipelineSpeedup = $py / $pipe }
}
$rows | Format-Table -AutoSize
$pyMedian = Get-Median $rows.PythonSeconds; $fileMedian = Get-Median $rows.OutFileSeconds; $pipeMedian = Get-Median $rows.PipelineSeconds
'medians: Python {0:N3} s; -OutFile {1:N3} s ({2:N1}x faster); | Get-FairnessMetrics {3:N3} s ({4:N1}x faster)' -f $pyMedian, $fileMedian, ($pyMedian / $fileMedian), $pipeMedian, ($pyMedian / $pipeMedian)
if (Test-Path $pyOut) { "documents identical: " + ((Get-FileHash $out).Hash -eq (Get-FileHash $pyOut).Hash) }
