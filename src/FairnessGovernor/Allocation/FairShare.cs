using System;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// <c>fair_share</c> (SPEC.md 7.10): lag_bounded's rule started from the deficits carried in the state. Only agents
    /// behind their entitlement are eligible at first, so the run first pays each its carried deficit (whole tasks,
    /// capped by max_catch_up), the agent with the most left to be paid first (ties: lowest index), and then goes on
    /// as <see cref="LagBounded"/> from zero lag. Without a deficit it is <see cref="LagBounded"/>, pick for pick.
    /// O(log d) per catch-up pick (d agents with a deficit), then lag_bounded's cost. docs/design/fair-share.md has why.
    /// </summary>
    internal sealed class FairShare : IAgentSelector
    {
        private readonly OpenAgents _open;
        private readonly LagBounded _lag;
        private readonly long[] _credit;   // agent -> catch-up picks left
        private readonly int[] _heap;      // agents with credit: most credit first, ties lowest index
        private int _count;
        private int _lastReason = DecisionReasons.CodeDeadline;
        private bool _lastWasCatchUp;

        /// <param name="open">The run's open agents (shared with the core).</param>
        /// <param name="lag">The lag_bounded selector over the same agents, used once every deficit is paid.</param>
        /// <param name="credit">Per agent, the whole tasks its carried deficit brings it (0: none); the array is kept.</param>
        public FairShare(OpenAgents open, LagBounded lag, long[] credit)
        {
            _open = open;
            _lag = lag;
            _credit = credit;
            _heap = new int[credit.Length];
            for (int a = 0; a < credit.Length; a++)
                if (credit[a] > 0) Up(_count++, a);
        }

        /// <summary>Whether any agent starts the run with a deficit to be paid.</summary>
        public bool CatchingUp => _count > 0;

        public int LastReason => _lastReason;

        public int Pick()
        {
            while (_count > 0)
            {
                int a = _heap[0];
                if (!_open.IsOpen(a))
                {
                    // Closed by capacity: what is left of its deficit stays in the state for a later run.
                    RemoveTop();
                    continue;
                }
                if (--_credit[a] == 0) RemoveTop();
                else Down(0, a);
                _lastReason = DecisionReasons.CodeCatchUp;
                _lastWasCatchUp = true;
                return a;
            }
            _lastWasCatchUp = false;
            int j = _lag.Pick();
            _lastReason = _lag.LastReason;
            return j;
        }

        public void Close(int agent) => _lag.Close(agent);

        public string? WhyNot(int agent)
        {
            if (!_lastWasCatchUp) return _lag.WhyNot(agent);
            return _credit[agent] > 0 ? "smaller_deficit" : "no_deficit";
        }

        private bool Before(int a, int b) => _credit[a] > _credit[b] || (_credit[a] == _credit[b] && a < b);

        private void RemoveTop()
        {
            int last = _heap[--_count];
            if (_count > 0) Down(0, last);
        }

        private void Up(int i, int a)
        {
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Before(a, _heap[parent])) break;
                _heap[i] = _heap[parent];
                i = parent;
            }
            _heap[i] = a;
        }

        private void Down(int i, int a)
        {
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= _count) break;
                if (child + 1 < _count && Before(_heap[child + 1], _heap[child])) child++;
                if (!Before(_heap[child], a)) break;
                _heap[i] = _heap[child];
                i = child;
            }
            _heap[i] = a;
        }

        /// <summary>
        /// The catch-up credit of an agent (SPEC.md 7.10): the whole tasks of its carried deficit
        /// (<paramref name="entitlement"/> - <paramref name="decayedCount"/>, rounded down), at most
        /// floor(<paramref name="maxCatchUp"/> W / (W - w)) so that paying it, then sharing the rest by weight,
        /// brings the agent at most max_catch_up tasks beyond its share of the run. 0 when the agent is the only one open.
        /// </summary>
        internal static long Credit(double entitlement, double decayedCount, long weight, long openWeights, int? maxCatchUp)
        {
            if (weight <= 0 || openWeights <= weight) return 0;
            double deficit = entitlement - decayedCount;
            // A relative tolerance so that a deficit computed as 399.99999999999994 pays 400.
            double whole = Math.Floor(deficit + 1e-9 * Math.Max(1.0, Math.Abs(entitlement)));
            if (!(whole >= 1)) return 0;
            long credit = whole >= int.MaxValue ? int.MaxValue : (long)whole;
            if (maxCatchUp.HasValue)
            {
                decimal cap = Math.Floor((decimal)maxCatchUp.Value * openWeights / (openWeights - weight));
                if (cap < credit) credit = (long)cap;
            }
            return credit;
        }
    }
}
