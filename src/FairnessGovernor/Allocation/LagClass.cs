namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// A weight class's state in a lag_bounded epoch (SPEC.md 6.1.3): its members picked in the epoch, in index order,
    /// take turns. Members before the turn pointer hold V + 1 tasks, the others V; the member at the pointer is the
    /// class's candidate. docs/design/lag-bounded.md has the argument.
    /// </summary>
    internal struct LagClass
    {
        /// <summary>The class's weight.</summary>
        public long Weight;

        /// <summary>The base count v of the members (0 while no member is picked in the epoch).</summary>
        public long V;

        /// <summary>The candidate's eligibility step, ceil(W (D v + 1) / (D w)) (capped at long.MaxValue).</summary>
        public long Step;

        /// <summary>Where the turn pointer is among the members.</summary>
        public int Turn;

        /// <summary>How many members were picked in the epoch.</summary>
        public int Count;

        /// <summary>The member at the turn pointer.</summary>
        public int Candidate;
    }
}
