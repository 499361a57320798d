using System;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// Tijdeman's chairman-assignment rule (SPEC.md 6.1.3). Within an epoch (a stretch of picks over a fixed
    /// set E of m open agents, W = sum of their weights, delta = 1/(2(m-1)), D = 2(m-1)), at the epoch's k-th
    /// pick agent i is eligible when k p_i - x_i &gt;= delta, i.e. (k D) w_i &gt;= W (D x_i + 1): it becomes
    /// eligible in the order of (D x_i + 1) / w_i. Among eligible agents the earliest deadline
    /// (x_i + 1 - delta)/p_i wins, ordered exactly as (D (x_i + 1) - 1) / w_i (ties: lowest index).
    /// Every factor fits in 64 bits and every comparison is of two exact 128-bit products.
    /// <para>
    /// Agents picked in the epoch sit in per-weight-class heaps on (x_i, i): within a class both the eligibility
    /// step (D x_i + 1) / w_i and the deadline follow x_i (ties: lowest index), so the class's top stands for the
    /// class. The class tops sit in two heaps: waiting (keyed by (D x_i + 1) / w_i) and eligible (keyed by deadline).
    /// Agents not yet picked in the epoch (x = 0) need no heap: their eligibility steps and their deadlines are
    /// both ordered by weight descending (index ascending), so they are a cursor over the agents sorted once
    /// that way, skipping closed ones through a union-find successor. A pick compares the eligible heap's top
    /// with the cursor's agent, then re-queues the one chosen agent in its class and its class among the tops:
    /// O(log m) in the class plus O(log k) over the k distinct weights (a few when agents share weights). When an
    /// agent closes, a new epoch starts over the rest (k and counts from zero, p renormalised): the heaps are
    /// emptied (they hold only agents picked in the last epoch) and the cursor returns to the start: no O(m)
    /// work per close.
    /// </para>
    /// </summary>
    internal sealed class LagBounded : IAgentSelector
    {
        private readonly long[] _w;
        private readonly OpenAgents _open;
        private readonly long[] _x;
        private readonly long[] _eNum;   // D x_i + 1
        private readonly long[] _num;
        private readonly int[] _sorted;   // agents by weight descending, index ascending
        private readonly int[] _rank;     // agent -> position in _sorted
        private readonly OpenAgents _freshOpen; // over positions in _sorted
        // Agents picked in the epoch, per weight class: a min-heap on (x_i, i) packed as x_i << 32 | i, class c in
        // [_segStart[c], _segStart[c] + _segCount[c]). Within a class both eligibility and deadline follow (x_i, i), so
        // the class's top stands for the class; the two heaps below order the class tops.
        private readonly int[] _class;
        private readonly int[] _segStart;
        private readonly int[] _segCount;
        private readonly long[] _pickedKeys;
        private readonly bool[] _inEpoch;
        private readonly int[] _nonEmpty;
        private int _nonEmptyCount;
        private readonly RatioHeap _waiting;  // classes whose top is not eligible, keyed by eligibility (D x_i + 1) / w_i
        private readonly RatioHeap _eligible; // classes whose top is eligible, keyed by deadline (D (x_i + 1) - 1) / w_i
        private bool _dirty = true;
        private int _cursor;
        private long _k;
        private long _total;
        private long _d;
        private int _members;
        private int _lastReason = DecisionReasons.CodeDeadline;

        public LagBounded(FairAgentTable agents, OpenAgents open)
        {
            int m = agents.Count;
            _open = open;
            _w = new long[m];
            for (int i = 0; i < m; i++) _w[i] = agents.Weights[i];
            _x = new long[m];
            _eNum = new long[m];
            _num = new long[m];
            _sorted = new int[m];
            for (int i = 0; i < m; i++) _sorted[i] = i;
            Array.Sort(_sorted, (a, b) => _w[a] != _w[b] ? _w[b].CompareTo(_w[a]) : a.CompareTo(b));
            _rank = new int[m];
            for (int p = 0; p < m; p++) _rank[_sorted[p]] = p;
            _freshOpen = new OpenAgents(m);
            for (int i = 0; i < m; i++)
            {
                if (open.IsOpen(i)) { _members++; _total += _w[i]; }
                else _freshOpen.Close(_rank[i]);
            }
            _class = new int[m];
            var byWeight = new System.Collections.Generic.Dictionary<long, int>();
            var sizes = new System.Collections.Generic.List<int>();
            for (int i = 0; i < m; i++)
            {
                if (!byWeight.TryGetValue(_w[i], out int c))
                {
                    c = sizes.Count;
                    byWeight.Add(_w[i], c);
                    sizes.Add(0);
                }
                _class[i] = c;
                sizes[c]++;
            }
            int classes = sizes.Count;
            _segStart = new int[classes];
            _segCount = new int[classes];
            _nonEmpty = new int[classes];
            for (int c = 1; c < classes; c++) _segStart[c] = _segStart[c - 1] + sizes[c - 1];
            _pickedKeys = new long[m];
            _inEpoch = new bool[m];
            _waiting = new RatioHeap(classes);
            _eligible = new RatioHeap(classes);
        }

        public int LastReason => _lastReason;

        public int Pick()
        {
            if (_dirty) StartEpoch();
            if (_members == 0) return -1;
            _lastReason = DecisionReasons.CodeDeadline;
            if (_members == 1) return _open.NextFrom(0);
            _k++;
            while (_waiting.Count > 0)
            {
                int c = _waiting.Top, t = Top(c);
                if (!Eligible(_eNum[t], t)) break;
                _waiting.Pop();
                _eligible.Push(c, _num[t], _w[t], t);
            }
            int fresh = FreshHead();
            bool freshEligible = fresh >= 0 && Eligible(1, fresh);
            int j;
            if (_eligible.Count > 0)
            {
                j = Top(_eligible.Top);
                if (freshEligible)
                {
                    // fresh deadline numerator is D - 1
                    int c = ExactMath.CompareProducts(_d - 1, _w[j], _num[j], _w[fresh]);
                    if (c < 0 || (c == 0 && fresh < j)) j = fresh;
                }
            }
            else if (freshEligible) j = fresh;
            else
            {
                // Not reachable in exact arithmetic (the lags of E sum to 1 >= delta); kept so a pick never fails.
                int wt = _waiting.Count > 0 ? Top(_waiting.Top) : -1;
                j = fresh >= 0 && (wt < 0 || ExactMath.CompareProducts(1, _w[wt], _eNum[wt], _w[fresh]) <= 0) ? fresh : wt;
                _lastReason = DecisionReasons.CodeFallback;
            }
            if (j == fresh)
            {
                _cursor = _rank[j] + 1;
                _x[j] = 1;
            }
            else _x[j]++; // j is its class's top: Requeue moves it down its class heap
            Requeue(j);
            return j;
        }

        public void Close(int agent)
        {
            if (!_freshOpen.IsOpen(_rank[agent])) return;
            _freshOpen.Close(_rank[agent]);
            _members--;
            _total -= _w[agent];
            _dirty = true;
        }

        /// <summary>
        /// Continues an epoch carried from an earlier run (SPEC.md 7.2): step <paramref name="k"/> and counts
        /// <paramref name="x"/> over the current open set. Refused (a fresh epoch starts) when the counts are not
        /// those of an epoch: they must sum to k and the agents with x &gt; 0 must be the first open agents by
        /// weight descending, index ascending (the order in which fresh agents are first picked).
        /// </summary>
        public bool Restore(long k, long[] x)
        {
            if (_members < 2 || k <= 0) return false;
            StartEpoch();
            long sum = 0;
            int cursor = 0;
            bool prefix = true;
            for (int p = _freshOpen.FirstAtOrAfter(0); p < _sorted.Length; p = _freshOpen.FirstAtOrAfter(p + 1))
            {
                long xi = x[_sorted[p]];
                if (xi < 0 || xi > int.MaxValue) return false;
                if (xi > 0)
                {
                    if (!prefix) return false;
                    cursor = p + 1;
                    sum += xi;
                }
                else prefix = false;
            }
            if (sum != k) return false;
            _k = k;
            for (int p = 0; p < cursor; p++)
            {
                int a = _sorted[p];
                if (!_freshOpen.IsOpen(p)) continue;
                _x[a] = x[a];
                Requeue(a);
            }
            _cursor = cursor;
            return true;
        }

        /// <summary>The epoch to carry to the next run: false when there is none (no pick yet, an agent closed since, or fewer than 2 members).</summary>
        public bool ExportEpoch(out long k, long[] x, bool[] member)
        {
            k = 0;
            if (_dirty || _members < 2) return false;
            k = _k;
            for (int i = 0; i < _w.Length; i++)
            {
                member[i] = _freshOpen.IsOpen(_rank[i]);
                x[i] = member[i] && _inEpoch[i] ? _x[i] : 0;
            }
            return true;
        }

        public string? WhyNot(int agent)
        {
            if (_members <= 1) return null;
            // A picked agent is eligible when its class top is (the promotion at this pick moved every eligible one);
            // the agent just picked waits (it is the chosen one, never asked).
            if (_inEpoch[agent]) return Eligible(_eNum[agent], agent) ? "later_deadline" : "not_eligible";
            return Eligible(1, agent) ? "later_deadline" : "not_eligible";
        }

        private int FreshHead()
        {
            int p = _freshOpen.FirstAtOrAfter(_cursor);
            return p >= _sorted.Length ? -1 : _sorted[p];
        }

        /// <summary>k D w_i &gt;= W (D x_i + 1), with <paramref name="eNum"/> = D x_i + 1.</summary>
        private bool Eligible(long eNum, int agent) => ExactMath.CompareProducts(_k * _d, _w[agent], _total, eNum) >= 0;

        private void StartEpoch()
        {
            _dirty = false;
            _waiting.Clear();
            _eligible.Clear();
            for (int n = 0; n < _nonEmptyCount; n++)
            {
                int c = _nonEmpty[n];
                for (int p = _segStart[c], end = p + _segCount[c]; p < end; p++) _inEpoch[(int)(uint)_pickedKeys[p]] = false;
                _segCount[c] = 0;
            }
            _nonEmptyCount = 0;
            _k = 0;
            _cursor = 0;
            _d = 2L * (_members - 1);
        }

        private void Requeue(int i)
        {
            // eligibility numerator D x_i + 1; deadline numerator D (x_i + 1) - 1.
            long dx1 = _d * _x[i] + 1;
            _eNum[i] = dx1;
            _num[i] = dx1 + _d - 2;
            int c = _class[i];
            long key = (_x[i] << 32) | (uint)i;
            int s = _segStart[c];
            if (_inEpoch[i])
            {
                // Picked again: it is the class's top; its count grew.
                SiftDown(c, s, key);
            }
            else
            {
                _inEpoch[i] = true;
                if (_segCount[c] == 0) _nonEmpty[_nonEmptyCount++] = c;
                int p = s + _segCount[c]++;
                while (p > s)
                {
                    int parent = s + ((p - s - 1) >> 1);
                    if (_pickedKeys[parent] <= key) break;
                    _pickedKeys[p] = _pickedKeys[parent];
                    p = parent;
                }
                _pickedKeys[p] = key;
            }
            // The class's top may have changed: place the class by its top's state at this step.
            _waiting.Remove(c);
            _eligible.Remove(c);
            int t = Top(c);
            if (Eligible(_eNum[t], t)) _eligible.Push(c, _num[t], _w[t], t);
            else _waiting.Push(c, _eNum[t], _w[t], t);
        }

        private int Top(int c) => (int)(uint)_pickedKeys[_segStart[c]];

        private void SiftDown(int c, int s, long key)
        {
            int end = s + _segCount[c], p = s;
            while (true)
            {
                int child = s + 2 * (p - s) + 1;
                if (child >= end) break;
                if (child + 1 < end && _pickedKeys[child + 1] < _pickedKeys[child]) child++;
                if (_pickedKeys[child] >= key) break;
                _pickedKeys[p] = _pickedKeys[child];
                p = child;
            }
            _pickedKeys[p] = key;
        }
    }
}
