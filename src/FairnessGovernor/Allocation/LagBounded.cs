using FairnessGovernor.Numerics;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// Tijdeman's chairman-assignment rule, <c>lag_bounded</c> (SPEC.md 6.1.3), over the weight classes: a class's
    /// agents picked in the epoch take turns in index order (<see cref="LagClass"/>), so a class has one candidate.
    /// Classes sit in a heap by deadline, except those found not yet eligible at its top, which wait in a heap by
    /// eligibility step; agents not yet picked in the epoch are a cursor over the agents by weight descending, index
    /// ascending. O(log k) per pick over the k distinct weights. docs/design/lag-bounded.md has the data structures and why they give the rule's picks.
    /// </summary>
    internal sealed class LagBounded : IAgentSelector
    {
        private readonly OpenAgents _open;
        private readonly int[] _sorted;      // agents by weight descending, index ascending
        private readonly int[] _rank;        // agent -> its position in _sorted
        private readonly OpenAgents _freshOpen; // over positions in _sorted: the agents still in the set
        private readonly int[] _class;       // agent -> its weight class
        private readonly LagClass[] _classes;
        private readonly int[] _segStart;    // per class: where its members start in _members
        private readonly int[] _members;     // per class, its members picked in the epoch, in index order
        private readonly int[] _memberPos;   // agent -> its place among its class's members (-1: not picked in the epoch)
        private readonly int[] _nonEmpty;    // the classes with members in the epoch
        private int _nonEmptyCount;
        private readonly ItemHeap<StepEntry> _waiting;  // classes whose candidate is known not to be eligible yet, by step
        private readonly ItemHeap<RatioEntry> _byDeadline; // the other classes, by deadline
        private bool _dirty = true;          // an agent closed: the next pick starts a new epoch
        private int _cursor;                 // the position in _sorted from which fresh agents are looked for
        private bool _headValid;             // _headPos and _headStep are the cursor's in this epoch
        private int _headPos;                // the first fresh agent's position in _sorted (its length: none)
        private long _headStep;              // its eligibility step
        private long _k;
        private long _total;
        private long _d;
        private int _setSize;
        private int _lastReason = DecisionReasons.CodeDeadline;

        public LagBounded(FairAgentTable agents, OpenAgents open)
        {
            int m = agents.Count;
            _open = open;
            var weightClasses = agents.Classes;
            _class = weightClasses.Of;
            var sizes = weightClasses.Size;
            int classes = weightClasses.Count;
            _classes = new LagClass[classes];
            _segStart = new int[classes];
            for (int c = 0; c < classes; c++) _classes[c].Weight = weightClasses.Weight[c];
            for (int c = 1; c < classes; c++) _segStart[c] = _segStart[c - 1] + sizes[c - 1];
            // Agents by weight descending, index ascending, from the classes' order (no comparison sort).
            var ascending = weightClasses.ByWeight;
            var next = new int[classes];
            for (int r = classes - 2; r >= 0; r--) next[ascending[r]] = next[ascending[r + 1]] + sizes[ascending[r + 1]];
            _sorted = new int[m];
            _rank = new int[m];
            for (int i = 0; i < m; i++)
            {
                int p = next[_class[i]]++;
                _sorted[p] = i;
                _rank[i] = p;
            }
            _freshOpen = new OpenAgents(m);
            for (int i = 0; i < m; i++)
            {
                if (open.IsOpen(i)) { _setSize++; _total += W(i); }
                else _freshOpen.Close(_rank[i]);
            }
            _members = new int[m];
            _memberPos = new int[m];
            for (int i = 0; i < m; i++) _memberPos[i] = -1;
            _nonEmpty = new int[classes];
            _waiting = new ItemHeap<StepEntry>(classes);
            _byDeadline = new ItemHeap<RatioEntry>(classes);
        }

        public int LastReason => _lastReason;

        public int Pick()
        {
            if (_dirty) StartEpoch();
            if (_setSize == 0) return -1;
            _lastReason = DecisionReasons.CodeDeadline;
            if (_setSize == 1) return _open.NextFrom(0);
            long k = ++_k;
            while (_waiting.Count > 0 && _waiting.First.Step <= k) _byDeadline.Push(EntryOf(_waiting.Pop()));
            // Every eligible class is now in the deadline heap; a top not yet eligible waits for its step.
            while (_byDeadline.Count > 0 && _classes[_byDeadline.Top].Step > k)
            {
                int c = _byDeadline.Pop();
                _waiting.Push(new StepEntry(c, _classes[c].Step));
            }
            if (!_headValid)
            {
                // The first fresh agent changes only when it is picked or an epoch starts (a close starts one).
                _headPos = _freshOpen.FirstAtOrAfter(_cursor);
                _headStep = _headPos < _sorted.Length ? EligibleStep(1, W(_sorted[_headPos])) : long.MaxValue;
                _headValid = true;
            }
            int freshPos = _headPos;
            int fresh = freshPos < _sorted.Length ? _sorted[freshPos] : -1;
            long freshWeight = fresh >= 0 ? W(fresh) : 0;
            long freshStep = _headStep;
            int j, from = -1;
            bool fromEligible = _byDeadline.Count > 0;
            if (fromEligible)
            {
                from = _byDeadline.Top;
                j = _classes[from].Candidate;
                if (fresh >= 0 && freshStep <= k)
                {
                    // A fresh agent's deadline numerator is D - 1.
                    int cmp = ExactMath.CompareProducts(_d - 1, _classes[from].Weight, Deadline(from), freshWeight);
                    if (cmp < 0 || (cmp == 0 && fresh < j)) j = fresh;
                }
            }
            else if (fresh >= 0 && freshStep <= k) j = fresh;
            else
            {
                // Not reachable in exact arithmetic (the lags of E sum to 1 >= delta); kept so a pick never fails:
                // the agent eligible soonest (ties: the fresh one).
                from = _waiting.Count > 0 ? _waiting.Top : -1;
                long soonest = from >= 0 ? _waiting.First.Step : long.MaxValue;
                j = fresh >= 0 && (from < 0 || freshStep <= soonest) ? fresh : _classes[from].Candidate;
                _lastReason = DecisionReasons.CodeFallback;
            }
            if (j == fresh)
            {
                _cursor = freshPos + 1;
                _headValid = false;
                Join(j, _class[j]);
            }
            else Advance(from, fromEligible);
            return j;
        }

        public void Close(int agent)
        {
            if (!_freshOpen.IsOpen(_rank[agent])) return;
            _freshOpen.Close(_rank[agent]);
            _setSize--;
            _total -= W(agent);
            _dirty = true;
        }

        /// <summary>
        /// Continues an epoch carried from an earlier run (SPEC.md 7.2): step <paramref name="k"/> and counts
        /// <paramref name="x"/> over the current open set. Refused (a fresh epoch starts) when the counts are not
        /// those of an epoch: they must sum to k, the agents with x &gt; 0 must be the first open agents by
        /// weight descending, index ascending (the order in which fresh agents are first picked), and within each
        /// weight class the counts must be v + 1 then v in index order (v &gt;= 1), all 1 when the class still has an
        /// agent with x = 0 (the order in which a class takes its turns).
        /// </summary>
        public bool Restore(long k, long[] x)
        {
            if (_setSize < 2 || k <= 0) return false;
            long sum = 0, first = 0, previous = 0, weight = -1;
            int cursor = 0;
            bool prefix = true;
            int n = _sorted.Length;
            for (int p = _freshOpen.FirstAtOrAfter(0); p < n; p = _freshOpen.FirstAtOrAfter(p + 1))
            {
                int a = _sorted[p];
                long xi = x[a];
                if (xi < 0 || xi > int.MaxValue) return false;
                if (xi == 0)
                {
                    // The first agent left fresh: members of its class already picked must all have x = 1.
                    if (prefix && W(a) == weight && first != 1) return false;
                    prefix = false;
                    continue;
                }
                if (!prefix) return false;
                cursor = p + 1;
                sum += xi;
                // Within a class (agents in index order), the counts step down once at most, by 1.
                if (W(a) != weight) { weight = W(a); first = previous = xi; }
                else if (xi > previous || xi < first - 1) return false;
                previous = xi;
            }
            if (sum != k) return false;
            StartEpoch();
            _k = k;
            for (int p = _freshOpen.FirstAtOrAfter(0); p < cursor; p = _freshOpen.FirstAtOrAfter(p + 1))
            {
                int a = _sorted[p], c = _class[a];
                ref var cls = ref _classes[c];
                if (cls.Count == 0) _nonEmpty[_nonEmptyCount++] = c;
                _members[_segStart[c] + cls.Count] = a;
                _memberPos[a] = cls.Count++;
                cls.V = x[a]; // the last member's count is the class's v
            }
            for (int i = 0; i < _nonEmptyCount; i++)
            {
                int c = _nonEmpty[i], turn = 0;
                while (turn < _classes[c].Count && x[_members[_segStart[c] + turn]] > _classes[c].V) turn++;
                SetTurn(c, turn);
                Reckon(c);
                Place(c);
            }
            _cursor = cursor;
            _headValid = false;
            return true;
        }

        /// <summary>The epoch to carry to the next run: false when there is none (no pick yet, an agent closed since, or fewer than 2 members).</summary>
        public bool ExportEpoch(out long k, long[] x, bool[] member)
        {
            k = 0;
            if (_dirty || _setSize < 2) return false;
            k = _k;
            for (int i = 0; i < _rank.Length; i++)
            {
                member[i] = _freshOpen.IsOpen(_rank[i]);
                x[i] = member[i] ? Count(i) : 0;
            }
            return true;
        }

        public string? WhyNot(int agent)
        {
            if (_setSize <= 1) return null;
            // An agent is eligible from its step on; the agent just picked is never asked.
            return EligibleStep(_d * Count(agent) + 1, W(agent)) <= _k ? "later_deadline" : "not_eligible";
        }

        /// <summary>ceil(<paramref name="total"/> e / (<paramref name="d"/> w)) exactly (all &gt; 0, d w &lt; 2^64), capped at long.MaxValue.</summary>
        internal static long EligibleStep(long total, long d, long e, long w)
        {
            long floor = Quotient(total, d, e, w, out ulong rest);
            return rest != 0 && floor < long.MaxValue ? floor + 1 : floor;
        }

        /// <summary>
        /// floor(<paramref name="total"/> e / (<paramref name="d"/> w)) exactly, and the remainder <paramref name="rest"/>
        /// (total, d, w &gt; 0, e &gt;= 0, d w &lt; 2^64); capped at long.MaxValue (rest then 0): no epoch reaches it.
        /// </summary>
        internal static long Quotient(long total, long d, long e, long w, out ulong rest)
        {
            ulong den = (ulong)d * (ulong)w; // D < 2^32, w < 2^31
            ExactMath.Multiply((ulong)total, (ulong)e, out ulong hi, out ulong lo);
            if (hi == 0)
            {
                ulong q = lo / den; // den >= 2, so q < 2^63
                rest = lo - q * den;
                return (long)q;
            }
            rest = 0;
            if (hi >= den) return long.MaxValue; // the quotient needs more than 64 bits
            ulong quotient = ExactMath.Divide(hi, lo, den, out rest);
            if (quotient < long.MaxValue) return (long)quotient;
            rest = 0;
            return long.MaxValue;
        }

        /// <summary>The agent's count in the epoch.</summary>
        private long Count(int agent)
        {
            int pos = _memberPos[agent];
            if (pos < 0) return 0;
            ref var cls = ref _classes[_class[agent]];
            return cls.V + (pos < cls.Turn ? 1 : 0);
        }

        /// <summary>The agent's weight (its class's).</summary>
        private long W(int agent) => _classes[_class[agent]].Weight;

        /// <summary>The first step k with k D w &gt;= W e (e = D x + 1), exactly.</summary>
        private long EligibleStep(long e, long w) => EligibleStep(_total, _d, e, w);

        /// <summary>The class candidate's deadline numerator D (v + 1) - 1 (over its weight).</summary>
        private long Deadline(int c) => _d * (_classes[c].V + 1) - 1;

        /// <summary>The class's entry among the eligible: its candidate's deadline (D (v + 1) - 1) / w, ties to the candidate's index.</summary>
        private RatioEntry EntryOf(int c) => new RatioEntry(c, Deadline(c), _classes[c].Weight, _classes[c].Candidate);

        /// <summary>Works out the class candidate's eligibility step (v was set).</summary>
        private void Reckon(int c) => _classes[c].Step = EligibleStep(_d * _classes[c].V + 1, _classes[c].Weight);

        /// <summary>Moves the class's turn pointer to <paramref name="t"/>, and its candidate with it.</summary>
        private void SetTurn(int c, int t)
        {
            _classes[c].Turn = t;
            _classes[c].Candidate = _members[_segStart[c] + t];
        }

        /// <summary>Files the class by its candidate's deadline (a pick checks the top's step).</summary>
        private void Place(int c) => _byDeadline.Push(EntryOf(c));

        private void StartEpoch()
        {
            _dirty = false;
            _waiting.Clear();
            _byDeadline.Clear();
            for (int n = 0; n < _nonEmptyCount; n++)
            {
                int c = _nonEmpty[n];
                ref var cls = ref _classes[c];
                for (int p = _segStart[c], end = p + cls.Count; p < end; p++) _memberPos[_members[p]] = -1;
                cls.Count = 0;
                cls.Turn = 0;
                cls.V = 0;
            }
            _nonEmptyCount = 0;
            _k = 0;
            _cursor = 0;
            _headValid = false;
            _d = 2L * (_setSize - 1);
        }

        /// <summary>A fresh agent's first pick: it joins its class's members with x = 1 (every member has x = 1 then).</summary>
        private void Join(int agent, int c)
        {
            ref var cls = ref _classes[c];
            _members[_segStart[c] + cls.Count] = agent;
            _memberPos[agent] = cls.Count++;
            if (cls.Count > 1) return; // the candidate (the member at the turn pointer, x = 1) is unchanged
            _nonEmpty[_nonEmptyCount++] = c;
            cls.V = 1;
            SetTurn(c, 0);
            Reckon(c);
            Place(c);
        }

        /// <summary>
        /// The candidate of class <paramref name="c"/>, the top of the deadline heap (or, in the fallback, of the waiting
        /// heap), was picked: the turn passes on. The next member has the same count v, so the same step and deadline,
        /// and only the tie (its index, higher) changes; past the last member every member holds v + 1: a new round, with
        /// a later step and deadline. Either way the class sinks from the top of the deadline heap in place.
        /// </summary>
        private void Advance(int c, bool fromDeadlineHeap)
        {
            int t = _classes[c].Turn + 1;
            if (t == _classes[c].Count)
            {
                _classes[c].V++;
                t = 0;
                Reckon(c);
            }
            SetTurn(c, t);
            if (fromDeadlineHeap) _byDeadline.ReplaceFirst(EntryOf(c));
            else
            {
                _waiting.Pop();
                Place(c);
            }
        }
    }
}
