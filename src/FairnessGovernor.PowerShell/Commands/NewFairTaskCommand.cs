using System.Collections.Generic;
using System.Management.Automation;
using FairnessGovernor.Errors;
using FairnessGovernor.Input;

namespace FairnessGovernor.PowerShell.Commands
{
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
        [BlankAsNotSet]
        public double? Duration { get; set; }

        /// <summary>When the task arrives, for wait times (default 0; 0 or more).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BlankAsNotSet]
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
            catch (FairnessException ex) { ThrowEngineError(ex, Id); }
        }
    }
}
