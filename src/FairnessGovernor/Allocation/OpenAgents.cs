namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// The agents still open, as a successor structure: <see cref="NextFrom"/> finds the first open
    /// agent at or after an index, wrapping around, in amortised near-constant time (union-find
    /// with path halving). Agents only ever close during a run.
    /// </summary>
    internal sealed class OpenAgents
    {
        private readonly int[] _next; // _next[i] == i: open; otherwise a link towards the next open one. _next[m] is the sentinel.
        private readonly int _m;

        public OpenAgents(int count)
        {
            _m = count;
            _next = new int[count + 1];
            for (int i = 0; i <= count; i++) _next[i] = i;
            OpenCount = count;
        }

        /// <summary>How many agents are open.</summary>
        public int OpenCount { get; private set; }

        public bool IsOpen(int agent) => _next[agent] == agent;

        public void Close(int agent)
        {
            if (_next[agent] != agent) return;
            _next[agent] = agent + 1;
            OpenCount--;
        }

        /// <summary>The first open agent at or after <paramref name="start"/>, wrapping to 0; -1 when none.</summary>
        public int NextFrom(int start)
        {
            if (OpenCount == 0) return -1;
            int r = Find(start >= _m ? 0 : start);
            if (r == _m) r = Find(0);
            return r;
        }

        /// <summary>The first open index at or after <paramref name="start"/> without wrapping; the count when none.</summary>
        public int FirstAtOrAfter(int start) => start >= _m ? _m : Find(start);

        private int Find(int i)
        {
            var next = _next;
            while (next[i] != i)
            {
                int up = next[next[i]];
                next[i] = up;
                i = up;
            }
            return i;
        }
    }
}
