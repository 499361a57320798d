# Help text of Reset-FairnessState. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Resets a governor state to empty: counts, positions and totals start over.'
    Description = @(
        'Replaces a state file (under its lock, atomically) or a governor''s state with the empty state. Supports -WhatIf and -Confirm.'
    )
    Parameters  = @{
        Store = 'A PostgreSQL store from New-FairnessStore (SPEC 10). Not with -Path or -Governor.'
        PolicyId = 'With -Store: the policy whose state to reset to empty; its evidence chain is kept.'
        Path = 'The state file, taken literally.'
        Governor = 'A governor from New-FairnessGovernor.'
        LockTimeoutSeconds = 'How long to wait for another run''s lock on the state file, in seconds (default 10).'
        WhatIf = 'Shows what would be reset without changing it.'
        Confirm = 'Asks before resetting.'
    }
    Inputs      = @(
        @{ Type = 'FairnessGovernor.State.Governor'; Description = 'A governor.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = '' }
    )
    Examples    = @(
        @{
            Title   = 'Start over'
            Code    = 'Reset-FairnessState ./governor-state.json'
            Remarks = 'The next run starts the rotation from the beginning.'
        }
        @{
            Title   = 'See what would be reset'
            Code    = 'Reset-FairnessState ./governor-state.json -WhatIf'
            Remarks = 'Changes nothing.'
        }
        @{
            Title   = 'Start a store policy over'
            Code    = 'Reset-FairnessState -Store $s -PolicyId priority-weighted-rr'
            Remarks = 'Empties the policy''s state under its lock; its evidence chain stays.'
        }
    )
}
