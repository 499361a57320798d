# Help text of Initialize-FairnessStore. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Creates or upgrades a PostgreSQL store''s schema now, for databases where the runbook account may not.'
    Description = @(
        'Creates the store''s schema and tables, or upgrades them to this module''s schema version, in one transaction under an advisory lock, as first use would. Returns the schema''s version before and after. A schema made by a newer module is refused with StoreSchemaTooNew, and so is every use of it.'
    )
    Parameters  = @{
        Store = 'A store from New-FairnessStore.'
        WhatIf = 'Shows the store that would be initialized.'
        Confirm = 'Asks first.'
    }
    Inputs      = @(
        @{ Type = 'FairnessGovernor.Store.Postgres.PostgresStore'; Description = 'A store.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Store.Postgres.StoreSchemaInfo'; Description = 'Store, Schema, PreviousVersion (0: none), Version and Migrated.' }
    )
    Examples    = @(
        @{
            Title   = 'Set up the schema with an owner account'
            Code    = 'New-FairnessStore -ConnectionString $env:FAIRNESS_PG -Credential $owner | Initialize-FairnessStore'
            Remarks = 'Runbooks can then use the store with an account that may only read and write the tables.'
        }
        @{
            Title   = 'Check the schema version'
            Code    = '(Initialize-FairnessStore -Store $s -Confirm:$false).Version'
            Remarks = 'The version after any upgrade.'
        }
    )
}
