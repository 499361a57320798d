namespace FairnessGovernor.Allocation
{
    /// <summary>Options of one allocation run that do not change its decisions (SPEC.md 6.4).</summary>
    public sealed class AllocationOptions
    {
        /// <summary>The options used when none are given: no explanations.</summary>
        public static AllocationOptions Default { get; } = new AllocationOptions();

        /// <summary>
        /// When true, every decision records the agents passed over and why
        /// (<see cref="AllocationDecision.Skipped"/>). Costs O(agents) per decision; off by default.
        /// </summary>
        public bool Explain { get; set; }
    }
}
