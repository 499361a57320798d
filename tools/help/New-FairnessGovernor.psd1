# Help text of New-FairnessGovernor. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Creates an in-session governor that keeps fairness state across Invoke-FairAllocation calls.'
    Description = @(
        'Returns a governor object that keeps the fairness state (the strategy''s position and each agent''s cumulative count) in memory: pass it to Invoke-FairAllocation -Governor and consecutive calls decide as one sequence would, without a state file.'
    )
    Parameters  = @{
        StatePath = 'Starts from the state in this file (read once). A missing file is the empty state, with a warning, as Get-FairnessState reads it.'
    }
    Inputs      = @(
        @{ Type = 'None'; Description = '' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.State.Governor'; Description = 'The governor.' }
    )
    Examples    = @(
        @{
            Title   = 'Fair over several calls'
            Code    = '$g = New-FairnessGovernor
1..10 | ForEach-Object { Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -Governor $g } | Out-Null
Get-FairnessState -Governor $g'
            Remarks = 'The ten runs together follow the weights: 15, 30, 15.'
        }
        @{
            Title   = 'Start from a saved state'
            Code    = '$g = New-FairnessGovernor -StatePath ./governor-state.json'
            Remarks = 'Continues where the file''s runs stopped, in memory.'
        }
    )
}
