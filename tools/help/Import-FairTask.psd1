# Help text of Import-FairTask. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Reads and validates tasks from JSON/YAML files or objects.'
    Description = @(
        'Reads tasks from files (an array of tasks or an object with a ''tasks'' array) or converts objects (hashtables, PSCustomObjects, Import-Csv rows), checks every rule Invoke-FairAllocation checks, and emits FairTask objects (Id, Priority) that can be inspected, filtered and piped into Invoke-FairAllocation.'
    )
    Parameters  = @{
        Path = 'Task files; wildcards allowed.'
        LiteralPath = 'Task files used exactly as written.'
        InputObject = 'Objects to check and convert.'
    }
    Inputs      = @(
        @{ Type = 'System.Object'; Description = 'Objects to convert.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Model.FairTask'; Description = 'The validated tasks, in input order.' }
    )
    Examples    = @(
        @{
            Title   = 'Inspect a task file'
            Code    = 'Import-FairTask ./fixtures/tasks.json | Where-Object Priority -eq ''high'''
            Remarks = 'Lists t2 and t5.'
        }
        @{
            Title   = 'Validate rows from a CSV file'
            Code    = 'Import-Csv ./tasks.csv | Import-FairTask | Invoke-FairAllocation -AgentPath ./fixtures/agents.json'
            Remarks = 'CSV values are text; Import-FairTask checks them before the allocation.'
        }
    )
}
