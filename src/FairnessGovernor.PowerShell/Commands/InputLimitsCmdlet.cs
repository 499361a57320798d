using System.Management.Automation;
using FairnessGovernor.Input;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// The input-limit parameters shared by the cmdlets that read task, agent and policy files (Invoke-FairAllocation,
    /// Import-Fair*, Get-FairnessMetrics for -AgentPath, and Test-AllocationEvidence for its -Replay inputs; SPEC.md 1.2).
    /// </summary>
    public abstract class InputLimitsCmdlet : FairnessCmdlet
    {
        /// <summary>The largest input file read, in bytes (default 536870912, 512 MiB). Larger files are refused with InputTooLarge.</summary>
        [Parameter]
        [ValidateRange(1L, long.MaxValue)]
        public long? MaxInputBytes { get; set; }

        /// <summary>The deepest nesting of arrays and objects accepted in input files (default 64, at most 1000). Deeper input is refused with InputTooDeep.</summary>
        [Parameter]
        [ValidateRange(1, InputLimits.MaxDepthCeiling)]
        public int? MaxDepth { get; set; }

        /// <summary>The most nodes YAML aliases may add in total (default 100000). More is refused with AliasExpansionLimit.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? MaxAliasExpansion { get; set; }

        /// <summary>The input limits from -MaxInputBytes, -MaxDepth and -MaxAliasExpansion (defaults for those not given).</summary>
        internal InputLimits GetLimits() => InputLimits.With(MaxInputBytes, MaxDepth, MaxAliasExpansion);
    }
}
