# Help text of Add-AllocationEvidence. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Appends one evidence line per allocation run to a JSONL log.'
    Description = @(
        'Takes decisions from Invoke-FairAllocation from the pipeline and, after the last one, appends one JSON line per run to the log at -Path (created when missing), with the prototype''s fields first (timestamp in UTC, policy_id, task_count, agent_count, skew_ratio, fairness_label), then assigned and unassigned counts, the module version, SHA-256 digests of the canonical tasks, agents, policy and decisions, the previous line''s hash and this line''s hash (and an HMAC-SHA256 signature with -Key or -KeyPath).'
        'Appends from any number of processes are serialized by a lock file beside the log; each line is written whole and flushed to disk. The command refuses to append onto a damaged last line and says how to recover, leaving the file unchanged.'
        'Supports -WhatIf and -Confirm. Nothing is appended when the pipeline fails before its end.'
    )
    Parameters  = @{
        Store = 'A PostgreSQL store from New-FairnessStore: each run''s entry is chained onto its policy''s chain in the store, in one transaction (SPEC 10). Not with -Path.'
        InputObject = 'Decisions from Invoke-FairAllocation.'
        Path = 'The evidence log. Relative paths and PowerShell drives are resolved; the path is used as written (no wildcards).'
        PassThru = 'Emits the entries written, with their Hash (record it elsewhere to use as -Anchor later).'
        Key = 'Signs each line with HMAC-SHA256; the key is the UTF-8 text of this SecureString.'
        KeyPath = 'Signs each line with HMAC-SHA256; the key is the bytes of this file.'
        LockTimeoutSeconds = 'How long to wait for another writer''s lock before failing with EvidenceLogLocked; default 10.'
        WhatIf = 'Shows what would be appended without writing.'
        Confirm = 'Asks before appending each line.'
    }
    Inputs      = @(
        @{ Type = 'FairnessGovernor.Allocation.AllocationDecision'; Description = 'Decisions from Invoke-FairAllocation.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Evidence.EvidenceEntry'; Description = 'With -PassThru, the entries written.' }
    )
    Examples    = @(
        @{
            Title   = 'Log a run'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json | Add-AllocationEvidence -Path ./evidence.jsonl -PassThru'
            Remarks = 'Appends a line such as {"timestamp": "2026-11-27T03:04:05.123456Z", "policy_id": "priority-weighted-rr", "task_count": 6, "agent_count": 3, "skew_ratio": 3.0, "fairness_label": "strong_imbalance"}.'
        }
        @{
            Title   = 'See what would be logged'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json | Add-AllocationEvidence ./evidence.jsonl -WhatIf'
            Remarks = 'Writes nothing.'
        }
        @{
            Title   = 'Log a run made without a store into one'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json | Add-AllocationEvidence -Store $s -PassThru'
            Remarks = 'The entry joins the policy''s chain in PostgreSQL; LineNumber is its number there.'
        }
    )
}
