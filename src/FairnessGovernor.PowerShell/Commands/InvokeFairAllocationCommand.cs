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

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Allocates tasks among agents under a fairness policy and emits one decision per task.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "FairAllocation", SupportsShouldProcess = true, DefaultParameterSetName = "Decisions")]
    [OutputType("FairnessGovernor.Allocation.AllocationDecision")]
    public sealed class InvokeFairAllocationCommand : FairnessCmdlet
    {
        private readonly List<object?> _pipelineTasks = new List<object?>();
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

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
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
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Task == null) return;
            if (TaskPath != null || LiteralTaskPath != null)
                Stop("ConflictingTaskInput", "Give tasks either as a file (-TaskPath or -LiteralTaskPath) or as objects (-Task or the pipeline), not both.", ErrorCategory.InvalidArgument);
            foreach (var t in Task) _pipelineTasks.Add(t);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            string? taskFile = TaskPath != null ? ResolveInputPath(TaskPath, false, "TaskPath") : LiteralTaskPath != null ? ResolveInputPath(LiteralTaskPath, true, "LiteralTaskPath") : null;
            string? agentFile = AgentPath != null ? ResolveInputPath(AgentPath, false, "AgentPath") : LiteralAgentPath != null ? ResolveInputPath(LiteralAgentPath, true, "LiteralAgentPath") : null;
            string? policyFile = PolicyPath != null ? ResolveInputPath(PolicyPath, false, "PolicyPath") : LiteralPolicyPath != null ? ResolveInputPath(LiteralPolicyPath, true, "LiteralPolicyPath") : null;
            string? outFile = OutFile != null ? ResolvePaths(OutFile, true, "OutFile", mustExist: false)[0] : null;

            AllocationResult result;
            try
            {
                var tasks = EngineInput.Tasks(taskFile, _pipelineTasks, "Task");
                var agents = EngineInput.Without(EngineInput.Agents(agentFile, EngineInput.Flatten(Agent), "Agent"), ExcludeAgent, agentFile ?? "-Agent objects");
                var policy = EngineInput.Policy(policyFile, Policy, "Policy");
                WriteVerbose("Allocating " + tasks.Count + " tasks among " + agents.Count + " agents under policy '" + policy.PolicyId + "' (" + policy.Strategy + ").");
                result = Allocator.Allocate(tasks, agents, policy, new AllocationOptions { Explain = Explain });
            }
            catch (FairnessInputException ex)
            {
                ThrowInputError(ex);
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
