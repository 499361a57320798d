namespace FairnessGovernor.Allocation
{
    /// <summary>A heap entry keyed by a step, ties to the lower item (lag_bounded's waiting classes, SPEC.md 6.1.3).</summary>
    internal readonly struct StepEntry : IHeapEntry<StepEntry>
    {
        public StepEntry(int item, long step)
        {
            Item = item;
            Step = step;
        }

        public int Item { get; }
        public long Step { get; }

        public bool Before(in StepEntry other) => Step < other.Step || (Step == other.Step && Item < other.Item);
    }
}
