using System.Collections.Generic;
using System.Management.Automation;
using FairnessGovernor.Errors;
using FairnessGovernor.Input;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a validated fairness policy.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "FairnessPolicy")]
    [OutputType("FairnessGovernor.Model.FairnessPolicy")]
    public sealed class NewFairnessPolicyCommand : FairnessCmdlet
    {
        /// <summary>Names the policy (default 'default').</summary>
        [Parameter(Position = 0)]
        [Alias("policy_id")]
        [ValidateNotNullOrEmpty]
        public string PolicyId { get; set; } = "default";

        /// <summary>Dispatch high, then normal, then low (default true).</summary>
        [Parameter]
        [Alias("respect_priority")]
        public bool RespectPriority { get; set; } = true;

        /// <summary>The skew above which a run is strong_imbalance (default 2.0).</summary>
        [Parameter]
        [Alias("max_skew_ratio")]
        [ValidateRange(1.0, 1e9)]
        public double MaxSkewRatio { get; set; } = 2.0;

        /// <summary>weighted_round_robin (default), smooth_weighted_round_robin, lag_bounded or fair_share.</summary>
        [Parameter]
        [ValidateSet("weighted_round_robin", "smooth_weighted_round_robin", "lag_bounded", "fair_share", IgnoreCase = true)]
        public string Strategy { get; set; } = "weighted_round_robin";

        /// <summary>Anti-starvation: the most later tasks that may overtake a task (default unlimited).</summary>
        [Parameter]
        [Alias("max_bypass")]
        [ValidateRange(0, int.MaxValue)]
        public int? MaxBypass { get; set; }

        /// <summary>The most tasks of each group assigned in a run, as a hashtable: @{ batch = 10 }.</summary>
        [Parameter]
        [Alias("group_quotas")]
        public System.Collections.IDictionary? GroupQuota { get; set; }

        /// <summary>The half-life of usage carried in a state: "7d", "36h", "90m", "45s", ISO 8601 ("P7D"), seconds, or a [TimeSpan] (default: no decay).</summary>
        [Parameter]
        [Alias("usage_half_life")]
        public object? UsageHalfLife { get; set; }

        /// <summary>The most tasks a carried deficit may bring an agent beyond its share of one run (default: no cap).</summary>
        [Parameter]
        [Alias("max_catch_up")]
        [ValidateRange(0, int.MaxValue)]
        public int? MaxCatchUp { get; set; }

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
                    new KeyValuePair<string, object?>("usage_half_life", UsageHalfLife), new KeyValuePair<string, object?>("max_catch_up", MaxCatchUp),
                });
                WriteObject(PolicyLoader.FromDocument(item, ParameterItem.Source("New-FairnessPolicy")));
            }
            catch (FairnessException ex) { ThrowEngineError(ex, PolicyId); }
        }
    }
}
