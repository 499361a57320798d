# Help text of New-FairAgent. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Creates a validated agent.'
    Description = @(
        'Creates a FairAgent from parameters, checked by the same rules as agent files.'
    )
    Parameters  = @{
        Id = 'The agent id: a non-empty string. Aliases: AgentId, agent_id (the name of the output document).'
        Weight = 'The agent''s share of the rotation: a whole number from 0 (never chosen) up; default 1. A blank value (an empty Import-Csv cell) means the default.'
        Capacity = 'The most tasks the agent takes in one run; omit, or leave blank, for unlimited.'
        MaxShare = 'The largest fraction (0 to 1) of a run''s tasks the agent may take: at most floor(MaxShare x tasks); blank for no limit. Its alias max_share is the name agent files use.'
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Agent ids.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Model.FairAgent'; Description = 'The agent.' }
    )
    Examples    = @(
        @{
            Title   = 'A heavier agent with a cap'
            Code    = 'New-FairAgent -Id ''gpu-1'' -Weight 3 -Capacity 10'
            Remarks = 'Three slots in the rotation, at most ten tasks a run.'
        }
        @{
            Title   = 'Agents for an allocation'
            Code    = '$agents = @(New-FairAgent a 1); $agents += New-FairAgent b 2
Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -Agent $agents'
            Remarks = 'Builds the agent list in a script.'
        }
    )
}
