# Help text of Invoke-FairAllocation. Syntax, types, positions, pipeline input, aliases and wildcards come from the
# cmdlet's own metadata; this file holds only prose. Regenerate help: see docs/design/cmdlets.md.
@{
    Synopsis    = 'Allocates tasks among agents under a fairness policy and emits one decision per task.'
    Description = @(
        'Reads tasks, agents and a policy from JSON or YAML files or from objects, validates them, and allocates every task to an agent with the policy''s strategy (the prototype''s weighted round-robin by default). It emits one AllocationDecision per task in dispatch order: Sequence, TaskId, AgentId ($null when no agent could take the task), Status (Assigned or Unassigned), Priority, Group, Reason (the rule that chose the agent, or the limits that left the task unassigned), Bypassed (how many later tasks overtook it), Wait (when the agent could start it, minus its arrival), PolicyId and RunId.'
        'The policy''s strategy is weighted_round_robin (the prototype''s), smooth_weighted_round_robin (nginx) or lag_bounded (every prefix of the dispatch stays within one task of each agent''s weighted share); max_bypass guards against starvation; agent max_share and policy group_quotas cap what an agent or a group of tasks receives.'
        'Bad input stops the command with a terminating error whose ErrorId names the rule (for example InvalidWeight) and whose message names the file, the line and column, the item and the field. A run that fails writes nothing.'
        'With -OutFile, the command writes the prototype''s allocation document ({allocation, unassigned, metrics}) to a file instead of emitting decisions; the file is written to a temporary file in the same folder and renamed, so an interrupted run leaves the previous file intact.'
    )
    Parameters  = @{
        Store = 'A PostgreSQL store from New-FairnessStore: continues the policy''s state there and records the run''s evidence entry in its chain, in one transaction that locks the policy (SPEC 10). The run''s inputs are read before the transaction opens; a run that fails records nothing and stops with StoreUnavailable or StoreError (with the SQLSTATE). Not with -StatePath or -Governor. With -Stream the policy''s lock is held until the input ends.'
        PolicyId = 'With -Store: the policy id the run must have. A policy with another id is refused (PolicyIdMismatch) before anything is read or recorded.'
        AsOf = 'With -StatePath, -Governor or -Store: the run''s time, taken as UTC (a local time is converted); default now, and with -Store the database server''s clock, so hosts with skewed clocks agree. Carried usage decays to it under the policy''s usage_half_life, and the state records it (it never moves back). Without a state it is the error AsOfWithoutState.'
        Task = 'Task objects: hashtables, PSCustomObjects (from ConvertFrom-Json or Import-Csv) or Import-FairTask output. Each needs an id; priority is high, normal or low (default normal). Binds from the pipeline.'
        TaskPath = 'A JSON or YAML task file: an array of tasks, or an object with a ''tasks'' array. Relative paths, ~ and PowerShell drives are resolved; wildcards are allowed but must match exactly one file. Position 0: Invoke-FairAllocation tasks.json agents.json policy.json.'
        LiteralTaskPath = 'A task file path used exactly as written (no wildcards).'
        Agent = 'Agent objects: each needs an id; weight is a whole number >= 0 (default 1); capacity is a whole number >= 0 or absent for unlimited.'
        AgentPath = 'A JSON or YAML agent file: an array of agents, or an object with an ''agents'' array. Wildcards must match exactly one file. Position 1.'
        LiteralAgentPath = 'An agent file path used exactly as written.'
        ExcludeAgent = 'Agent ids to leave out of this run, for example agents being drained. An id that names no agent is the error UnknownAgent. Tab completion offers the ids of the -AgentPath (wildcards allowed) or -LiteralAgentPath file that are not already in the list.'
        Policy = 'The policy as an object (hashtable, PSCustomObject or Import-FairnessPolicy output) with policy_id, respect_priority and max_skew_ratio (PascalCase names work too). Without any policy the default policy applies: policy_id ''default'', respect_priority true, max_skew_ratio 2.0.'
        PolicyPath = 'A JSON or YAML policy file; wildcards must match exactly one file. Position 2.'
        LiteralPolicyPath = 'A policy file path used exactly as written.'
        OutFile = 'Writes the allocation document (the prototype''s --out format, UTF-8, two-space indent) to this path instead of emitting decisions. Supports -WhatIf and -Confirm.'
        PassThru = 'With -OutFile, also emits the decisions.'
        NoClobber = 'With -OutFile, refuses to overwrite an existing file (error OutFileExists).'
        Explain = 'Fills each decision''s Skipped property with the agents passed over on the way to its agent and why (for example ''agent-b: capacity''). Without it Skipped is $null; Reason is always set. Skipped is a list of strings (an array in ConvertTo-Json); Export-Csv writes it as the entries joined with ''; ''.'
        StatePath = 'Continues the fairness state kept in this file (created when missing) and saves the state after the run: the strategy''s position and per-agent cumulative counts carry over, so consecutive runs decide as one sequence would (SPEC 7). The file is read and replaced under an exclusive lock (<file>.lock), written atomically, keeping its mode and writing through a symbolic link; a run that fails leaves it unchanged, and -WhatIf creates no file at all. A corrupt or foreign file is the error InvalidStateFile.'
        Governor = 'Continues the state of an in-session governor from New-FairnessGovernor, and keeps the state after the run in it.'
        Stream = 'Decides and emits each pipeline task as it arrives, before the next is read, keeping only the agents, the window and the task ids seen, so long inputs (for example Get-Content huge.jsonl | ConvertFrom-Json) work. Tasks are taken in arrival order; respect_priority orders only within -WindowSize tasks. Task ids must be unique within the stream: a repeated id stops the command with DuplicateId before that task is decided, and a stream that fails saves no state. max_share is refused. Not with -OutFile.'
        WindowSize = 'With -Stream: how many arrived tasks may wait so the highest priority goes first (default 1: arrival order). A larger window delays each decision until the window is full or the input ends.'
        LockTimeoutSeconds = 'With -StatePath: how long to wait for another run''s lock on the state file, in seconds (default 10); then the error StateFileLocked.'
        WhatIf = 'Shows the file that -OutFile would write, and the state -StatePath would save, without writing them.'
        Confirm = 'Asks before writing the -OutFile file or saving the -StatePath state.'
    }
    Inputs      = @(
        @{ Type = 'System.Object'; Description = 'Task objects from the pipeline.' }
    )
    Outputs     = @(
        @{ Type = 'FairnessGovernor.Allocation.AllocationDecision'; Description = 'One decision per task, in dispatch order (none with -OutFile unless -PassThru).' }
        @{ Type = 'FairnessGovernor.Allocation.EmptyRun'; Description = 'For a run without tasks, in place of decisions: the run''s RunId, PolicyId, AgentCount and TaskCount 0, so Get-FairnessMetrics reports its zero counts and Add-AllocationEvidence logs it.' }
    )
    Examples    = @(
        @{
            Title   = 'Allocate the fixture tasks'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json'
            Remarks = 'Emits six decisions: t2 to agent-a, t5 to agent-b, t1 to agent-b, t3 to agent-c, t6 to agent-a and t4 to agent-b.'
        }
        @{
            Title   = 'Allocate objects from the pipeline'
            Code    = '$agents = @(@{ id = ''a''; weight = 2 }, @{ id = ''b''; capacity = 1 })
@(@{ id = ''x'' }, @{ id = ''y''; priority = ''high'' }, @{ id = ''z'' }) | Invoke-FairAllocation -Agent $agents'
            Remarks = 'Tasks come from the pipeline as hashtables; y is dispatched first because it is high priority.'
        }
        @{
            Title   = 'Write the prototype''s document'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.yaml -AgentPath ./fixtures/agents.yaml -PolicyPath ./fixtures/policy.yaml -OutFile ./allocation.json -WhatIf'
            Remarks = 'Shows what would be written; remove -WhatIf to write allocation.json atomically.'
        }
        @{
            Title   = 'Explain a decision'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents_with_capacity.json -PolicyPath ./fixtures/policy.json -Explain | Where-Object TaskId -eq ''t4'' | ForEach-Object Skipped'
            Remarks = 'Lists each agent passed over for t4 and why (all were at capacity).'
        }
        @{
            Title   = 'Only the unassigned tasks'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents_with_capacity.json -PolicyPath ./fixtures/policy.json | Where-Object Status -eq ''Unassigned'''
            Remarks = 'With capacities 1, 2 and 2, task t4 finds every agent full.'
        }
        @{
            Title   = 'Fairness across hourly runs'
            Code    = 'Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -StatePath ./governor-state.json'
            Remarks = 'Each run continues the rotation where the last one stopped: after 100 hourly runs agent-a, agent-b and agent-c hold 150, 300 and 150 tasks, as the weights 1, 2, 1 say.'
        }
        @{
            Title   = 'Stream an unbounded task source'
            Code    = 'Get-Content ./tickets.jsonl | ConvertFrom-Json | Invoke-FairAllocation -Stream -AgentPath ./fixtures/agents.json -StatePath ./governor-state.json | Add-AllocationEvidence ./evidence.jsonl'
            Remarks = 'Each ticket is assigned as it is read; one evidence line covers the whole stream when the input ends.'
        }
        @{
            Title   = 'One state for many workers'
            Code    = '$s = New-FairnessStore -ConnectionString $env:FAIRNESS_PG -Credential $cred
Invoke-FairAllocation -Store $s -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json'
            Remarks = '$env:FAIRNESS_PG holds a connection string such as ''Host=db;Database=fairness'' and $cred the runbook account. Every host running this shares the policy''s state and evidence chain in PostgreSQL; runs of one policy take turns, other policies never wait.'
        }
    )
}
