namespace FairnessGovernor.Model
{
    /// <summary>Task priority levels, highest first. The numeric value is the dispatch rank.</summary>
    public enum TaskPriority
    {
        /// <summary>Dispatched before normal and low tasks when the policy respects priority.</summary>
        High = 0,
        /// <summary>The default.</summary>
        Normal = 1,
        /// <summary>Dispatched last when the policy respects priority.</summary>
        Low = 2,
    }
}
