using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using FairnessGovernor.Allocation;
using FairnessGovernor.Errors;
using FairnessGovernor.Input;
using FairnessGovernor.Model;
using FairnessGovernor.Output;
using FairnessGovernor.State;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Allocates tasks among agents under a fairness policy and emits one decision per task.</para>
    /// <para>SPEC.md 8.3: the inputs (through <see cref="InputSources"/>), one engine call (a batch run, or a stream
    /// with -Stream), then the decisions, or the document with -OutFile; -StatePath and -Governor continue a state.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "FairAllocation", SupportsShouldProcess = true, DefaultParameterSetName = "Decisions")]
    [OutputType("FairnessGovernor.Allocation.AllocationDecision", "FairnessGovernor.Allocation.EmptyRun")]
    public sealed class InvokeFairAllocationCommand : InputLimitsCmdlet, IDisposable
    {
        private readonly List<object?> _pipelineTasks = new List<object?>();
        private InputSources? _inputs;
        private StreamedAllocation? _stream; // while -Stream runs
        private volatile bool _stopping;

        /// <summary>Task objects: hashtables, PSCustomObjects, Import-Csv rows or Import-FairTask output. Binds from the pipeline.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull, AllowEmptyCollection]
        public object?[]? Task { get; set; }

        /// <summary>A JSON or YAML task file; wildcards allowed, must match one file.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? TaskPath { get; set; }

        /// <summary>A task file path taken literally (no wildcards).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LiteralTaskPath { get; set; }

        /// <summary>Agent objects.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public object?[]? Agent { get; set; }

        /// <summary>A JSON or YAML agent file; wildcards allowed, must match one file.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? AgentPath { get; set; }

        /// <summary>An agent file path taken literally.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LiteralAgentPath { get; set; }

        /// <summary>Agent ids to leave out of this run (for example agents being drained). Tab completion offers the ids in -AgentPath.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? ExcludeAgent { get; set; }

        /// <summary>The policy as an object (hashtable, PSCustomObject or Import-FairnessPolicy output). Default: the default policy.</summary>
        [Parameter]
        public object? Policy { get; set; }

        /// <summary>A JSON or YAML policy file; wildcards allowed, must match one file.</summary>
        [Parameter(Position = 2)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? PolicyPath { get; set; }

        /// <summary>A policy file path taken literally.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LiteralPolicyPath { get; set; }

        /// <summary>Writes the allocation document (the prototype's --out format) to this file instead of emitting decisions.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>With -OutFile, also emit the decisions.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Record on each decision the agents passed over on the way to its agent, and why (the Skipped property).</summary>
        [Parameter]
        public SwitchParameter Explain { get; set; }

        /// <summary>With -OutFile, refuse to overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Continue the fairness state in this file (created when missing) and save the state after the run, under a lock.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        /// <summary>Continue the state of an in-session governor from New-FairnessGovernor.</summary>
        [Parameter]
        public object? Governor { get; set; }

        /// <summary>Continue the policy's state in a PostgreSQL store from New-FairnessStore, and record the run's evidence entry there, in one transaction.</summary>
        [Parameter]
        public object? Store { get; set; }

        /// <summary>With -Store: the policy id the run must have (a guard: a policy with another id is refused before anything is read from the store).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PolicyId { get; set; }

        /// <summary>Decide and emit each pipeline task as it arrives (keeping only the agents, the window and the ids seen), instead of after all input.</summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        /// <summary>With -Stream: how many arrived tasks may wait to be ordered by priority (default 1: arrival order).</summary>
        [Parameter]
        [ValidateRange(1, 1000000)]
        public int WindowSize { get; set; } = 1;

        /// <summary>
        /// The run's time for -StatePath and -Governor (taken as UTC; a local time is converted): carried usage decays to
        /// it under the policy's usage_half_life, and the state records it. Default: now (UTC).
        /// </summary>
        [Parameter]
        public DateTime? AsOf { get; set; }

        /// <summary>With -StatePath: how long to wait for another run's lock on the state file, in seconds (default 10).</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public double LockTimeoutSeconds { get; set; } = 10;


        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if ((StatePath != null ? 1 : 0) + (Governor != null ? 1 : 0) + (Store != null ? 1 : 0) > 1)
                Stop("ConflictingStateInput", "Give one of -StatePath, -Governor and -Store.", ErrorCategory.InvalidArgument);
            if (PolicyId != null && Store == null)
                Stop("PolicyIdWithoutStore", "-PolicyId goes with -Store.", ErrorCategory.InvalidArgument);
            if (Stream && OutFile != null)
                Stop("StreamWithOutFile", "-Stream emits decisions as they are made; it cannot write the -OutFile document, which needs the whole run.", ErrorCategory.InvalidArgument);
            if (AsOf.HasValue && StatePath == null && Governor == null && Store == null)
                Stop("AsOfWithoutState", "-AsOf sets the time of a run that continues a state; it goes with -StatePath, -Governor or -Store.", ErrorCategory.InvalidArgument);
            if (MyInvocation.BoundParameters.ContainsKey("WindowSize") && !Stream)
                Stop("WindowSizeWithoutStream", "-WindowSize goes with -Stream.", ErrorCategory.InvalidArgument);
            // The limits hold for every input of the command, streamed or not (SPEC.md 1.2).
            _inputs = new InputSources(this, GetLimits());
            _inputs.CheckPathPair("Task", TaskPath, LiteralTaskPath);
            _inputs.CheckPathPair("Agent", AgentPath, LiteralAgentPath);
            _inputs.CheckPathPair("Policy", PolicyPath, LiteralPolicyPath);
            _inputs.CheckTaskSource(TaskFileGiven, MyInvocation.BoundParameters.ContainsKey("Task") && !MyInvocation.ExpectingInput, MyInvocation.ExpectingInput);
            _inputs.CheckAgentSource(AgentPath != null || LiteralAgentPath != null, Agent != null);
            _inputs.CheckPolicySource(PolicyPath != null || LiteralPolicyPath != null, Policy != null);
            if ((PassThru || NoClobber) && OutFile == null)
                Stop("OutFileSwitchWithoutOutFile", "-PassThru and -NoClobber go with -OutFile.", ErrorCategory.InvalidArgument);
            if (Stream) StartStream();
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Task == null)
            {
                // A $null piped in is an item like any other: the engine reports it (NullItem) rather than it vanishing.
                if (MyInvocation.ExpectingInput) _pipelineTasks.Add(null);
                return;
            }
            _inputs!.CheckTaskSource(TaskFileGiven, true, true);
            if (_stream != null)
            {
                StreamTasks(Task);
                return;
            }
            foreach (var t in Task) _pipelineTasks.Add(t);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var inputs = _inputs!;
            string? taskFile = inputs.File("Task", TaskPath, LiteralTaskPath);
            string? agentFile = inputs.File("Agent", AgentPath, LiteralAgentPath);
            string? policyFile = inputs.File("Policy", PolicyPath, LiteralPolicyPath);
            if (_stream != null)
            {
                EndStream(taskFile);
                return;
            }
            string? outFile = OutFile != null ? ResolvePaths(OutFile, true, "OutFile", mustExist: false)[0] : null;
            string? statePath = StatePath != null ? ResolvePaths(StatePath, true, "StatePath", mustExist: false)[0] : null;
            var governor = Governor != null ? UnwrapGovernor(Governor) : null;

            AllocationResult result;
            try
            {
                var tasks = inputs.Tasks(taskFile, _pipelineTasks);
                var agents = inputs.Agents(agentFile, Agent, ExcludeAgent);
                var policy = inputs.Policy(policyFile, Policy);
                WriteVerbose("Allocating " + tasks.Count + " tasks among " + agents.Count + " agents under policy '" + policy.PolicyId + "' (" + policy.Strategy + ").");
                var options = new AllocationOptions { Explain = Explain };
                CheckPolicyId(policy);
                if (Store != null)
                    result = StoreCommands.Allocate(this, Store, tasks, agents, policy, options, AsOf,
                        next => ShouldProcess(StoreCommands.Describe(this, Store, policy.PolicyId), "Keep fairness state and record evidence (run " + next.Runs + ", " + next.TotalTasks + " tasks in total)"));
                else if (statePath != null) result = AllocateWithStateFile(statePath, tasks, agents, policy, options);
                else if (governor != null)
                    result = governor.Allocate(tasks, agents, policy, options, RunTime,
                        next => ShouldProcess("governor", "Keep fairness state (run " + next.Runs + ", " + next.TotalTasks + " tasks in total)"));
                else result = Allocator.Allocate(tasks, agents, policy, options);
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex);
                return;
            }

            if (outFile != null)
            {
                WriteDocument(result, outFile);
                if (!PassThru) return;
            }
            EmitDecisions(result);
        }

        /// <inheritdoc />
        protected override void StopProcessing() => _stopping = true;

        /// <summary>Releases the state file's lock when a stream is stopped or fails (nothing is saved then).</summary>
        public void Dispose()
        {
            _stream?.Dispose();
            _stream = null;
        }

        /// <summary>The run time of a stateful run (SPEC.md 7.10): -AsOf as UTC, or now.</summary>
        private DateTime RunTime => AsOf.HasValue ? UsageClock.Utc(AsOf.Value) : DateTime.UtcNow;

        private bool TaskFileGiven => TaskPath != null || LiteralTaskPath != null;

        private void StartStream()
        {
            var inputs = _inputs!;
            string? agentFile = inputs.File("Agent", AgentPath, LiteralAgentPath);
            string? policyFile = inputs.File("Policy", PolicyPath, LiteralPolicyPath);
            string? statePath = StatePath != null ? ResolvePaths(StatePath, true, "StatePath", mustExist: false)[0] : null;
            var governor = Governor != null ? UnwrapGovernor(Governor) : null;
            try
            {
                var agents = inputs.Agents(agentFile, Agent, ExcludeAgent);
                var policy = inputs.Policy(policyFile, Policy);
                CheckPolicyId(policy);
                _stream = new StreamedAllocation(agents, policy, new AllocationStreamOptions { WindowSize = WindowSize, Explain = Explain, AsOf = RunTime }, statePath, governor, TimeSpan.FromSeconds(LockTimeoutSeconds), inputs, IsWhatIf, this, Store, AsOf);
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex);
            }
        }

        private void StreamTasks(IEnumerable<object?> tasks)
        {
            try
            {
                foreach (var t in tasks)
                    foreach (var d in _stream!.Add(t))
                        WriteObject(d);
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex);
            }
        }

        private void EndStream(string? taskFile)
        {
            var stream = _stream!;
            if (taskFile != null)
            {
                try { StreamTasks(TaskLoader.FromFile(taskFile, _inputs!.Limits)); }
                catch (FairnessException ex) { ThrowEngineError(ex); }
            }
            foreach (var d in stream.Complete()) WriteObject(d);
            if (stream.TaskCount == 0) WriteObject(new EmptyRun(stream.Engine)); // no decisions: the run itself (SPEC.md 1.8)
            string target = Store != null ? StoreCommands.Describe(this, Store, stream.PolicyId) : StatePath ?? "governor";
            if (stream.HasState && ShouldProcess(target, "Save fairness state after " + stream.TaskCount + " streamed tasks"))
            {
                try { stream.Save(); }
                catch (FairnessException ex) { ThrowEngineError(ex); }
            }
            Dispose();
        }

        /// <summary>Under the state file's lock: read the state, allocate continuing it, save the next state (not with -WhatIf).</summary>
        private AllocationResult AllocateWithStateFile(string path, IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions options)
        {
            if (IsWhatIf)
            {
                // -WhatIf creates no file at all, not even the lock: read the state as it is, decide, say what would be kept.
                var result = Allocator.Allocate(tasks, agents, policy, options, GovernorStateFile.Load(path), out var next);
                ShouldProcess(path, "Save fairness state (run " + next.Runs + ", " + next.TotalTasks + " tasks in total)");
                return result;
            }
            using (var l = GovernorStateFile.Open(path, TimeSpan.FromSeconds(LockTimeoutSeconds)))
            {
                var result = Allocator.Allocate(tasks, agents, policy, options, l.State, RunTime, out var next);
                if (ShouldProcess(path, "Save fairness state (run " + next.Runs + ", " + next.TotalTasks + " tasks in total)")) l.Save(next);
                return result;
            }
        }

        /// <summary>With -PolicyId, the policy must have that id (PolicyIdMismatch): a runbook pointed at the wrong policy file records nothing.</summary>
        private void CheckPolicyId(FairnessPolicy policy)
        {
            if (PolicyId != null && !string.Equals(PolicyId, policy.PolicyId, StringComparison.Ordinal))
                Stop("PolicyIdMismatch", "-PolicyId is '" + PolicyId + "' but the policy's id is '" + policy.PolicyId + "'; nothing was read or recorded.", ErrorCategory.InvalidArgument, policy.PolicyId);
        }

        private void WriteDocument(AllocationResult result, string path)
        {
            if (NoClobber && File.Exists(path))
                Stop("OutFileExists", "The file '" + path + "' exists and -NoClobber was given.", ErrorCategory.ResourceExists, path);
            if (Directory.Exists(path))
                Stop("OutFileIsDirectory", "-OutFile '" + path + "' is a directory; expected a file path.", ErrorCategory.InvalidArgument, path);
            if (!ShouldProcess(path, "Write allocation document (" + result.Count + " decisions)")) return;
            try
            {
                WriteFileAtomically(path, stream => AllocationDocument.Write(stream, result));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Name the path the user gave, not the temporary file the write goes through.
                var folder = System.IO.Path.GetDirectoryName(path);
                string problem = folder != null && !Directory.Exists(folder) ? "the folder '" + folder + "' does not exist." : ex.Message;
                ThrowTerminatingError(new ErrorRecord(new IOException("Cannot write -OutFile '" + path + "': " + problem, ex), "OutFileWriteFailed", ErrorCategory.WriteError, path));
            }
        }

        private void EmitDecisions(AllocationResult result)
        {
            if (result.Count == 0)
            {
                // No decisions to carry the run down the pipeline: the run itself goes, so metrics and evidence see it (SPEC.md 1.8).
                WriteObject(new EmptyRun(result));
                return;
            }
            var clock = Stopwatch.StartNew();
            long nextProgress = 1000;
            var progress = new ProgressRecord(1, "Invoke-FairAllocation", "Emitting decisions");
            for (int i = 0; i < result.Count && !_stopping; i++)
            {
                WriteObject(result.GetDecision(i));
                if ((i & 1023) == 0 && clock.ElapsedMilliseconds >= nextProgress)
                {
                    nextProgress = clock.ElapsedMilliseconds + 500;
                    progress.PercentComplete = (int)(100L * i / result.Count);
                    progress.StatusDescription = i + " of " + result.Count + " decisions";
                    WriteProgress(progress);
                }
            }
            if (nextProgress > 1000)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        private void Stop(string errorId, string message, ErrorCategory category, object? target = null) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, category, target));
    }
}
