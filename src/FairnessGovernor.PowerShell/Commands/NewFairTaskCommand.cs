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
        [Alias("TaskId", "task_id")]
        public string Id { get; set; } = "";

        /// <summary>high, normal or low (default, or blank: normal).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [BlankAsNotSet]
        [ValidateSetWhenSet("high", "normal", "low")]
        [ArgumentCompleter(typeof(TaskPriorityCompleter))]
        public string? Priority { get; set; }

        /// <summary>The task's group, for the policy's group quotas (default, or blank: none).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BlankAsNotSet]
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
                    new KeyValuePair<string, object?>("id", Id), new KeyValuePair<string, object?>("priority", Blank(Priority) ? null : Priority),
                    new KeyValuePair<string, object?>("group", Blank(Group) ? null : Group),
                    new KeyValuePair<string, object?>("duration", Duration), new KeyValuePair<string, object?>("arrival", Arrival),
                });
                WriteObject(TaskLoader.FromItem(item, ParameterItem.Source("New-FairTask"), "task"));
            }
            catch (FairnessException ex) { ThrowEngineError(ex, Id); }
        }

        // A blank Import-Csv cell reaches a text parameter as "" (PowerShell binds null as empty text): not set.
        private static bool Blank(string? text) => text == null || text.Trim().Length == 0;
    }
}
