using System.Collections.Generic;
using System.Management.Automation;
using FairnessGovernor.Errors;
using FairnessGovernor.Input;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a validated agent.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "FairAgent")]
    [OutputType("FairnessGovernor.Model.FairAgent")]
    public sealed class NewFairAgentCommand : FairnessCmdlet
    {
        /// <summary>The agent id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("AgentId", "agent_id")]
        public string Id { get; set; } = "";

        /// <summary>Share of the rotation (default 1; 0 = never chosen; blank = the default).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [BlankAsNotSet]
        [ValidateRangeWhenSet(0, int.MaxValue)]
        public int? Weight { get; set; }

        /// <summary>The most tasks the agent takes in one run (default, or blank: unlimited).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BlankAsNotSet]
        [ValidateRangeWhenSet(0, int.MaxValue)]
        public int? Capacity { get; set; }

        /// <summary>The largest fraction of a run's tasks the agent may take (0 to 1; blank: no limit).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("max_share")]
        [BlankAsNotSet]
        [ValidateRangeWhenSet(0.0, 1.0)]
        public double? MaxShare { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            try
            {
                var item = ParameterItem.From(new[]
                {
                    new KeyValuePair<string, object?>("id", Id), new KeyValuePair<string, object?>("weight", Weight ?? 1), new KeyValuePair<string, object?>("capacity", Capacity),
                    new KeyValuePair<string, object?>("max_share", MaxShare),
                });
                WriteObject(AgentLoader.FromItem(item, ParameterItem.Source("New-FairAgent"), "agent"));
            }
            catch (FairnessException ex) { ThrowEngineError(ex, Id); }
        }
    }
}
