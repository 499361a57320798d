# Help text of New-FairnessStore. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Creates a PostgreSQL store object for -Store: state and evidence per policy id, shared by every host.'
    Description = @(
        'Returns a store object for the -Store parameter of Invoke-FairAllocation, Get-FairnessState, Reset-FairnessState and the evidence cmdlets. Each policy id has its own state and its own evidence chain in the database, so runbooks on many hosts share them and runs of unrelated policies never wait on each other (SPEC 10).'
        'Nothing is sent to the server until the store is first used; first use creates or upgrades the schema under an advisory lock (or run Initialize-FairnessStore with an account that may). The store and Npgsql load only when a store is used.'
        'The password is never shown: not by the object''s properties, its ToString, ConvertTo-Json, verbose text or any error.'
    )
    Parameters  = @{
        ConnectionString = 'An Npgsql connection string: Host, Port, Database, Username and Password (or -Credential). An invalid string is the error InvalidConnectionString, which does not repeat it.'
        Credential = 'The user name and password to connect with; they replace those of the connection string.'
        Schema = 'The schema holding the store''s tables (default fairness_governor): a letter or _, then letters, digits or _.'
        LockTimeoutSeconds = 'How long a run waits for another run''s lock on the same policy (default 10): the sessions'' lock_timeout. Then StoreError with SQLSTATE 55P03, and nothing is recorded.'
        SessionTimeoutSeconds = 'How long a session may sit idle inside a run''s transaction before the server ends it (default 60): idle_in_transaction_session_timeout, so a client frozen or cut off while holding a policy''s lock blocks the others at most this long. A -Stream holds its transaction while it waits for input.'
    }
    Inputs      = @(
        @{ Type = 'None'; Description = '' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Store.Postgres.PostgresStore'; Description = 'The store: Host, Port, Database, UserName, Schema, the timeouts and Location, never the password.' }
    )
    Examples    = @(
        @{
            Title   = 'A store with a credential'
            Code    = '$s = New-FairnessStore -ConnectionString $env:FAIRNESS_PG -Credential $cred'
            Remarks = '$env:FAIRNESS_PG holds a connection string such as ''Host=db.example;Database=fairness'' and $cred comes from Get-Credential runbook or a secret store; the password stays out of the connection string and out of every output.'
        }
        @{
            Title   = 'A store per environment'
            Code    = '$s = New-FairnessStore -ConnectionString $env:FAIRNESS_PG -Schema staging'
            Remarks = 'Tables live in schema staging; another schema is another, independent store.'
        }
    )
}
