namespace FairnessGovernor.Allocation
{
    /// <summary>The values of <see cref="AllocationDecision.Status"/> (SPEC.md 2.3).</summary>
    public static class DecisionStatus
    {
        /// <summary>The task went to an agent.</summary>
        public const string Assigned = "Assigned";

        /// <summary>No agent could take the task.</summary>
        public const string Unassigned = "Unassigned";
    }
}
