# Help text of Get-FairnessMetrics. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Computes fairness metrics from allocation decisions: one object per run.'
    Description = @(
        'Takes decisions from Invoke-FairAllocation from the pipeline and returns one AllocationMetrics object per run: TaskCountPerAgent (every agent of the run, zero included, in agent order), MaxTasks, MinTasks, SkewRatio = MaxTasks / max(1, MinTasks), FairnessLabel (balanced when the skew is at most 1.5, strong_imbalance above the policy''s max_skew_ratio, mild_imbalance between), AssignedCount, UnassignedCount, TaskCount, AgentCount, PolicyId and MaxSkewRatio.'
        'Beside the prototype''s figures it reports weight-aware ones: Entitlement and Lag per agent (the weighted max-min fair share of the assigned tasks, and the count minus it), MaxAbsLag, WeightedSkewRatio and WeightedFairnessLabel, JainIndex, WeightedJainIndex, Gini and WeightedGini; and wait times: WaitMean, WaitP50, WaitP95, WaitMax, overall and per priority (WaitMeanByPriority and so on).'
        'Metrics describe the decisions received: filter with Where-Object first to measure a subset. Decisions read back from CSV or JSON (objects with TaskId and AgentId properties) are counted too; give -AgentPath or -Agent so agents without tasks are counted, and -MaxSkewRatio for the label. The -AgentPath file is read under the same input limits as Invoke-FairAllocation (-MaxInputBytes, -MaxDepth, -MaxAliasExpansion).'
    )
    Parameters  = @{
        InputObject = 'Decisions from Invoke-FairAllocation, or objects or hashtables (ConvertFrom-Json -AsHashtable) with TaskId, AgentId and optionally Status, RunId and PolicyId properties or keys.'
        Agent = 'For decisions without their run: the run''s agents, so that agents with no task count as 0. Decisions from Invoke-FairAllocation use their own run''s agents: for them a warning says -Agent is ignored.'
        AgentPath = 'For decisions without their run: the run''s agent file (wildcards must match one file). Ignored, with a warning, for decisions from Invoke-FairAllocation.'
        MaxSkewRatio = 'For decisions without their run: the skew ratio above which the run is strong_imbalance. Default 2.0. Decisions from Invoke-FairAllocation are labelled by their run''s policy: for them a warning says -MaxSkewRatio is ignored.'
    }
    Inputs      = @(
        @{ Type = 'FairnessGovernor.Allocation.AllocationDecision'; Description = 'Decisions from Invoke-FairAllocation.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Metrics.AllocationMetrics'; Description = 'One object per run.' }
    )
    Examples    = @(
        @{
            Title   = 'Metrics of the fixture run'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json | Get-FairnessMetrics'
            Remarks = 'Counts agent-a 2, agent-b 3, agent-c 1; SkewRatio 3.0; FairnessLabel strong_imbalance.'
        }
        @{
            Title   = 'Metrics of decisions read back from CSV'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json | Export-Csv ./decisions.csv
Import-Csv ./decisions.csv | Get-FairnessMetrics -AgentPath ./fixtures/agents.json'
            Remarks = 'The CSV rows carry TaskId, AgentId, Status, RunId and PolicyId, which is all the metrics need.'
        }
        @{
            Title   = 'Only the high-priority tasks'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json | Where-Object Priority -eq ''high'' | Get-FairnessMetrics'
            Remarks = 'Measures how the high-priority tasks alone were spread.'
        }
    )
}
