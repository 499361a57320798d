namespace FairnessGovernor.Allocation
{
    /// <summary>An entry of an <see cref="ItemHeap{T}"/>: the item (0..capacity-1) it stands for and its order.</summary>
    internal interface IHeapEntry<T> where T : struct, IHeapEntry<T>
    {
        int Item { get; }

        /// <summary>True when this entry comes before <paramref name="other"/> (a strict order; ties broken inside).</summary>
        bool Before(in T other);
    }
}
