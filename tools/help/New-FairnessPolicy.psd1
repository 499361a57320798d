# Help text of New-FairnessPolicy. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Creates a validated fairness policy.'
    Description = @(
        'Creates a FairnessPolicy from parameters, checked by the same rules as policy files.'
    )
    Parameters  = @{
        MaxCatchUp = 'fair_share: the most tasks a carried deficit may bring an agent beyond its share of one run, so an agent back from a long absence cannot take a whole run. Default: no cap. Alias: max_catch_up.'
        UsageHalfLife = 'The half-life of the usage a state carries (counts, entitlements, deficits): ''7d'', ''36h'', ''90m'', ''45s'', ISO 8601 (''P7D'', ''PT36H''), a number of seconds or a [TimeSpan]. Default: no decay. Alias: usage_half_life.'
        PolicyId = 'Names the policy in decisions and evidence; default ''default''.'
        RespectPriority = 'When $true (the default), high tasks are dispatched first, then normal, then low.'
        MaxSkewRatio = 'The skew ratio above which a run is labelled strong_imbalance; at least 1, default 2.0.'
        Strategy = 'weighted_round_robin (the default, the prototype''s rotation), smooth_weighted_round_robin (nginx''s rule), lag_bounded (Tijdeman''s rule: every prefix stays within one task of each agent''s weighted share) or fair_share (lag_bounded started from the deficits carried in a state: an agent shorted in one run catches up in the next). Tab completion offers the four.'
        MaxBypass = 'Anti-starvation: a task may be overtaken by at most this many later tasks, then it is dispatched next. Default unlimited.'
        GroupQuota = 'The most tasks of each group assigned in one run, as a hashtable such as @{ batch = 10 }.'
    }
    Inputs      = @(
        @{ Type = 'None'; Description = 'This cmdlet takes no pipeline input.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Model.FairnessPolicy'; Description = 'The policy.' }
    )
    Examples    = @(
        @{
            Title   = 'Input order, tolerant labels'
            Code    = 'New-FairnessPolicy -PolicyId ''fifo'' -RespectPriority $false -MaxSkewRatio 3'
            Remarks = 'A policy that ignores priorities.'
        }
        @{
            Title   = 'Use it'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -Policy (New-FairnessPolicy ''nightly'')'
            Remarks = 'The policy id appears on every decision.'
        }
        @{
            Title   = 'Fair share over time'
            Code    = '$p = New-FairnessPolicy -Strategy fair_share -UsageHalfLife 7d -MaxCatchUp 50
Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -Policy $p -StatePath ./state.json'
            Remarks = 'An agent held back by its capacity in one run gets its deficit back in later runs, fading with a half-life of a week, at most 50 tasks beyond its share a run.'
        }
    )
}
