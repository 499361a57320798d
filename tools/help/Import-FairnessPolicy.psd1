# Help text of Import-FairnessPolicy. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Reads and validates a fairness policy from a JSON/YAML file or an object.'
    Description = @(
        'Reads a policy object (policy_id, respect_priority, max_skew_ratio) from a file or converts an object, checks it, and emits a FairnessPolicy.'
    )
    Parameters  = @{
        Path = 'Policy files; wildcards allowed.'
        LiteralPath = 'Policy files used exactly as written.'
        InputObject = 'Objects to check and convert.'
    }
    Inputs      = @(
        @{ Type = 'System.Object'; Description = 'Objects to convert.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Model.FairnessPolicy'; Description = 'The validated policy.' }
    )
    Examples    = @(
        @{
            Title   = 'Inspect a policy'
            Code    = 'Import-FairnessPolicy ./fixtures/policy.yaml'
            Remarks = 'Shows PolicyId priority-weighted-rr, RespectPriority True, MaxSkewRatio 2.'
        }
        @{
            Title   = 'Build a policy from a hashtable'
            Code    = '$policy = @{ policy_id = ''nightly''; respect_priority = $false } | Import-FairnessPolicy
Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -Policy $policy'
            Remarks = 'Unset keys take their defaults.'
        }
    )
}
