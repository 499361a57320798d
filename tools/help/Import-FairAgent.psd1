# Help text of Import-FairAgent. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Reads and validates agents from JSON/YAML files or objects.'
    Description = @(
        'Reads agents from files (an array or an object with an ''agents'' array) or converts objects, checks every rule, and emits FairAgent objects (Id, Weight, Capacity).'
    )
    Parameters  = @{
        Path = 'Agent files; wildcards allowed.'
        LiteralPath = 'Agent files used exactly as written.'
        InputObject = 'Objects to check and convert.'
    }
    Inputs      = @(
        @{ Type = 'System.Object'; Description = 'Objects to convert.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Model.FairAgent'; Description = 'The validated agents, in input order.' }
    )
    Examples    = @(
        @{
            Title   = 'Inspect agents'
            Code    = 'Import-FairAgent ./fixtures/agents_with_capacity.json'
            Remarks = 'Shows each agent''s weight and capacity.'
        }
        @{
            Title   = 'Reuse validated agents'
            Code    = '$agents = Import-FairAgent ./fixtures/agents.yaml
Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -Agent $agents'
            Remarks = 'Agents are read once and reused.'
        }
    )
}
