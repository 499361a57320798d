namespace FairnessGovernor.Allocation
{
    /// <summary>Options of an <see cref="AllocationStream"/> (SPEC.md 7.6).</summary>
    public sealed class AllocationStreamOptions
    {
        /// <summary>
        /// How many arrived tasks may wait to be ordered by priority (SPEC.md 7.6); default 1: each task is decided
        /// as it arrives, in arrival order.
        /// </summary>
        public int WindowSize { get; set; } = 1;

        /// <summary>Record on each decision the agents passed over (as <see cref="AllocationOptions.Explain"/>).</summary>
        public bool Explain { get; set; }

        /// <summary>
        /// The stream's run time (SPEC.md 7.10; taken as UTC): a state it continues is decayed to it under the policy's
        /// usage_half_life and records it. Null: no run time (nothing decays; the state's time is kept).
        /// </summary>
        public System.DateTime? AsOf { get; set; }
    }
}
