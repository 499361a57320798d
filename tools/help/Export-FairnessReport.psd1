# Help text of Export-FairnessReport. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Writes one self-contained HTML fairness report: runs from the pipeline, an evidence log''s history, a state.'
    Description = @(
        'Draws what it is given into one HTML file with inline SVG charts and inline CSS: nothing is loaded from anywhere (no script, font, image or style sheet by URL), so the file opens offline, can be attached to a ticket or published as a build artifact, prints on A4 and follows the reader''s light or dark colour scheme.'
        'Decisions piped from Invoke-FairAllocation (a batch run, a -Stream run, or a subset after Where-Object) give one section per run: the headline (policy, strategy, run id, task and agent counts, fairness label and weighted label, Jain and weighted Jain index, MaxAbsLag), assigned tasks against entitlement per agent with lag and capacity marked, each agent''s cumulative share over the dispatch sequence (past 10 agents: the 10 largest weights and ''others'', relative to the weighted share), waits per priority as box plots, and decisions by status and reason. -EvidencePath adds the fairness figures of each logged run over time (Jain, weighted Jain, MaxAbsLag, skew) and the cumulative tasks; -StatePath adds each agent''s cumulative count against its entitlement.'
        'Every chart has a title and a description for screen readers and its numbers in a table under a Numbers disclosure; series use the Okabe-Ito palette, safe for common colour blindness. A series has at most 1,000 points, so a report of 1,000,000 decisions stays well under 3 MB. The same input and -GeneratedAt give the same bytes.'
        'The report is built in memory and written to a temporary file in the same folder, then renamed over -Path: a failure (bad state file, unreadable log, missing folder) leaves any previous file as it was. Errors: ReportNeedsInput (nothing to report), ReportNeedsDecisions (objects that are not decisions from Invoke-FairAllocation), ReportFilterWithoutEvidence (-PolicyId, -After or -Before without -EvidencePath), ReportPathIsDirectory, ReportWriteFailed.'
    )
    Parameters  = @{
        Path = 'The HTML file to write, taken literally (aliases PSPath, LiteralPath); an existing file is replaced atomically.'
        InputObject = 'Decisions from Invoke-FairAllocation, batch or -Stream; decisions of several runs give one section per run, in the order the runs first came.'
        EvidencePath = 'An evidence log (Add-AllocationEvidence) whose runs are charted over time. Wildcards must match exactly one file.'
        PolicyId = 'With -EvidencePath: only entries of this policy id (wildcards allowed, case-insensitive).'
        After = 'With -EvidencePath: only entries logged after this time (UTC when the time has no zone).'
        Before = 'With -EvidencePath: only entries logged before this time (UTC when the time has no zone).'
        StatePath = 'A state file (Invoke-FairAllocation -StatePath) whose per-agent cumulative counts, entitlements and lags are shown. Wildcards must match exactly one file; a corrupt file is InvalidStateFile.'
        Title = 'The page''s title and heading (default ''Fairness report'').'
        GeneratedAt = 'The time the report names as its making (default: now; a time without zone is UTC). Pin it to get byte-identical reports of the same input.'
        PassThru = 'Emits the written file as a FileInfo.'
        WhatIf = 'Shows the file that would be written without writing it.'
        Confirm = 'Asks before writing the file.'
    }
    Inputs      = @(
        @{ Type = 'FairnessGovernor.Allocation.AllocationDecision'; Description = 'Decisions from Invoke-FairAllocation.' }
    )
    Outputs     = @(
        @{ Type = 'System.IO.FileInfo'; Description = 'With -PassThru, the written file; otherwise nothing.' }
    )
    Examples    = @(
        @{
            Title   = 'Report one run'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json | Export-FairnessReport ./fairness.html'
            Remarks = 'Writes fairness.html: the run''s headline, per-agent bars against entitlement, cumulative shares, waits and decisions by reason.'
        }
        @{
            Title   = 'History of an evidence log and the state'
            Code    = 'Export-FairnessReport ./history.html -EvidencePath ./evidence.jsonl -StatePath ./governor-state.json -Title ''Nightly fairness'' -PassThru'
            Remarks = 'Charts every logged run''s Jain index, MaxAbsLag and skew over time, and where the state''s cumulative counts stand; emits the file.'
        }
        @{
            Title   = 'A reproducible report'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -Stream | Export-FairnessReport ./stream.html -GeneratedAt ''2026-12-02T00:00:00Z'''
            Remarks = 'With the time pinned, the same input gives the same bytes, so the file can be compared or cached.'
        }
    )
}
