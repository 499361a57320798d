using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using FairnessGovernor.Allocation;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;
using FairnessGovernor.Output;
using FairnessGovernor.State;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Allocates tasks among agents under a fairness policy and emits one decision per task.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "FairAllocation", SupportsShouldProcess = true, DefaultParameterSetName = "Decisions")]
    [OutputType("FairnessGovernor.Allocation.AllocationDecision")]
    public sealed class InvokeFairAllocationCommand : InputLimitsCmdlet, IDisposable
    {
        private readonly List<object?> _pipelineTasks = new List<object?>();
        private object? _streamRun; // a StreamRun while -Stream runs
        private volatile bool _stopping;

        /// <summary>Task objects: hashtables, PSCustomObjects, Import-Csv rows or Import-FairTask output. Binds from the pipeline.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull, AllowEmptyCollection]
        public object?[]? Task { get; set; }

        /// <summary>A JSON or YAML task file; wildcards allowed, must match one file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
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
        [Parameter]
        [ValidateNotNullOrEmpty]
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
        [Parameter]
        [ValidateNotNullOrEmpty]
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

        /// <summary>Decide and emit each pipeline task as it arrives (keeping only the agents, the window and the ids seen), instead of after all input.</summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        /// <summary>With -Stream: how many arrived tasks may wait to be ordered by priority (default 1: arrival order).</summary>
        [Parameter]
        [ValidateRange(1, 1000000)]
        public int WindowSize { get; set; } = 1;

        /// <summary>With -StatePath: how long to wait for another run's lock on the state file, in seconds (default 10).</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public double LockTimeoutSeconds { get; set; } = 10;


        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (StatePath != null && Governor != null)
                Stop("ConflictingStateInput", "Give -StatePath or -Governor, not both.", ErrorCategory.InvalidArgument);
            if (Stream && OutFile != null)
                Stop("StreamWithOutFile", "-Stream emits decisions as they are made; it cannot write the -OutFile document, which needs the whole run.", ErrorCategory.InvalidArgument);
            if (MyInvocation.BoundParameters.ContainsKey("WindowSize") && !Stream)
                Stop("WindowSizeWithoutStream", "-WindowSize goes with -Stream.", ErrorCategory.InvalidArgument);
            Conflict(TaskPath, LiteralTaskPath, "TaskPath", "LiteralTaskPath");
            Conflict(AgentPath, LiteralAgentPath, "AgentPath", "LiteralAgentPath");
            Conflict(PolicyPath, LiteralPolicyPath, "PolicyPath", "LiteralPolicyPath");
            bool taskFile = TaskPath != null || LiteralTaskPath != null;
            if (taskFile && (MyInvocation.BoundParameters.ContainsKey("Task") && !MyInvocation.ExpectingInput))
                Stop("ConflictingTaskInput", "Give tasks either as a file (-TaskPath or -LiteralTaskPath) or as objects (-Task or the pipeline), not both.", ErrorCategory.InvalidArgument);
            if (!taskFile && !MyInvocation.BoundParameters.ContainsKey("Task") && !MyInvocation.ExpectingInput)
                Stop("MissingTaskInput", "No tasks: give -TaskPath, -LiteralTaskPath, -Task, or pipe task objects in.", ErrorCategory.InvalidArgument);
            bool agentFile = AgentPath != null || LiteralAgentPath != null;
            if (agentFile && Agent != null)
                Stop("ConflictingAgentInput", "Give agents either as a file (-AgentPath or -LiteralAgentPath) or as objects (-Agent), not both.", ErrorCategory.InvalidArgument);
            if (!agentFile && Agent == null)
                Stop("MissingAgentInput", "No agents: give -AgentPath, -LiteralAgentPath or -Agent.", ErrorCategory.InvalidArgument);
            if ((PolicyPath != null || LiteralPolicyPath != null) && Policy != null)
                Stop("ConflictingPolicyInput", "Give the policy either as a file (-PolicyPath or -LiteralPolicyPath) or as an object (-Policy), not both.", ErrorCategory.InvalidArgument);
            if ((PassThru || NoClobber) && OutFile == null)
                Stop("OutFileSwitchWithoutOutFile", "-PassThru and -NoClobber go with -OutFile.", ErrorCategory.InvalidArgument);
            if (Stream) StartStream();
        }

        private void StartStream()
        {
            string? agentFile = AgentPath != null ? ResolveInputPath(AgentPath, false, "AgentPath") : LiteralAgentPath != null ? ResolveInputPath(LiteralAgentPath, true, "LiteralAgentPath") : null;
            string? policyFile = PolicyPath != null ? ResolveInputPath(PolicyPath, false, "PolicyPath") : LiteralPolicyPath != null ? ResolveInputPath(LiteralPolicyPath, true, "LiteralPolicyPath") : null;
            string? statePath = StatePath != null ? ResolvePaths(StatePath, true, "StatePath", mustExist: false)[0] : null;
            object? governor = Governor != null ? UnwrapGovernor(Governor) : null;
            try
            {
                var limits = GetLimits(); // the limits hold for every input of the command, streamed or not (SPEC.md 1.2)
                var agents = EngineInput.Without(EngineInput.Agents(agentFile, EngineInput.Flatten(Agent), "Agent", limits), ExcludeAgent, agentFile ?? "-Agent objects");
                var policy = EngineInput.Policy(policyFile, Policy, "Policy", limits);
                _streamRun = new StreamRun(agents, policy, new AllocationStreamOptions { WindowSize = WindowSize, Explain = Explain }, statePath, governor, TimeSpan.FromSeconds(LockTimeoutSeconds), limits);
            }
            catch (FairnessInputException ex)
            {
                ThrowInputError(ex);
            }
            catch (GovernorStateException ex)
            {
                ThrowStateError(ex);
            }
        }

        private void StreamTasks(IEnumerable<object?> tasks)
        {
            var run = (StreamRun)_streamRun!;
            try
            {
                foreach (var t in tasks)
                    foreach (var d in run.Add(t))
                        WriteObject(d);
            }
            catch (FairnessInputException ex)
            {
                ThrowInputError(ex);
            }
        }

        private void EndStream(string? taskFile)
        {
            var run = (StreamRun)_streamRun!;
            if (taskFile != null)
            {
                try { StreamTasks(TaskLoader.FromFile(taskFile, GetLimits())); }
                catch (FairnessInputException ex) { ThrowInputError(ex); }
            }
            foreach (var d in run.Complete()) WriteObject(d);
            if (run.HasState && ShouldProcess(StatePath ?? "governor", "Save fairness state after " + run.TaskCount + " streamed tasks"))
            {
                try { run.Save(); }
                catch (GovernorStateException ex) { ThrowStateError(ex); }
            }
            run.Dispose();
            _streamRun = null;
        }

        /// <summary>Releases the state file's lock when a stream is stopped or fails (nothing is saved then).</summary>
        public void Dispose()
        {
            (_streamRun as IDisposable)?.Dispose();
            _streamRun = null;
        }

        /// <summary>A stream in progress: the engine stream, and the state file lock or governor it continues.</summary>
        private sealed class StreamRun : IDisposable
        {
            private readonly AllocationStream _stream;
            private readonly GovernorStateLock? _lock;
            private readonly Governor? _governor;
            private readonly InputLimits _limits;
            private int _index;

            public StreamRun(IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationStreamOptions options, string? statePath, object? governor, TimeSpan timeout, InputLimits limits)
            {
                _governor = governor as Governor;
                _limits = limits;
                if (statePath != null) _lock = GovernorStateFile.Open(statePath, timeout);
                try
                {
                    _stream = new AllocationStream(agents, policy, options, _lock?.State ?? _governor?.State);
                }
                catch
                {
                    _lock?.Dispose();
                    throw;
                }
            }

            public bool HasState => _lock != null || _governor != null;

            public int TaskCount => _stream.TaskCount;

            public IReadOnlyList<AllocationDecision> Add(object? item)
            {
                var label = "tasks[" + _index++ + "]";
                var task = (item is PSObject p ? p.BaseObject : item) as FairTask ?? TaskLoader.FromItem(ObjectInput.ToItem(item), ObjectInput.Source("Task"), label, _limits);
                return _stream.Add(task);
            }

            public IReadOnlyList<AllocationDecision> Complete() => _stream.Complete();

            public void Save()
            {
                if (_lock != null) _lock.Save(_stream.NextState!);
                else _governor?.Commit(_stream);
            }

            public void Dispose() => _lock?.Dispose();
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
            if (TaskPath != null || LiteralTaskPath != null)
                Stop("ConflictingTaskInput", "Give tasks either as a file (-TaskPath or -LiteralTaskPath) or as objects (-Task or the pipeline), not both.", ErrorCategory.InvalidArgument);
            if (_streamRun != null)
            {
                StreamTasks(Task);
                return;
            }
            foreach (var t in Task) _pipelineTasks.Add(t);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            string? taskFile = TaskPath != null ? ResolveInputPath(TaskPath, false, "TaskPath") : LiteralTaskPath != null ? ResolveInputPath(LiteralTaskPath, true, "LiteralTaskPath") : null;
            string? agentFile = AgentPath != null ? ResolveInputPath(AgentPath, false, "AgentPath") : LiteralAgentPath != null ? ResolveInputPath(LiteralAgentPath, true, "LiteralAgentPath") : null;
            string? policyFile = PolicyPath != null ? ResolveInputPath(PolicyPath, false, "PolicyPath") : LiteralPolicyPath != null ? ResolveInputPath(LiteralPolicyPath, true, "LiteralPolicyPath") : null;
            if (_streamRun != null)
            {
                EndStream(taskFile);
                return;
            }
            string? outFile = OutFile != null ? ResolvePaths(OutFile, true, "OutFile", mustExist: false)[0] : null;
            string? statePath = StatePath != null ? ResolvePaths(StatePath, true, "StatePath", mustExist: false)[0] : null;
            object? governor = Governor != null ? UnwrapGovernor(Governor) : null;

            AllocationResult result;
            try
            {
                var limits = GetLimits();
                var tasks = EngineInput.Tasks(taskFile, _pipelineTasks, "Task", limits);
                var agents = EngineInput.Without(EngineInput.Agents(agentFile, EngineInput.Flatten(Agent), "Agent", limits), ExcludeAgent, agentFile ?? "-Agent objects");
                var policy = EngineInput.Policy(policyFile, Policy, "Policy", limits);
                WriteVerbose("Allocating " + tasks.Count + " tasks among " + agents.Count + " agents under policy '" + policy.PolicyId + "' (" + policy.Strategy + ").");
                var options = new AllocationOptions { Explain = Explain };
                if (statePath != null) result = AllocateWithStateFile(statePath, tasks, agents, policy, options);
                else if (governor != null) result = ((Governor)governor).Allocate(tasks, agents, policy, options);
                else result = Allocator.Allocate(tasks, agents, policy, options);
            }
            catch (FairnessInputException ex)
            {
                ThrowInputError(ex);
                return;
            }
            catch (GovernorStateException ex)
            {
                ThrowStateError(ex);
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

        /// <summary>Under the state file's lock: read the state, allocate continuing it, save the next state (not with -WhatIf).</summary>
        private AllocationResult AllocateWithStateFile(string path, IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationOptions options)
        {
            using (var l = GovernorStateFile.Open(path, TimeSpan.FromSeconds(LockTimeoutSeconds)))
            {
                var result = Allocator.Allocate(tasks, agents, policy, options, l.State, out var next);
                if (ShouldProcess(path, "Save fairness state (run " + next.Runs + ", " + next.TotalTasks + " tasks in total)")) l.Save(next);
                return result;
            }
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
                ThrowTerminatingError(new ErrorRecord(ex, "OutFileWriteFailed", ErrorCategory.WriteError, path));
            }
        }

        private void EmitDecisions(AllocationResult result)
        {
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

        private void Conflict(string? a, string? b, string nameA, string nameB)
        {
            if (a != null && b != null)
                Stop("ConflictingPathParameters", "Give -" + nameA + " or -" + nameB + ", not both.", ErrorCategory.InvalidArgument);
        }

        private void Stop(string errorId, string message, ErrorCategory category, object? target = null) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, category, target));
    }
}
