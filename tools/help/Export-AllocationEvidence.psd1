# Help text of Export-AllocationEvidence. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Writes a policy''s evidence chain from a store as a JSONL evidence log.'
    Description = @(
        'Writes the policy''s entries, oldest first, exactly as they were chained, to a JSONL file (replaced atomically). Test-AllocationEvidence -Path verifies the file as any log; each entry''s line number is its number in the store''s chain.'
    )
    Parameters  = @{
        Path = 'The file to write. Aliases: PSPath, LiteralPath.'
        Store = 'A store from New-FairnessStore.'
        PolicyId = 'The policy whose chain to export (StorePolicyNotFound when the store has none).'
        NoClobber = 'Refuses to overwrite an existing file (OutFileExists).'
        PassThru = 'Emits the file written.'
        WhatIf = 'Shows the file that would be written.'
        Confirm = 'Asks before writing.'
    }
    Inputs      = @(
        @{ Type = 'None'; Description = '' }
    )
    Outputs     = @(
        @{ Type = 'System.IO.FileInfo'; Description = 'With -PassThru, the file written.' }
    )
    Examples    = @(
        @{
            Title   = 'Export and verify'
            Code    = 'Export-AllocationEvidence -Store $s -PolicyId priority-weighted-rr -Path ./chain.jsonl
Test-AllocationEvidence -Path ./chain.jsonl'
            Remarks = 'The file verifies with the same entry count as the store''s chain.'
        }
        @{
            Title   = 'Hand an auditor a copy'
            Code    = 'Export-AllocationEvidence -Store $s -PolicyId priority-weighted-rr -Path ./audit-copy.jsonl -NoClobber -PassThru'
            Remarks = 'Writes the file only when it does not exist yet, and shows it.'
        }
    )
}
