# Help text of Get-AllocationEvidence. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Reads an evidence log back as entry objects, oldest first.'
    Description = @(
        'Reads the JSONL evidence log line by line (streaming) and emits one EvidenceEntry per line, oldest first, with Timestamp (UTC DateTime), PolicyId, TaskCount, AgentCount, SkewRatio, FairnessLabel and LineNumber. A line that is not a valid entry stops the command with the error InvalidEvidenceLine naming the line.'
    )
    Parameters  = @{
        Store = 'A PostgreSQL store from New-FairnessStore: reads its chains, one policy after another, each oldest first; LineNumber is the entry''s number in its chain (SPEC 10).'
        Path = 'Evidence log paths; wildcards allowed.'
        LiteralPath = 'Evidence log paths used exactly as written.'
        PolicyId = 'Only entries whose policy id matches this (wildcards allowed, case-insensitive).'
        After = 'Only entries logged after this time. A time without a zone is UTC, whatever the machine''s zone; a local [datetime] is converted to UTC.'
        Before = 'Only entries logged before this time. A time without a zone is UTC, whatever the machine''s zone; a local [datetime] is converted to UTC.'
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Paths.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Evidence.EvidenceEntry'; Description = 'One entry per line.' }
    )
    Examples    = @(
        @{
            Title   = 'Read a log'
            Code    = 'Get-AllocationEvidence -Path ./evidence.jsonl'
            Remarks = 'Lists every run logged, oldest first.'
        }
        @{
            Title   = 'The runs of one policy with a strong imbalance'
            Code    = 'Get-AllocationEvidence ./evidence.jsonl -PolicyId ''priority-*'' | Where-Object FairnessLabel -eq ''strong_imbalance'''
            Remarks = 'Filters by policy id, then by label.'
        }
        @{
            Title   = 'Read a store''s chains'
            Code    = 'Get-AllocationEvidence -Store $s -PolicyId ''priority-*'''
            Remarks = 'The entries of the policies whose id starts with priority-, each chain oldest first.'
        }
    )
}
