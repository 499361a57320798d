using System.Collections.Generic;
using System.Management.Automation;
using FairnessGovernor.Input;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>Builds an input value from bound parameters, so New-* objects pass the same rules as files.</summary>
    internal static class ParameterItem
    {
        public static InputValue From(IEnumerable<KeyValuePair<string, object?>> fields)
        {
            var props = new List<KeyValuePair<string, InputValue>>();
            foreach (var f in fields)
                if (f.Value != null) props.Add(new KeyValuePair<string, InputValue>(f.Key, ObjectInput.ToValue(f.Value)));
            return InputValue.Object(props);
        }

        public static InputSource Source(string cmdlet) => new InputSource(cmdlet + " parameters", false, false);
    }

    /// <summary>
    /// <para type="synopsis">Creates a validated task.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "FairTask")]
    [OutputType("FairnessGovernor.Model.FairTask")]
    public sealed class NewFairTaskCommand : FairnessCmdlet
    {
        /// <summary>The task id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        public string Id { get; set; } = "";

        /// <summary>high, normal or low.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("high", "normal", "low", IgnoreCase = true)]
        public string Priority { get; set; } = "normal";

        /// <summary>The task's group, for the policy's group quotas.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Group { get; set; }

        /// <summary>How long the task takes, for wait times (default 1; greater than 0).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public double? Duration { get; set; }

        /// <summary>When the task arrives, for wait times (default 0; 0 or more).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public double? Arrival { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            try
            {
                var item = ParameterItem.From(new[]
                {
                    new KeyValuePair<string, object?>("id", Id), new KeyValuePair<string, object?>("priority", Priority), new KeyValuePair<string, object?>("group", Group),
                    new KeyValuePair<string, object?>("duration", Duration), new KeyValuePair<string, object?>("arrival", Arrival),
                });
                WriteObject(TaskLoader.FromItem(item, ParameterItem.Source("New-FairTask"), "task"));
            }
            catch (FairnessInputException ex) { ThrowInputError(ex, Id); }
        }
    }

    /// <summary>
    /// <para type="synopsis">Creates a validated agent.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "FairAgent")]
    [OutputType("FairnessGovernor.Model.FairAgent")]
    public sealed class NewFairAgentCommand : FairnessCmdlet
    {
        /// <summary>The agent id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("AgentId")]
        public string Id { get; set; } = "";

        /// <summary>Share of the rotation (default 1; 0 = never chosen).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, int.MaxValue)]
        public int Weight { get; set; } = 1;

        /// <summary>The most tasks the agent takes in one run (default unlimited).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, int.MaxValue)]
        public int? Capacity { get; set; }

        /// <summary>The largest fraction of a run's tasks the agent may take (0 to 1).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0.0, 1.0)]
        public double? MaxShare { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            try
            {
                var item = ParameterItem.From(new[]
                {
                    new KeyValuePair<string, object?>("id", Id), new KeyValuePair<string, object?>("weight", Weight), new KeyValuePair<string, object?>("capacity", Capacity),
                    new KeyValuePair<string, object?>("max_share", MaxShare),
                });
                WriteObject(AgentLoader.FromItem(item, ParameterItem.Source("New-FairAgent"), "agent"));
            }
            catch (FairnessInputException ex) { ThrowInputError(ex, Id); }
        }
    }

    /// <summary>
    /// <para type="synopsis">Creates a validated fairness policy.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "FairnessPolicy")]
    [OutputType("FairnessGovernor.Model.FairnessPolicy")]
    public sealed class NewFairnessPolicyCommand : FairnessCmdlet
    {
        /// <summary>Names the policy (default 'default').</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string PolicyId { get; set; } = "default";

        /// <summary>Dispatch high, then normal, then low (default true).</summary>
        [Parameter]
        public bool RespectPriority { get; set; } = true;

        /// <summary>The skew above which a run is strong_imbalance (default 2.0).</summary>
        [Parameter]
        [ValidateRange(1.0, 1e9)]
        public double MaxSkewRatio { get; set; } = 2.0;

        /// <summary>weighted_round_robin (default), smooth_weighted_round_robin or lag_bounded.</summary>
        [Parameter]
        [ValidateSet("weighted_round_robin", "smooth_weighted_round_robin", "lag_bounded", IgnoreCase = true)]
        public string Strategy { get; set; } = "weighted_round_robin";

        /// <summary>Anti-starvation: the most later tasks that may overtake a task (default unlimited).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? MaxBypass { get; set; }

        /// <summary>The most tasks of each group assigned in a run, as a hashtable: @{ batch = 10 }.</summary>
        [Parameter]
        public System.Collections.IDictionary? GroupQuota { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            try
            {
                var item = ParameterItem.From(new[]
                {
                    new KeyValuePair<string, object?>("policy_id", PolicyId), new KeyValuePair<string, object?>("respect_priority", RespectPriority),
                    new KeyValuePair<string, object?>("max_skew_ratio", MaxSkewRatio), new KeyValuePair<string, object?>("strategy", Strategy.ToLowerInvariant()),
                    new KeyValuePair<string, object?>("max_bypass", MaxBypass), new KeyValuePair<string, object?>("group_quotas", GroupQuota),
                });
                WriteObject(PolicyLoader.FromDocument(item, ParameterItem.Source("New-FairnessPolicy")));
            }
            catch (FairnessInputException ex) { ThrowInputError(ex, PolicyId); }
        }
    }
}
