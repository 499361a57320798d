namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// Tijdeman's chairman-assignment rule (SPEC.md 6.1.3). Within an epoch (a stretch of picks over a fixed
    /// set E of m open agents, W = sum of their weights, delta = 1/(2(m-1)), D = 2(m-1)), at the epoch's k-th
    /// pick agent i is eligible when k p_i - x_i &gt;= delta, i.e. k D w_i &gt;= W (D x_i + 1): an integer
    /// step e_i = ceil(W (D x_i + 1) / (D w_i)). Among eligible agents the earliest deadline
    /// (x_i + 1 - delta)/p_i wins, ordered exactly as (D (x_i + 1) - 1) / w_i (ties: lowest index).
    /// Two heaps: agents waiting keyed by e_i, eligible agents keyed by deadline; a pick moves the agents
    /// whose e_i has come, pops the earliest deadline and re-queues that one agent: O(log m).
    /// When an agent closes, a new epoch starts over the remaining agents (counts and k from zero,
    /// p renormalised): O(m log m) once per closed agent.
    /// </summary>
    internal sealed class LagBounded : IAgentSelector
    {
        private readonly long[] _w;
        private readonly OpenAgents _open;
        private readonly long[] _x;
        private readonly long[] _eligAt;
        private readonly long[] _num;
        private readonly IndexHeap _waiting;
        private readonly IndexHeap _eligible;
        private bool _dirty = true;
        private long _k;
        private long _total;
        private long _d;
        private int _members;
        private int _only;
        private int _lastReason = DecisionReasons.CodeDeadline;

        public LagBounded(FairAgentTable agents, OpenAgents open)
        {
            int m = agents.Count;
            _open = open;
            _w = new long[m];
            for (int i = 0; i < m; i++) _w[i] = agents.Weights[i];
            _x = new long[m];
            _eligAt = new long[m];
            _num = new long[m];
            _waiting = new IndexHeap(m, (a, b) => _eligAt[a] < _eligAt[b] || (_eligAt[a] == _eligAt[b] && a < b));
            _eligible = new IndexHeap(m, (a, b) =>
            {
                int c = ExactMath.CompareProducts(_num[a], _w[b], _num[b], _w[a]);
                return c < 0 || (c == 0 && a < b);
            });
        }

        public int LastReason => _lastReason;

        public int Pick()
        {
            if (_dirty) StartEpoch();
            if (_members == 0) return -1;
            _lastReason = DecisionReasons.CodeDeadline;
            if (_members == 1) return _only;
            _k++;
            while (_waiting.Count > 0 && _eligAt[_waiting.Top] <= _k) _eligible.Push(_waiting.Pop());
            int j;
            if (_eligible.Count > 0) j = _eligible.Pop();
            else
            {
                j = _waiting.Pop(); // not reachable in exact arithmetic: the lags of E sum to 1 >= delta
                _lastReason = DecisionReasons.CodeFallback;
            }
            _x[j]++;
            Requeue(j);
            return j;
        }

        public void Close(int agent) => _dirty = true;

        public string? WhyNot(int agent)
        {
            if (_members <= 1) return null;
            if (_eligible.Contains(agent)) return "later_deadline";
            return _waiting.Contains(agent) ? "not_eligible" : null;
        }

        private void StartEpoch()
        {
            _dirty = false;
            _waiting.Clear();
            _eligible.Clear();
            _k = 0;
            _total = 0;
            _members = 0;
            _only = -1;
            for (int i = 0; i < _w.Length; i++)
            {
                if (!_open.IsOpen(i)) continue;
                _members++;
                _total += _w[i];
                _only = i;
            }
            _d = 2L * (_members - 1);
            if (_members < 2) return;
            for (int i = 0; i < _w.Length; i++)
            {
                if (!_open.IsOpen(i)) continue;
                _x[i] = 0;
                Requeue(i);
            }
        }

        private void Requeue(int i)
        {
            // e_i = ceil(W (D x_i + 1) / (D w_i)); deadline numerator D (x_i + 1) - 1.
            long dx1 = checked(_d * _x[i] + 1);
            _eligAt[i] = ExactMath.CeilDiv(_total, dx1, _d, _w[i]);
            _num[i] = checked(dx1 + _d - 1);
            _waiting.Push(i);
        }
    }
}
