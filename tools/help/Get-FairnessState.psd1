# Help text of Get-FairnessState. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Shows a governor state: totals and, per agent, the cumulative count, weight, entitlement and lag.'
    Description = @(
        'Reads a state file written by Invoke-FairAllocation -StatePath (a missing file is an empty state, with a warning) or a governor''s state, and returns an object with Path, AsOf (the time of the last run, UTC), Strategy, Runs, TotalTasks, AssignedTasks and Agents: one row per agent with AgentId, Weight, Count (cumulative, never decayed), DecayedCount, Entitlement (its weighted share of the tasks assigned in the runs it took part in, without limits, decayed as the count is under usage_half_life) and Lag (DecayedCount minus Entitlement: below 0 a deficit that fair_share pays back). Version 1 state files of 0.1.0 are read. A corrupt or foreign file is the error InvalidStateFile.'
    )
    Parameters  = @{
        Store = 'A PostgreSQL store from New-FairnessStore (SPEC 10). Not with -Path or -Governor.'
        PolicyId = 'With -Store: the policy whose state to show; a policy with no state yet shows an empty one.'
        Path = 'The state file, taken literally.'
        Governor = 'A governor from New-FairnessGovernor.'
    }
    Inputs      = @(
        @{ Type = 'FairnessGovernor.State.Governor'; Description = 'A governor.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.State.GovernorStateReport'; Description = 'The state''s totals and per-agent rows.' }
    )
    Examples    = @(
        @{
            Title   = 'Totals of a state file'
            Code    = 'Get-FairnessState ./governor-state.json'
            Remarks = 'Shows the runs, the tasks seen and the strategy.'
        }
        @{
            Title   = 'Per-agent lag'
            Code    = '(Get-FairnessState ./governor-state.json).Agents | Format-Table'
            Remarks = 'One row per agent: count, decayed count, entitlement and lag.'
        }
        @{
            Title   = 'A policy''s state in a store'
            Code    = 'Get-FairnessState -Store $s -PolicyId priority-weighted-rr'
            Remarks = 'The state every host shares for that policy.'
        }
    )
}
