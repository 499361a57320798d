#!/usr/bin/env python3
# Generates module/en-US/FairnessGovernor.PowerShell.dll-Help.xml (MAML) from the tables below.
# Run after changing a cmdlet or parameter: python3 tools/generate_help.py
# The xunit suite checks that every cmdlet and parameter is described and has examples.
import html
E=html.escape
# -MaxInputBytes, -MaxDepth, -MaxAliasExpansion: one C# base class (InputLimitsCmdlet), one description.
# Every cmdlet that reads task, agent or policy input lists them (Test-AllocationEvidence for its -Replay inputs).
LIMIT_PARAMS = [
   ("MaxInputBytes","Int64",False,None,"false","The largest input file read, in bytes (default 536870912, 512 MiB). A larger file is refused with InputTooLarge before it is read."),
   ("MaxDepth","Int32",False,None,"false","The deepest nesting of arrays and objects accepted in an input file (default 64, from 1 to 1000). Deeper input is refused with InputTooDeep."),
   ("MaxAliasExpansion","Int32",False,None,"false","The most nodes YAML aliases may add in total (default 100000). More is refused with AliasExpansionLimit, which stops alias bombs."),
]
cmdlets = [
 dict(name="Invoke-FairAllocation", verb="Invoke", noun="FairAllocation",
  synopsis="Allocates tasks among agents under a fairness policy and emits one decision per task.",
  description=["Reads tasks, agents and a policy from JSON or YAML files or from objects, validates them, and allocates every task to an agent with the policy's strategy (the prototype's weighted round-robin by default). It emits one AllocationDecision per task in dispatch order: Sequence, TaskId, AgentId ($null when no agent could take the task), Status (Assigned or Unassigned), Priority, Group, Reason (the rule that chose the agent, or the limits that left the task unassigned), Bypassed (how many later tasks overtook it), Wait (when the agent could start it, minus its arrival), PolicyId and RunId.",
   "The policy's strategy is weighted_round_robin (the prototype's), smooth_weighted_round_robin (nginx) or lag_bounded (every prefix of the dispatch stays within one task of each agent's weighted share); max_bypass guards against starvation; agent max_share and policy group_quotas cap what an agent or a group of tasks receives.",
   "Bad input stops the command with a terminating error whose ErrorId names the rule (for example InvalidWeight) and whose message names the file, the line and column, the item and the field. A run that fails writes nothing.",
   "With -OutFile, the command writes the prototype's allocation document ({allocation, unassigned, metrics}) to a file instead of emitting decisions; the file is written to a temporary file in the same folder and renamed, so an interrupted run leaves the previous file intact."],
  params=[
   ("Task","Object[]",False,None,"true (ByValue)","Task objects: hashtables, PSCustomObjects (from ConvertFrom-Json or Import-Csv) or Import-FairTask output. Each needs an id; priority is high, normal or low (default normal). Binds from the pipeline."),
   ("TaskPath","String",False,None,"false","A JSON or YAML task file: an array of tasks, or an object with a 'tasks' array. Relative paths, ~ and PowerShell drives are resolved; wildcards are allowed but must match exactly one file."),
   ("LiteralTaskPath","String",False,None,"false","A task file path used exactly as written (no wildcards)."),
   ("Agent","Object[]",False,None,"false","Agent objects: each needs an id; weight is a whole number >= 0 (default 1); capacity is a whole number >= 0 or absent for unlimited."),
   ("AgentPath","String",False,None,"false","A JSON or YAML agent file: an array of agents, or an object with an 'agents' array. Wildcards must match exactly one file."),
   ("LiteralAgentPath","String",False,None,"false","An agent file path used exactly as written."),
   ("ExcludeAgent","String[]",False,None,"false","Agent ids to leave out of this run, for example agents being drained. An id that names no agent is the error UnknownAgent. Tab completion offers the ids found in the -AgentPath file."),
   ("Policy","Object",False,None,"false","The policy as an object (hashtable, PSCustomObject or Import-FairnessPolicy output) with policy_id, respect_priority and max_skew_ratio (PascalCase names work too). Without any policy the default policy applies: policy_id 'default', respect_priority true, max_skew_ratio 2.0."),
   ("PolicyPath","String",False,None,"false","A JSON or YAML policy file."),
   ("LiteralPolicyPath","String",False,None,"false","A policy file path used exactly as written."),
   ("OutFile","String",False,None,"false","Writes the allocation document (the prototype's --out format, UTF-8, two-space indent) to this path instead of emitting decisions. Supports -WhatIf and -Confirm."),
   ("PassThru","SwitchParameter",False,None,"false","With -OutFile, also emits the decisions."),
   ("NoClobber","SwitchParameter",False,None,"false","With -OutFile, refuses to overwrite an existing file (error OutFileExists)."),
   *LIMIT_PARAMS,
   ("Explain","SwitchParameter",False,None,"false","Fills each decision's Skipped property with the agents passed over on the way to its agent and why (for example 'agent-b: capacity'). Without it Skipped is $null; Reason is always set. Skipped is a list of strings (an array in ConvertTo-Json); Export-Csv writes it as the entries joined with '; '."),
   ("StatePath","String",False,None,"false","Continues the fairness state kept in this file (created when missing) and saves the state after the run: the strategy's position and per-agent cumulative counts carry over, so consecutive runs decide as one sequence would (SPEC 7). The file is read and replaced under an exclusive lock (<file>.lock), written atomically; a run that fails leaves it unchanged. A corrupt or foreign file is the error InvalidStateFile."),
   ("Governor","Object",False,None,"false","Continues the state of an in-session governor from New-FairnessGovernor, and keeps the state after the run in it."),
   ("Stream","SwitchParameter",False,None,"false","Decides and emits each pipeline task as it arrives, before the next is read, keeping only the agents, the window and the task ids seen, so long inputs (for example Get-Content huge.jsonl | ConvertFrom-Json) work. Tasks are taken in arrival order; respect_priority orders only within -WindowSize tasks. Task ids must be unique within the stream: a repeated id stops the command with DuplicateId before that task is decided, and a stream that fails saves no state. max_share is refused. Not with -OutFile."),
   ("WindowSize","Int32",False,None,"false","With -Stream: how many arrived tasks may wait so the highest priority goes first (default 1: arrival order). A larger window delays each decision until the window is full or the input ends."),
   ("LockTimeoutSeconds","Double",False,None,"false","With -StatePath: how long to wait for another run's lock on the state file, in seconds (default 10); then the error StateFileLocked."),
   ("WhatIf","SwitchParameter",False,None,"false","Shows the file that -OutFile would write, and the state -StatePath would save, without writing them."),
   ("Confirm","SwitchParameter",False,None,"false","Asks before writing the -OutFile file or saving the -StatePath state."),
  ],
  inputs=[("System.Object","Task objects from the pipeline.")],
  outputs=[("FairnessGovernor.Allocation.AllocationDecision","One decision per task, in dispatch order (none with -OutFile unless -PassThru).")],
  examples=[
   ("Allocate the fixture tasks", "Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json", "Emits six decisions: t2 to agent-a, t5 to agent-b, t1 to agent-b, t3 to agent-c, t6 to agent-a and t4 to agent-b."),
   ("Allocate objects from the pipeline", "$agents = @(@{ id = 'a'; weight = 2 }, @{ id = 'b'; capacity = 1 })\n@(@{ id = 'x' }, @{ id = 'y'; priority = 'high' }, @{ id = 'z' }) | Invoke-FairAllocation -Agent $agents", "Tasks come from the pipeline as hashtables; y is dispatched first because it is high priority."),
   ("Write the prototype's document", "Invoke-FairAllocation -TaskPath ./fixtures/tasks.yaml -AgentPath ./fixtures/agents.yaml -PolicyPath ./fixtures/policy.yaml -OutFile ./allocation.json -WhatIf", "Shows what would be written; remove -WhatIf to write allocation.json atomically."),
   ("Explain a decision", "Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents_with_capacity.json -PolicyPath ./fixtures/policy.json -Explain | Where-Object TaskId -eq 't4' | ForEach-Object Skipped", "Lists each agent passed over for t4 and why (all were at capacity)."),
   ("Only the unassigned tasks", "Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents_with_capacity.json -PolicyPath ./fixtures/policy.json | Where-Object Status -eq 'Unassigned'", "With capacities 1, 2 and 2, task t4 finds every agent full."),
   ("Fairness across hourly runs", "Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -StatePath ./governor-state.json", "Each run continues the rotation where the last one stopped: after 100 hourly runs agent-a, agent-b and agent-c hold 150, 300 and 150 tasks, as the weights 1, 2, 1 say."),
   ("Stream an unbounded task source", "Get-Content ./tickets.jsonl | ConvertFrom-Json | Invoke-FairAllocation -Stream -AgentPath ./fixtures/agents.json -StatePath ./governor-state.json | Add-AllocationEvidence ./evidence.jsonl", "Each ticket is assigned as it is read; one evidence line covers the whole stream when the input ends."),
  ]),
 dict(name="New-FairnessGovernor", verb="New", noun="FairnessGovernor",
  synopsis="Creates an in-session governor that keeps fairness state across Invoke-FairAllocation calls.",
  description=["Returns a governor object that keeps the fairness state (the strategy's position and each agent's cumulative count) in memory: pass it to Invoke-FairAllocation -Governor and consecutive calls decide as one sequence would, without a state file."],
  params=[
   ("StatePath","String",False,None,"false","Starts from the state in this file (read once)."),
  ],
  inputs=[("None","")],
  outputs=[("FairnessGovernor.State.Governor","The governor.")],
  examples=[
   ("Fair over several calls","$g = New-FairnessGovernor\n1..10 | ForEach-Object { Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -Governor $g } | Out-Null\nGet-FairnessState -Governor $g","The ten runs together follow the weights: 15, 30, 15."),
   ("Start from a saved state","$g = New-FairnessGovernor -StatePath ./governor-state.json","Continues where the file's runs stopped, in memory."),
  ]),
 dict(name="Get-FairnessState", verb="Get", noun="FairnessState",
  synopsis="Shows a governor state: totals and, per agent, the cumulative count, weight, entitlement and lag.",
  description=["Reads a state file written by Invoke-FairAllocation -StatePath (a missing file is an empty state) or a governor's state, and returns an object with Path, Strategy, Runs, TotalTasks, AssignedTasks and Agents: one row per agent with AgentId, Weight, Count, Entitlement (the assigned total shared by the latest weights) and Lag (Count minus Entitlement). A corrupt or foreign file is the error InvalidStateFile."],
  params=[
   ("Path","String",True,"0","false","The state file, taken literally. Aliases: PSPath, LiteralPath."),
   ("Governor","Object",True,None,"true (ByValue)","A governor from New-FairnessGovernor."),
  ],
  inputs=[("FairnessGovernor.State.Governor","A governor.")],
  outputs=[("FairnessGovernor.State.GovernorStateReport","The state's totals and per-agent rows.")],
  examples=[
   ("Totals of a state file","Get-FairnessState ./governor-state.json","Shows the runs, the tasks seen and the strategy."),
   ("Per-agent lag","(Get-FairnessState ./governor-state.json).Agents | Format-Table","One row per agent: count, weight, entitlement and lag."),
  ]),
 dict(name="Reset-FairnessState", verb="Reset", noun="FairnessState",
  synopsis="Resets a governor state to empty: counts, positions and totals start over.",
  description=["Replaces a state file (under its lock, atomically) or a governor's state with the empty state. Supports -WhatIf and -Confirm."],
  params=[
   ("Path","String",True,"0","false","The state file, taken literally. Aliases: PSPath, LiteralPath."),
   ("Governor","Object",True,None,"true (ByValue)","A governor from New-FairnessGovernor."),
   ("LockTimeoutSeconds","Double",False,None,"false","How long to wait for another run's lock on the state file, in seconds (default 10)."),
   ("WhatIf","SwitchParameter",False,None,"false","Shows what would be reset without changing it."),
   ("Confirm","SwitchParameter",False,None,"false","Asks before resetting."),
  ],
  inputs=[("FairnessGovernor.State.Governor","A governor.")],
  outputs=[("None","")],
  examples=[
   ("Start over","Reset-FairnessState ./governor-state.json","The next run starts the rotation from the beginning."),
   ("See what would be reset","Reset-FairnessState ./governor-state.json -WhatIf","Changes nothing."),
  ]),
 dict(name="Get-FairnessMetrics", verb="Get", noun="FairnessMetrics",
  synopsis="Computes fairness metrics from allocation decisions: one object per run.",
  description=["Takes decisions from Invoke-FairAllocation from the pipeline and returns one AllocationMetrics object per run: TaskCountPerAgent (every agent of the run, zero included, in agent order), MaxTasks, MinTasks, SkewRatio = MaxTasks / max(1, MinTasks), FairnessLabel (balanced when the skew is at most 1.5, strong_imbalance above the policy's max_skew_ratio, mild_imbalance between), AssignedCount, UnassignedCount, TaskCount, AgentCount, PolicyId and MaxSkewRatio.",
   "Beside the prototype's figures it reports weight-aware ones: Entitlement and Lag per agent (the weighted max-min fair share of the assigned tasks, and the count minus it), MaxAbsLag, WeightedSkewRatio and WeightedFairnessLabel, JainIndex, WeightedJainIndex, Gini and WeightedGini; and wait times: WaitMean, WaitP50, WaitP95, WaitMax, overall and per priority (WaitMeanByPriority and so on).",
   "Metrics describe the decisions received: filter with Where-Object first to measure a subset. Decisions read back from CSV or JSON (objects with TaskId and AgentId properties) are counted too; give -AgentPath or -Agent so agents without tasks are counted, and -MaxSkewRatio for the label. The -AgentPath file is read under the same input limits as Invoke-FairAllocation (-MaxInputBytes, -MaxDepth, -MaxAliasExpansion)."],
  params=[
   ("InputObject","PSObject",True,None,"true (ByValue)","Decisions from Invoke-FairAllocation, or objects with TaskId, AgentId and optionally Status, RunId and PolicyId properties."),
   ("Agent","Object[]",False,None,"false","For decisions without their run: the run's agents, so that agents with no task count as 0."),
   ("AgentPath","String",False,None,"false","For decisions without their run: the run's agent file."),
   ("MaxSkewRatio","Double",False,None,"false","For decisions without their run: the skew ratio above which the run is strong_imbalance. Default 2.0."),
   *LIMIT_PARAMS,
  ],
  inputs=[("FairnessGovernor.Allocation.AllocationDecision","Decisions from Invoke-FairAllocation.")],
  outputs=[("FairnessGovernor.Metrics.AllocationMetrics","One object per run.")],
  examples=[
   ("Metrics of the fixture run","Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json | Get-FairnessMetrics","Counts agent-a 2, agent-b 3, agent-c 1; SkewRatio 3.0; FairnessLabel strong_imbalance."),
   ("Metrics of decisions read back from CSV","Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json | Export-Csv ./decisions.csv\nImport-Csv ./decisions.csv | Get-FairnessMetrics -AgentPath ./fixtures/agents.json","The CSV rows carry TaskId, AgentId, Status, RunId and PolicyId, which is all the metrics need."),
   ("Only the high-priority tasks","Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json | Where-Object Priority -eq 'high' | Get-FairnessMetrics","Measures how the high-priority tasks alone were spread."),
  ]),
 dict(name="Export-FairnessReport", verb="Export", noun="FairnessReport",
  synopsis="Writes one self-contained HTML fairness report: runs from the pipeline, an evidence log's history, a state.",
  description=["Draws what it is given into one HTML file with inline SVG charts and inline CSS: nothing is loaded from anywhere (no script, font, image or style sheet by URL), so the file opens offline, can be attached to a ticket or published as a build artifact, prints on A4 and follows the reader's light or dark colour scheme.",
   "Decisions piped from Invoke-FairAllocation (a batch run, a -Stream run, or a subset after Where-Object) give one section per run: the headline (policy, strategy, run id, task and agent counts, fairness label and weighted label, Jain and weighted Jain index, MaxAbsLag), assigned tasks against entitlement per agent with lag and capacity marked, each agent's cumulative share over the dispatch sequence (past 10 agents: the 10 largest weights and 'others', relative to the weighted share), waits per priority as box plots, and decisions by status and reason. -EvidencePath adds the fairness figures of each logged run over time (Jain, weighted Jain, MaxAbsLag, skew) and the cumulative tasks; -StatePath adds each agent's cumulative count against its entitlement.",
   "Every chart has a title and a description for screen readers and its numbers in a table under a Numbers disclosure; series use the Okabe-Ito palette, safe for common colour blindness. A series has at most 1,000 points, so a report of 1,000,000 decisions stays well under 3 MB. The same input and -GeneratedAt give the same bytes.",
   "The report is built in memory and written to a temporary file in the same folder, then renamed over -Path: a failure (bad state file, unreadable log, missing folder) leaves any previous file as it was. Errors: ReportNeedsInput (nothing to report), ReportNeedsDecisions (objects that are not decisions from Invoke-FairAllocation), ReportFilterWithoutEvidence (-PolicyId, -After or -Before without -EvidencePath), ReportPathIsDirectory, ReportWriteFailed."],
  params=[
   ("Path","String",True,"0","false","The HTML file to write, taken literally (aliases PSPath, LiteralPath); an existing file is replaced atomically."),
   ("InputObject","PSObject",False,None,"true (ByValue)","Decisions from Invoke-FairAllocation, batch or -Stream; decisions of several runs give one section per run, in the order the runs first came."),
   ("EvidencePath","String",False,None,"false","An evidence log (Add-AllocationEvidence) whose runs are charted over time. Wildcards must match exactly one file."),
   ("PolicyId","String",False,None,"false","With -EvidencePath: only entries of this policy id (wildcards allowed, case-insensitive)."),
   ("After","DateTime",False,None,"false","With -EvidencePath: only entries logged after this time (UTC when the time has no zone)."),
   ("Before","DateTime",False,None,"false","With -EvidencePath: only entries logged before this time (UTC when the time has no zone)."),
   ("StatePath","String",False,None,"false","A state file (Invoke-FairAllocation -StatePath) whose per-agent cumulative counts, entitlements and lags are shown. Wildcards must match exactly one file; a corrupt file is InvalidStateFile."),
   ("Title","String",False,None,"false","The page's title and heading (default 'Fairness report')."),
   ("GeneratedAt","DateTime",False,None,"false","The time the report names as its making (default: now; a time without zone is UTC). Pin it to get byte-identical reports of the same input."),
   ("PassThru","SwitchParameter",False,None,"false","Emits the written file as a FileInfo."),
   ("WhatIf","SwitchParameter",False,None,"false","Shows the file that would be written without writing it."),
   ("Confirm","SwitchParameter",False,None,"false","Asks before writing the file."),
  ],
  inputs=[("FairnessGovernor.Allocation.AllocationDecision","Decisions from Invoke-FairAllocation.")],
  outputs=[("System.IO.FileInfo","With -PassThru, the written file; otherwise nothing.")],
  examples=[
   ("Report one run","Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json | Export-FairnessReport ./fairness.html","Writes fairness.html: the run's headline, per-agent bars against entitlement, cumulative shares, waits and decisions by reason."),
   ("History of an evidence log and the state","Export-FairnessReport ./history.html -EvidencePath ./evidence.jsonl -StatePath ./governor-state.json -Title 'Nightly fairness' -PassThru","Charts every logged run's Jain index, MaxAbsLag and skew over time, and where the state's cumulative counts stand; emits the file."),
   ("A reproducible report","Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -Stream | Export-FairnessReport ./stream.html -GeneratedAt '2026-12-02T00:00:00Z'","With the time pinned, the same input gives the same bytes, so the file can be compared or cached."),
  ]),
 dict(name="Add-AllocationEvidence", verb="Add", noun="AllocationEvidence",
  synopsis="Appends one evidence line per allocation run to a JSONL log.",
  description=["Takes decisions from Invoke-FairAllocation from the pipeline and, after the last one, appends one JSON line per run to the log at -Path (created when missing), with the prototype's fields first (timestamp in UTC, policy_id, task_count, agent_count, skew_ratio, fairness_label), then assigned and unassigned counts, the module version, SHA-256 digests of the canonical tasks, agents, policy and decisions, the previous line's hash and this line's hash (and an HMAC-SHA256 signature with -Key or -KeyPath).",
   "Appends from any number of processes are serialized by a lock file beside the log; each line is written whole and flushed to disk. The command refuses to append onto a damaged last line and says how to recover, leaving the file unchanged.",
   "Supports -WhatIf and -Confirm. Nothing is appended when the pipeline fails before its end."],
  params=[
   ("InputObject","PSObject",True,None,"true (ByValue)","Decisions from Invoke-FairAllocation."),
   ("Path","String",True,"0","false","The evidence log. Relative paths and PowerShell drives are resolved; the path is used as written (no wildcards). Aliases: PSPath, LiteralPath."),
   ("PassThru","SwitchParameter",False,None,"false","Emits the entries written, with their Hash (record it elsewhere to use as -Anchor later)."),
   ("Key","SecureString",False,None,"false","Signs each line with HMAC-SHA256; the key is the UTF-8 text of this SecureString."),
   ("KeyPath","String",False,None,"false","Signs each line with HMAC-SHA256; the key is the bytes of this file."),
   ("LockTimeoutSeconds","Double",False,None,"false","How long to wait for another writer's lock before failing with EvidenceLogLocked; default 10."),
   ("WhatIf","SwitchParameter",False,None,"false","Shows what would be appended without writing."),
   ("Confirm","SwitchParameter",False,None,"false","Asks before appending each line."),
  ],
  inputs=[("FairnessGovernor.Allocation.AllocationDecision","Decisions from Invoke-FairAllocation.")],
  outputs=[("FairnessGovernor.Evidence.EvidenceEntry","With -PassThru, the entries written.")],
  examples=[
   ("Log a run","Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json | Add-AllocationEvidence -Path ./evidence.jsonl -PassThru","Appends a line such as {\"timestamp\": \"2026-11-27T03:04:05.123456Z\", \"policy_id\": \"priority-weighted-rr\", \"task_count\": 6, \"agent_count\": 3, \"skew_ratio\": 3.0, \"fairness_label\": \"strong_imbalance\"}."),
   ("See what would be logged","Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json | Add-AllocationEvidence ./evidence.jsonl -WhatIf","Writes nothing."),
  ]),
 dict(name="Get-AllocationEvidence", verb="Get", noun="AllocationEvidence",
  synopsis="Reads an evidence log back as entry objects, oldest first.",
  description=["Reads the JSONL evidence log line by line (streaming) and emits one EvidenceEntry per line, oldest first, with Timestamp (UTC DateTime), PolicyId, TaskCount, AgentCount, SkewRatio, FairnessLabel and LineNumber. A line that is not a valid entry stops the command with the error InvalidEvidenceLine naming the line."],
  params=[
   ("Path","String[]",True,"0","true (ByValue)","Evidence log paths; wildcards allowed."),
   ("LiteralPath","String[]",True,None,"true (ByPropertyName)","Evidence log paths used exactly as written. Aliases: PSPath, LP."),
   ("PolicyId","String",False,None,"false","Only entries whose policy id matches this (wildcards allowed, case-insensitive)."),
   ("After","DateTime",False,None,"false","Only entries logged after this time. A time without a zone is UTC, whatever the machine's zone; a local [datetime] is converted to UTC."),
   ("Before","DateTime",False,None,"false","Only entries logged before this time. A time without a zone is UTC, whatever the machine's zone; a local [datetime] is converted to UTC."),
  ],
  inputs=[("System.String","Paths.")],
  outputs=[("FairnessGovernor.Evidence.EvidenceEntry","One entry per line.")],
  examples=[
   ("Read a log","Get-AllocationEvidence -Path ./evidence.jsonl","Lists every run logged, oldest first."),
   ("The runs of one policy with a strong imbalance","Get-AllocationEvidence ./evidence.jsonl -PolicyId 'priority-*' | Where-Object FairnessLabel -eq 'strong_imbalance'","Filters by policy id, then by label."),
  ]),
 dict(name="Test-AllocationEvidence", verb="Test", noun="AllocationEvidence",
  synopsis="Verifies an evidence log's hash chain and signatures, and optionally replays a logged run.",
  description=["Reads the log (streaming) and checks every line: it parses, its hash recomputes from its canonical content, and its prev equals the hash of the line before. Returns an EvidenceVerificationResult with IsValid, EntryCount, FirstInvalidLine ($null when valid), ErrorId and Reason, LastHash, and with -Key or -KeyPath the counts of signed, unsigned and wrongly signed lines.",
   "With -Replay it also re-runs the allocation of one logged line (-LineNumber, default the last) from the inputs you give, and returns an EvidenceReplayResult whose IsMatch says whether the tasks, agents, policy and decisions digests all match: proof that the logged run is what those inputs produce. The -Replay inputs are read under the same input limits as Invoke-FairAllocation (-MaxInputBytes, -MaxDepth, -MaxAliasExpansion)."],
  params=[
   ("Path","String",True,"0","false","The evidence log; wildcards must match one file."),
   ("LiteralPath","String",True,None,"true (ByPropertyName)","The evidence log, used exactly as written. Aliases: PSPath, LP."),
   ("Key","SecureString",False,None,"false","Checks HMAC-SHA256 signatures with this key (its UTF-8 text)."),
   ("KeyPath","String",False,None,"false","Checks HMAC-SHA256 signatures with the bytes of this file."),
   ("RequireSignature","SwitchParameter",False,None,"false","Counts an unsigned line as invalid (needs -Key or -KeyPath)."),
   ("AllowLegacy","SwitchParameter",False,None,"false","Accepts prototype lines without a hash before the first chained line."),
   ("Anchor","String",False,None,"false","A line hash recorded elsewhere (for example from Add-AllocationEvidence -PassThru) that the log must still contain; detects lines cut off the end."),
   ("LockTimeoutSeconds","Double",False,None,"false","How long to wait for a writer's lock while taking a consistent view of the file; default 10."),
   ("Replay","SwitchParameter",False,None,"false","Also replays one logged run from its inputs."),
   ("LineNumber","Int32",False,None,"false","With -Replay: the line to replay; default the last entry."),
   ("TaskPath","String",False,None,"false","With -Replay: the run's task file."),
   ("Task","Object[]",False,None,"false","With -Replay: the run's task objects."),
   ("AgentPath","String",False,None,"false","With -Replay: the run's agent file."),
   ("Agent","Object[]",False,None,"false","With -Replay: the run's agent objects."),
   ("PolicyPath","String",False,None,"false","With -Replay: the run's policy file."),
   ("Policy","Object",False,None,"false","With -Replay: the run's policy object."),
   *LIMIT_PARAMS,
  ],
  inputs=[("System.String","Paths, by property name.")],
  outputs=[("FairnessGovernor.Evidence.EvidenceVerificationResult","The verification."),("FairnessGovernor.Evidence.EvidenceReplayResult","With -Replay, the replay of the chosen line.")],
  examples=[
   ("Verify a log","Test-AllocationEvidence -Path ./evidence.jsonl","IsValid is True when no line was edited, removed, inserted or reordered; otherwise FirstInvalidLine names the first bad line."),
   ("Prove a logged run","Test-AllocationEvidence ./evidence.jsonl -Replay -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -PolicyPath ./fixtures/policy.json","The second object's IsMatch is True when the last line was made from these inputs."),
  ]),
 dict(name="Import-FairTask", verb="Import", noun="FairTask",
  synopsis="Reads and validates tasks from JSON/YAML files or objects.",
  description=["Reads tasks from files (an array of tasks or an object with a 'tasks' array) or converts objects (hashtables, PSCustomObjects, Import-Csv rows), checks every rule Invoke-FairAllocation checks, and emits FairTask objects (Id, Priority) that can be inspected, filtered and piped into Invoke-FairAllocation."],
  params=[
   ("Path","String[]",True,"0","false","Task files; wildcards allowed."),
   ("LiteralPath","String[]",True,None,"true (ByPropertyName)","Task files used exactly as written. Aliases: PSPath, LP."),
   ("InputObject","Object",True,None,"true (ByValue)","Objects to check and convert."),
   *LIMIT_PARAMS,
  ],
  inputs=[("System.Object","Objects to convert.")],
  outputs=[("FairnessGovernor.Model.FairTask","The validated tasks, in input order.")],
  examples=[
   ("Inspect a task file","Import-FairTask ./fixtures/tasks.json | Where-Object Priority -eq 'high'","Lists t2 and t5."),
   ("Validate rows from a CSV file","Import-Csv ./tasks.csv | Import-FairTask | Invoke-FairAllocation -AgentPath ./fixtures/agents.json","CSV values are text; Import-FairTask checks them before the allocation."),
  ]),
 dict(name="Import-FairAgent", verb="Import", noun="FairAgent",
  synopsis="Reads and validates agents from JSON/YAML files or objects.",
  description=["Reads agents from files (an array or an object with an 'agents' array) or converts objects, checks every rule, and emits FairAgent objects (Id, Weight, Capacity)."],
  params=[
   ("Path","String[]",True,"0","false","Agent files; wildcards allowed."),
   ("LiteralPath","String[]",True,None,"true (ByPropertyName)","Agent files used exactly as written. Aliases: PSPath, LP."),
   ("InputObject","Object",True,None,"true (ByValue)","Objects to check and convert."),
   *LIMIT_PARAMS,
  ],
  inputs=[("System.Object","Objects to convert.")],
  outputs=[("FairnessGovernor.Model.FairAgent","The validated agents, in input order.")],
  examples=[
   ("Inspect agents","Import-FairAgent ./fixtures/agents_with_capacity.json","Shows each agent's weight and capacity."),
   ("Reuse validated agents","$agents = Import-FairAgent ./fixtures/agents.yaml\nInvoke-FairAllocation -TaskPath ./fixtures/tasks.json -Agent $agents","Agents are read once and reused."),
  ]),
 dict(name="Import-FairnessPolicy", verb="Import", noun="FairnessPolicy",
  synopsis="Reads and validates a fairness policy from a JSON/YAML file or an object.",
  description=["Reads a policy object (policy_id, respect_priority, max_skew_ratio) from a file or converts an object, checks it, and emits a FairnessPolicy."],
  params=[
   ("Path","String[]",True,"0","false","Policy files; wildcards allowed."),
   ("LiteralPath","String[]",True,None,"true (ByPropertyName)","Policy files used exactly as written. Aliases: PSPath, LP."),
   ("InputObject","Object",True,None,"true (ByValue)","Objects to check and convert."),
   *LIMIT_PARAMS,
  ],
  inputs=[("System.Object","Objects to convert.")],
  outputs=[("FairnessGovernor.Model.FairnessPolicy","The validated policy.")],
  examples=[
   ("Inspect a policy","Import-FairnessPolicy ./fixtures/policy.yaml","Shows PolicyId priority-weighted-rr, RespectPriority True, MaxSkewRatio 2."),
   ("Build a policy from a hashtable","$policy = @{ policy_id = 'nightly'; respect_priority = $false } | Import-FairnessPolicy\nInvoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -Policy $policy","Unset keys take their defaults."),
  ]),
 dict(name="New-FairTask", verb="New", noun="FairTask",
  synopsis="Creates a validated task.",
  description=["Creates a FairTask from parameters, checked by the same rules as task files. Useful in scripts that build work lists; the result pipes into Invoke-FairAllocation."],
  params=[
   ("Id","String",True,"0","true (ByValue, ByPropertyName)","The task id: a non-empty string. Alias: TaskId."),
   ("Priority","String",False,"1","true (ByPropertyName)","high, normal (the default) or low. Tab completion offers the three values."),
   ("Group","String",False,None,"true (ByPropertyName)","The task's group, counted against the policy's group quotas."),
   ("Duration","Double",False,None,"true (ByPropertyName)","How long the task takes, for wait times; greater than 0, default 1."),
   ("Arrival","Double",False,None,"true (ByPropertyName)","When the task arrives, for wait times; 0 or more, default 0."),
  ],
  inputs=[("System.String","Task ids.")],
  outputs=[("FairnessGovernor.Model.FairTask","The task.")],
  examples=[
   ("One task","New-FairTask -Id 'deploy-42' -Priority high","Creates a high-priority task."),
   ("Tasks from a list of ids","'a', 'b', 'c' | New-FairTask | Invoke-FairAllocation -AgentPath ./fixtures/agents.json","Each id becomes a normal-priority task."),
  ]),
 dict(name="New-FairAgent", verb="New", noun="FairAgent",
  synopsis="Creates a validated agent.",
  description=["Creates a FairAgent from parameters, checked by the same rules as agent files."],
  params=[
   ("Id","String",True,"0","true (ByValue, ByPropertyName)","The agent id: a non-empty string. Alias: AgentId."),
   ("Weight","Int32",False,"1","true (ByPropertyName)","The agent's share of the rotation: a whole number from 0 (never chosen) up; default 1. A blank value (an empty Import-Csv cell) means the default."),
   ("Capacity","Int32",False,None,"true (ByPropertyName)","The most tasks the agent takes in one run; omit, or leave blank, for unlimited."),
   ("MaxShare","Double",False,None,"true (ByPropertyName)","The largest fraction (0 to 1) of a run's tasks the agent may take: at most floor(MaxShare x tasks); blank for no limit. Alias: max_share, the name agent files use."),
  ],
  inputs=[("System.String","Agent ids.")],
  outputs=[("FairnessGovernor.Model.FairAgent","The agent.")],
  examples=[
   ("A heavier agent with a cap","New-FairAgent -Id 'gpu-1' -Weight 3 -Capacity 10","Three slots in the rotation, at most ten tasks a run."),
   ("Agents for an allocation","$agents = @(New-FairAgent a 1); $agents += New-FairAgent b 2\nInvoke-FairAllocation -TaskPath ./fixtures/tasks.json -Agent $agents","Builds the agent list in a script."),
  ]),
 dict(name="New-FairnessPolicy", verb="New", noun="FairnessPolicy",
  synopsis="Creates a validated fairness policy.",
  description=["Creates a FairnessPolicy from parameters, checked by the same rules as policy files."],
  params=[
   ("PolicyId","String",False,"0","false","Names the policy in decisions and evidence; default 'default'. Alias: policy_id."),
   ("RespectPriority","Boolean",False,None,"false","When $true (the default), high tasks are dispatched first, then normal, then low. Alias: respect_priority."),
   ("MaxSkewRatio","Double",False,None,"false","The skew ratio above which a run is labelled strong_imbalance; at least 1, default 2.0. Alias: max_skew_ratio."),
   ("Strategy","String",False,None,"false","weighted_round_robin (the default, the prototype's rotation), smooth_weighted_round_robin (nginx's rule) or lag_bounded (Tijdeman's rule: every prefix stays within one task of each agent's weighted share). Tab completion offers the three."),
   ("MaxBypass","Int32",False,None,"false","Anti-starvation: a task may be overtaken by at most this many later tasks, then it is dispatched next. Default unlimited. Alias: max_bypass."),
   ("GroupQuota","IDictionary",False,None,"false","The most tasks of each group assigned in one run, as a hashtable such as @{ batch = 10 }. Alias: group_quotas."),
  ],
  inputs=[("None","This cmdlet takes no pipeline input.")],
  outputs=[("FairnessGovernor.Model.FairnessPolicy","The policy.")],
  examples=[
   ("Input order, tolerant labels","New-FairnessPolicy -PolicyId 'fifo' -RespectPriority $false -MaxSkewRatio 3","A policy that ignores priorities."),
   ("Use it","Invoke-FairAllocation -TaskPath ./fixtures/tasks.json -AgentPath ./fixtures/agents.json -Policy (New-FairnessPolicy 'nightly')","The policy id appears on every decision."),
  ]),
]

out=['<?xml version="1.0" encoding="utf-8"?>','<helpItems schema="maml" xmlns="http://msh">']
for c in cmdlets:
    o=out.append
    o('  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    o('    <command:details>')
    o(f'      <command:name>{c["name"]}</command:name>')
    o(f'      <command:verb>{c["verb"]}</command:verb>')
    o(f'      <command:noun>{c["noun"]}</command:noun>')
    o(f'      <maml:description><maml:para>{E(c["synopsis"])}</maml:para></maml:description>')
    o('    </command:details>')
    o('    <maml:description>')
    for p in c["description"]: o(f'      <maml:para>{E(p)}</maml:para>')
    o('    </maml:description>')
    o('    <command:syntax>')
    o('      <command:syntaxItem>')
    o(f'        <maml:name>{c["name"]}</maml:name>')
    for (n,t,req,pos,pipe,d) in c["params"]:
        o(f'        <command:parameter required="{str(req).lower()}" globbing="false" pipelineInput="{pipe}" position="{pos or "named"}">')
        o(f'          <maml:name>{n}</maml:name>')
        o(f'          <command:parameterValue required="true">{t}</command:parameterValue>' if t!="SwitchParameter" else '')
        o('        </command:parameter>')
    o('      </command:syntaxItem>')
    o('    </command:syntax>')
    o('    <command:parameters>')
    for (n,t,req,pos,pipe,d) in c["params"]:
        o(f'      <command:parameter required="{str(req).lower()}" globbing="false" pipelineInput="{pipe}" position="{pos or "named"}">')
        o(f'        <maml:name>{n}</maml:name>')
        o(f'        <maml:description><maml:para>{E(d)}</maml:para></maml:description>')
        o(f'        <command:parameterValue required="{"false" if t=="SwitchParameter" else "true"}">{t}</command:parameterValue>')
        o(f'        <dev:type><maml:name>{t}</maml:name></dev:type>')
        o('      </command:parameter>')
    o('    </command:parameters>')
    o('    <command:inputTypes>')
    for (t,d) in c["inputs"]:
        o(f'      <command:inputType><dev:type><maml:name>{t}</maml:name></dev:type><maml:description><maml:para>{E(d)}</maml:para></maml:description></command:inputType>')
    o('    </command:inputTypes>')
    o('    <command:returnValues>')
    for (t,d) in c["outputs"]:
        o(f'      <command:returnValue><dev:type><maml:name>{t}</maml:name></dev:type><maml:description><maml:para>{E(d)}</maml:para></maml:description></command:returnValue>')
    o('    </command:returnValues>')
    o('    <command:examples>')
    for i,(title,code,remark) in enumerate(c["examples"],1):
        o('      <command:example>')
        o(f'        <maml:title>-------------------------- Example {i}: {E(title)} --------------------------</maml:title>')
        o(f'        <dev:code>{E(code)}</dev:code>')
        o(f'        <dev:remarks><maml:para>{E(remark)}</maml:para></dev:remarks>')
        o('      </command:example>')
    o('    </command:examples>')
    o('    <command:relatedLinks>')
    o('      <maml:navigationLink><maml:linkText>about_FairnessGovernor</maml:linkText><maml:uri></maml:uri></maml:navigationLink>')
    o('    </command:relatedLinks>')
    o('  </command:command>')
out.append('</helpItems>')
open(__import__('os').path.join(__import__('os').path.dirname(__file__), '..', 'module', 'en-US', 'FairnessGovernor.PowerShell.dll-Help.xml'),'w').write("\n".join(l for l in out if l!='')+"\n")
