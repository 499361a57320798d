# Help text of Test-AllocationEvidence. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Verifies an evidence log''s hash chain and signatures, and optionally replays a logged run.'
    Description = @(
        'Reads the log (streaming) and checks every line: it parses, its hash recomputes from its canonical content, and its prev equals the hash of the line before. Returns an EvidenceVerificationResult with IsValid, EntryCount, FirstInvalidLine ($null when valid), ErrorId and Reason, LastHash, and with -Key or -KeyPath the counts of signed, unsigned and wrongly signed lines.'
        'With -Replay it also re-runs the allocation of one logged line (-LineNumber, default the last) from the inputs you give, and returns an EvidenceReplayResult whose IsMatch says whether the tasks, agents, policy and decisions digests all match: proof that the logged run is what those inputs produce. The -Replay inputs are read under the same input limits as Invoke-FairAllocation (-MaxInputBytes, -MaxDepth, -MaxAliasExpansion).'
    )
    Parameters  = @{
        Store = 'A PostgreSQL store from New-FairnessStore: verifies a policy''s chain there as a log is verified; FirstInvalidLine is the entry''s number, the same as its line in an export. Also reports EntryNumberGap and HeadMismatch (entries deleted, or the head row disagreeing with the chain). SPEC 10.'
        PolicyId = 'With -Store: the policy whose chain to verify (StorePolicyNotFound when the store has none).'
        Path = 'The evidence log; wildcards must match one file.'
        LiteralPath = 'The evidence log, used exactly as written.'
        Key = 'Checks HMAC-SHA256 signatures with this key (its UTF-8 text).'
        KeyPath = 'Checks HMAC-SHA256 signatures with the bytes of this file.'
        RequireSignature = 'Counts an unsigned line as invalid (needs -Key or -KeyPath).'
        AllowLegacy = 'Accepts prototype lines without a hash before the first chained line.'
        Anchor = 'A line hash recorded elsewhere (for example from Add-AllocationEvidence -PassThru) that the log must still contain; detects lines cut off the end.'
        LockTimeoutSeconds = 'How long to wait for a writer''s lock while taking a consistent view of the file; default 10.'
        Replay = 'Also replays one logged run from its inputs.'
        LineNumber = 'With -Replay: the line to replay; default the last entry.'
        TaskPath = 'With -Replay: the run''s task file.'
        Task = 'With -Replay: the run''s task objects.'
        AgentPath = 'With -Replay: the run''s agent file.'
        Agent = 'With -Replay: the run''s agent objects.'
        PolicyPath = 'With -Replay: the run''s policy file.'
        Policy = 'With -Replay: the run''s policy object.'
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Paths, by property name.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Evidence.EvidenceVerificationResult'; Description = 'The verification.' }
        @{ Type = 'FairnessGovernor.Evidence.EvidenceReplayResult'; Description = 'With -Replay, the replay of the chosen line.' }
    )
    Examples    = @(
        @{
            Title   = 'Verify a log'
            Code    = 'Test-AllocationEvidence -Path ./evidence.jsonl'
            Remarks = 'IsValid is True when no line was edited, removed, inserted or reordered; otherwise FirstInvalidLine names the first bad line.'
        }
        @{
            Title   = 'Prove a logged run'
            Code    = 'Test-AllocationEvidence ./evidence.jsonl -Replay -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json'
            Remarks = 'The second object''s IsMatch is True when the last line was made from these inputs.'
        }
        @{
            Title   = 'Verify a policy''s chain in a store'
            Code    = 'Test-AllocationEvidence -Store $s -PolicyId priority-weighted-rr'
            Remarks = 'IsValid, EntryCount and, when an entry was changed in the database, FirstInvalidLine: its number.'
        }
    )
}
