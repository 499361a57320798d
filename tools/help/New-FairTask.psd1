# Help text of New-FairTask. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Creates a validated task.'
    Description = @(
        'Creates a FairTask from parameters, checked by the same rules as task files. Useful in scripts that build work lists; the result pipes into Invoke-FairAllocation.'
    )
    Parameters  = @{
        Id = 'The task id: a non-empty string. Aliases: TaskId, task_id (the name of the output document).'
        Priority = 'high, normal (the default) or low. Tab completion offers the three values. A blank value (an empty Import-Csv cell) means the default.'
        Group = 'The task''s group, counted against the policy''s group quotas; omit, or leave blank, for none.'
        Duration = 'How long the task takes, for wait times; greater than 0, default 1.'
        Arrival = 'When the task arrives, for wait times; 0 or more, default 0.'
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Task ids.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Model.FairTask'; Description = 'The task.' }
    )
    Examples    = @(
        @{
            Title   = 'One task'
            Code    = 'New-FairTask -Id ''deploy-42'' -Priority high'
            Remarks = 'Creates a high-priority task.'
        }
        @{
            Title   = 'Tasks from a list of ids'
            Code    = '''a'', ''b'', ''c'' | New-FairTask | Invoke-FairAllocation -AgentPath ./fixtures/agents.json'
            Remarks = 'Each id becomes a normal-priority task.'
        }
    )
}
