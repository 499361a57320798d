using System;
using FairnessGovernor.Numerics;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// Tijdeman's chairman-assignment rule (SPEC.md 6.1.3). Within an epoch (a stretch of picks over a fixed
    /// set E of m open agents, W = sum of their weights, delta = 1/(2(m-1)), D = 2(m-1)), at the epoch's k-th
    /// pick agent i is eligible when k p_i - x_i &gt;= delta, i.e. (k D) w_i &gt;= W (D x_i + 1): from the integer
    /// step ceil(W (D x_i + 1) / (D w_i)) on. Among eligible agents the earliest deadline (x_i + 1 - delta)/p_i
    /// wins, ordered exactly as (D (x_i + 1) - 1) / w_i (ties: lowest index). Every comparison is exact.
    /// <para>
    /// Within a weight class both the eligibility step and the deadline follow (x_i, i), and the agents of a class
    /// picked in the epoch take turns in index order: their counts are v + 1 for a first stretch of the class (in
    /// index order) and v for the rest, and a new member joins with x = 1 only while every member has x = 1
    /// (SPEC.md 6.1.3 has the argument). So a class is its members in index order, a turn pointer and v: its
    /// candidate is the member at the pointer, with x = v, and a pick moves the pointer, O(1).
    /// The class candidates sit in two queues: waiting classes on a timing wheel by their integer eligibility step
    /// (<see cref="StepWheel"/>), eligible ones in a deadline queue (<see cref="DeadlineQueue"/>: buckets by the
    /// deadline's integer part, an exact heap for the few due within a few steps). Agents not yet picked in the epoch
    /// (x = 0) need no queue: their eligibility steps and deadlines are both ordered by weight descending (index
    /// ascending), so they are a cursor over the agents sorted once that way, skipping closed ones through a
    /// union-find successor. A pick moves the classes due at this step from the wheel to the deadline queue,
    /// compares the queue's first with the cursor's agent, and re-files only the chosen class, whose step and
    /// deadline grow by additions: O(1) per pick whatever the number of agents or of distinct weights (the exact heap holds
    /// the classes due within a few steps: one or two, all k only when every deadline falls within the same step).
    /// When an agent closes, a new epoch starts over the rest (k and counts from zero, p renormalised): the
    /// classes are emptied (they hold only agents picked in the last epoch) and the cursor returns to the start:
    /// no O(m) work per close.
    /// </para>
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal sealed class LagBounded : IAgentSelector, IDeadlineEntries
    {
        private readonly OpenAgents _open;
        private readonly int[] _sorted;   // agents by weight descending, index ascending
        private readonly int[] _sortedClass; // the class of the agent at each position in _sorted (read in order by the fresh cursor)
        private readonly int[] _rank;     // agent -> position in _sorted
        private readonly OpenAgents _freshOpen; // over positions in _sorted

        private readonly int[] _class;
        private readonly LagNode[] _node; // per class: its state (Class) and its place in the two queues
        private readonly int[] _segStart; // per class: where its members start in _members
        private const int CachedRounds = 4096;
        // From this many classes on the records (48 bytes each) outgrow the L2 cache and the loads of the next picks' records
        // are started ahead (CachePrefetch); below it they cost more than they save (measured: 10 and 1,000 classes about 6-10%
        // slower with them, 20,000 the same, 40,000 about 20% faster).
        private const int PrefetchClasses = 16384;
        private readonly bool _prefetch;
        private readonly RoundStep[]? _round; // per class, up to CachedRounds classes: see RoundSteps

        private struct RoundStep
        {
            public long IncQ; // -1: not worked out in this epoch
            public ulong IncR;
            public long OffQ;
            public ulong OffR;
        }
        private readonly int[] _members;
        private readonly int[] _memberPos; // agent -> its place in its class's members (-1: not picked in the epoch)
        private readonly int[] _nonEmpty;
        private int _nonEmptyCount;
        private readonly StepWheel _waiting;       // classes whose candidate is not eligible, by its eligibility step
        private readonly DeadlineQueue _eligible;  // classes whose candidate is eligible, by deadline (D (v + 1) - 1) / w
        private bool _dirty = true;
        private int _cursor;
        private bool _headValid; // _head and _headStep are those of the cursor in this epoch
        private int _head;
        private int _headPos;     // the cursor agent's position in _sorted
        private long _headWeight;
        private long _headStep;
        private long _k;
        private long _total;
        private long _d;
        private int _setSize;
        private int _lastReason = DecisionReasons.CodeDeadline;

        public LagBounded(FairAgentTable agents, OpenAgents open)
            : this(agents, open, null)
        {
        }

        /// <summary>With the prefetching forced on or off (<paramref name="prefetch"/>; null: from <see cref="PrefetchClasses"/> classes on), for tests.</summary>
        internal LagBounded(FairAgentTable agents, OpenAgents open, bool? prefetch)
        {
            int m = agents.Count;
            _open = open;
            var weightClasses = agents.Classes;
            _class = weightClasses.Of;
            var sizes = weightClasses.Size;
            int classes = weightClasses.Count;
            _node = new LagNode[classes];
            for (int c = 0; c < classes; c++) _node[c].Class.Weight = (int)weightClasses.Weight[c]; // weights are ints
            _nonEmpty = new int[classes];
            _segStart = new int[classes];
            if (classes <= CachedRounds)
            {
                _round = new RoundStep[classes];
                for (int c = 0; c < classes; c++) _round[c].IncQ = -1;
            }
            for (int c = 1; c < classes; c++) _segStart[c] = _segStart[c - 1] + sizes[c - 1];
            // Agents by weight descending, index ascending: the classes by weight descending, each in index order
            // (O(m + k) from the classes' order rather than a comparison sort of the agents).
            var ascending = weightClasses.ByWeight;
            var next = new int[classes];
            for (int r = classes - 2; r >= 0; r--) next[ascending[r]] = next[ascending[r + 1]] + sizes[ascending[r + 1]];
            _sorted = new int[m];
            _sortedClass = new int[m];
            _rank = new int[m];
            for (int i = 0; i < m; i++)
            {
                int p = next[_class[i]]++;
                _sorted[p] = i;
                _sortedClass[p] = _class[i];
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
            _waiting = new StepWheel(classes, _node);
            _prefetch = (prefetch ?? classes >= PrefetchClasses) && CachePrefetch.Available;
            _eligible = new DeadlineQueue(classes, _node, this, _prefetch);
        }

        public int LastReason => _lastReason;

        public int Pick()
        {
            if (_dirty) StartEpoch();
            if (_setSize == 0) return -1;
            _lastReason = DecisionReasons.CodeDeadline;
            if (_setSize == 1) return _open.NextFrom(0);
            long k = ++_k;
            for (int c = _waiting.TakeDue(k); c >= 0;)
            {
                int nextDue = _waiting.Next(c);
                MakeEligible(c, DueFloor(c));
                c = nextDue;
            }
            int fresh = FreshHead(out long freshStep);
            bool freshEligible = fresh >= 0 && freshStep <= k;
            int j, from = -1;
            bool ready = _eligible.Ready(k);
            while (ready)
            {
                // A class parked by its deadline (see Place) may come up before its step when the frontier jumped.
                from = _eligible.Top;
                long step = Ceiling(_node[from].Class.StepQ, _node[from].Class.StepR);
                if (step <= k) break;
                _eligible.PopFirst();
                _waiting.Add(from, step, k);
                ready = _eligible.Ready(k);
            }
            if (ready)
            {
                j = Candidate(from);
                if (freshEligible)
                {
                    // fresh deadline numerator is D - 1
                    int cmp = ExactMath.CompareProducts(_d - 1, _node[from].Class.Weight, Deadline(from), _headWeight);
                    if (cmp < 0 || (cmp == 0 && fresh < j)) j = fresh;
                }
            }
            else if (freshEligible) j = fresh;
            else
            {
                // Not reachable in exact arithmetic (the lags of E sum to 1 >= delta); kept so a pick never fails:
                // the agent eligible soonest (ties: the fresh one).
                from = _waiting.Soonest(k, out long soonest);
                j = fresh >= 0 && (from < 0 || freshStep <= soonest) ? fresh : Candidate(from);
                _lastReason = DecisionReasons.CodeFallback;
            }
            if (j == fresh)
            {
                _cursor = _headPos + 1;
                _headValid = false;
                Join(j, _sortedClass[_headPos]);
            }
            else Advance(from);
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
                if (_node[c].Class.SegCount == 0)
                {
                    _nonEmpty[_nonEmptyCount++] = c;
                    _node[c].Class.Candidate = a; // as in Join
                }
                int at = _segStart[c] + _node[c].Class.SegCount++;
                _members[at] = a;
                _memberPos[a] = at - _segStart[c];
                _node[c].Class.V = x[a]; // the last member's count is the class's v
            }
            for (int i = 0; i < _nonEmptyCount; i++)
            {
                int c = _nonEmpty[i], turn = 0;
                while (turn < _node[c].Class.SegCount && x[_members[_segStart[c] + turn]] > _node[c].Class.V) turn++;
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

        /// <summary>The agent's count in the epoch.</summary>
        private long Count(int agent)
        {
            int pos = _memberPos[agent];
            if (pos < 0) return 0;
            int c = _class[agent];
            return _node[c].Class.V + (pos < _node[c].Class.Turn ? 1 : 0);
        }

        /// <summary>The first fresh agent (x = 0) by weight descending, index ascending, and its eligibility step; -1 when none.</summary>
        private int FreshHead(out long step)
        {
            if (!_headValid)
            {
                int p = _freshOpen.FirstAtOrAfter(_cursor);
                _head = p >= _sorted.Length ? -1 : _sorted[p];
                _headPos = p;
                _headWeight = _head >= 0 ? _node[_sortedClass[p]].Class.Weight : 0;
                _headStep = _head >= 0 ? EligibleStep(1, _headWeight) : long.MaxValue;
                _headValid = true;
                // The next fresh agent's class record, read when it comes up (and written when it joins): with many
                // classes it would come from main memory then (SPEC.md 6.1.3).
                if (_prefetch && p + 1 < _sorted.Length) CachePrefetch.Line(_node, _sortedClass[p + 1]);
            }
            step = _headStep;
            return _head;
        }

        /// <summary>The agent's weight (its class's).</summary>
        private long W(int agent) => _node[_class[agent]].Class.Weight;

        private int Candidate(int c) => _node[c].Class.Candidate;

        /// <summary>Moves the class's turn pointer to <paramref name="t"/>, and its candidate with it (a class of one member keeps the one it joined with).</summary>
        private void SetTurn(int c, int t)
        {
            ref var cls = ref _node[c].Class;
            cls.Turn = t;
            if (cls.SegCount > 1) cls.Candidate = _members[_segStart[c] + t];
        }

        /// <summary>The class candidate's deadline numerator D (v + 1) - 1 (over its weight).</summary>
        private long Deadline(int c) => _d * (_node[c].Class.V + 1) - 1;

        /// <summary>
        /// The first step k with k D w &gt;= W e (e = D x + 1): ceil(W e / (D w)), exactly; capped at long.MaxValue
        /// (no epoch reaches it).
        /// </summary>
        private long EligibleStep(long e, long w) => EligibleStep(_total, _d, e, w);

        /// <summary>ceil(<paramref name="total"/> e / (<paramref name="d"/> w)) exactly (all &gt; 0, d w &lt; 2^64), capped at long.MaxValue.</summary>
        internal static long EligibleStep(long total, long d, long e, long w) => Ceiling(Quotient(total, d, e, w, out ulong rest), rest);

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

        /// <summary>W D over D w as <paramref name="incQ"/> + <paramref name="incR"/> / (D w): W div w whole steps and (W mod w) D over D w.</summary>
        internal static void RoundIncrement(long total, long d, long w, out long incQ, out ulong incR)
        {
            incQ = total / w;
            incR = (ulong)(total - incQ * w) * (ulong)d;
        }

        /// <summary>The quotient rounded up, from its floor and remainder (a capped floor stays capped).</summary>
        private static long Ceiling(long floor, ulong rest) => rest != 0 && floor < long.MaxValue ? floor + 1 : floor;

        /// <summary>Adds <paramref name="q"/> + <paramref name="r"/>/den the increment (incQ + incR/den), exactly, capped at long.MaxValue.</summary>
        internal static void Grow(ref long q, ref ulong r, long incQ, ulong incR, ulong den)
        {
            if (q == long.MaxValue) return;
            r += incR; // both below den < 2^63
            long add = incQ;
            if (r >= den)
            {
                r -= den;
                add++;
            }
            q = q >= long.MaxValue - add ? long.MaxValue : q + add;
        }

        private void StartEpoch()
        {
            _dirty = false;
            _waiting.Clear(_nonEmpty, _nonEmptyCount);
            _eligible.Clear(_nonEmpty, _nonEmptyCount, 0);
            for (int n = 0; n < _nonEmptyCount; n++)
            {
                int c = _nonEmpty[n];
                for (int p = _segStart[c], end = p + _node[c].Class.SegCount; p < end; p++) _memberPos[_members[p]] = -1;
                _node[c].Class.SegCount = 0;
                _node[c].Class.Turn = 0;
                _node[c].Class.V = 0;
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
            int count = _node[c].Class.SegCount;
            int at = _segStart[c] + count;
            _members[at] = agent;
            _memberPos[agent] = count;
            _node[c].Class.SegCount = count + 1;
            if (count == 0)
            {
                _nonEmpty[_nonEmptyCount++] = c;
                _node[c].Class.V = 1;
                _node[c].Class.Turn = 0;
                _node[c].Class.Candidate = agent;
                Reckon(c);
                Place(c);
            }
            // Otherwise the candidate (the member at the turn pointer, x = 1) is unchanged: the class stays where it is.
        }

        /// <summary>The class's candidate was picked: the turn passes to the next member.</summary>
        private void Advance(int c)
        {
            int t = _node[c].Class.Turn + 1;
            if (t < _node[c].Class.SegCount && _eligible.IsFirst(c))
            {
                // The usual case: the next member has the same count v, so the same eligibility (it stays eligible)
                // and the same deadline; only the tie (its index, higher) changes, so the class sinks from the top in
                // place, rarely further than one level.
                SetTurn(c, t);
                var first = _eligible.First;
                first.Tie = Candidate(c);
                _eligible.ReplaceFirst(first);
                return;
            }
            if (_eligible.IsFirst(c)) _eligible.PopFirst();
            else _waiting.Remove(c); // only the fallback picks a waiting class
            if (t < _node[c].Class.SegCount)
            {
                SetTurn(c, t);
                Place(c);
                return;
            }
            // A new round: v + 1's step and deadline are v's grown by W D over D w. The round's steps are worked out
            // once here and serve the deadline floor too (beyond CachedRounds classes each costs two divisions).
            ref var cls = ref _node[c].Class;
            cls.V++;
            RoundSteps(c, out long incQ, out ulong incR, out long offQ, out ulong offR);
            ulong den = (ulong)_d * (ulong)cls.Weight;
            Grow(ref cls.StepQ, ref cls.StepR, incQ, incR, den);
            SetTurn(c, 0);
            long due = cls.StepQ;
            ulong rest = cls.StepR;
            Grow(ref due, ref rest, offQ, offR, den);
            Place(c, due);
        }

        /// <summary>
        /// Works out the class candidate's step afresh (v was set), and forgets the class's cached round steps (W and D
        /// change from epoch to epoch).
        /// </summary>
        private void Reckon(int c)
        {
            _node[c].Class.StepQ = Quotient(_total, _d, _d * _node[c].Class.V + 1, _node[c].Class.Weight, out _node[c].Class.StepR);
            if (_round != null) _round[c].IncQ = -1;
        }

        /// <summary>
        /// What a round adds to the class's step numerator, W D over D w (W div w whole steps and (W mod w) D over D w), and the
        /// deadline's offset from the step, W (D - 2) over D w: worked out by division, once per epoch while there are at most
        /// <see cref="CachedRounds"/> classes (kept beside the records, which stay small for the many-class case where
        /// another array would be another cache miss a round).
        /// </summary>
        private void RoundSteps(int c, out long incQ, out ulong incR, out long offQ, out ulong offR)
        {
            if (_round != null && _round[c].IncQ >= 0)
            {
                ref var cached = ref _round[c];
                incQ = cached.IncQ; incR = cached.IncR; offQ = cached.OffQ; offR = cached.OffR;
                return;
            }
            long w = _node[c].Class.Weight;
            RoundIncrement(_total, _d, w, out incQ, out incR);
            offQ = Quotient(_total, _d, _d - 2, w, out offR);
            if (_round != null) _round[c] = new RoundStep { IncQ = incQ, IncR = incR, OffQ = offQ, OffR = offR };
        }

        /// <summary>
        /// The class candidate's deadline floor, floor(W (D (v + 1) - 1) / (D w)): the step's numerator W (D v + 1) plus
        /// W (D - 2) over D w (<see cref="RoundSteps"/>), worked out here rather than kept in the class's record, which stays small.
        /// </summary>
        private long DueFloor(int c)
        {
            ref var cls = ref _node[c].Class;
            long q = cls.StepQ;
            ulong r = cls.StepR;
            RoundSteps(c, out _, out _, out long offQ, out ulong offR);
            Grow(ref q, ref r, offQ, offR, (ulong)_d * (ulong)cls.Weight);
            return q;
        }

        /// <summary>
        /// Files the class by its candidate's state at this step: eligible now, or waiting for its step; or, when its deadline floor
        /// is at least <see cref="DeadlineQueue.Lead"/> steps past its step, parked straight in the deadline queue (the frontier
        /// reaches it only once it is eligible, unless the frontier jumps; <see cref="Pick"/> checks the top's step).
        /// </summary>
        private void Place(int c) => Place(c, DueFloor(c));

        /// <summary><see cref="Place(int)"/> with the deadline floor <paramref name="due"/> already worked out.</summary>
        private void Place(int c, long due)
        {
            long step = Ceiling(_node[c].Class.StepQ, _node[c].Class.StepR);
            if (step <= _k || due - step >= DeadlineQueue.Lead) MakeEligible(c, due); // eligible, or parked
            else _waiting.Add(c, step, _k);
        }

        /// <summary>Files the class among the eligible, by its candidate's deadline and the deadline's integer part in steps, <paramref name="due"/>.</summary>
        private void MakeEligible(int c, long due) => _eligible.Add(EntryOf(c), due);

        /// <summary>The class's entry in the deadline queue: its candidate's deadline ratio (D (v + 1) - 1) / w, ties to the candidate's index.</summary>
        public RatioEntry EntryOf(int c) => new RatioEntry(c, Deadline(c), _node[c].Class.Weight, _node[c].Class.Candidate);
    }

    /// <summary>A weight class's state in a lag_bounded epoch (SPEC.md 6.1.3), kept in its <see cref="LagNode"/> (40 bytes).</summary>
    internal struct LagClass
    {
        // The candidate's eligibility step as quotient and remainder over D w of the numerator W (D v + 1). It grows by
        // W D when v does: by W div w whole steps and (W mod w) D over D w, so a class's round costs additions (and
        // divisions beyond 4,096 classes: LagBounded.RoundSteps). The deadline's numerator is W (D v + 1) + W (D - 2)
        // (see LagBounded.DueFloor).
        public long StepQ;
        public ulong StepR;
        // Its members picked in the epoch, in index order, are LagBounded._members[start .. start + SegCount); with the
        // turn pointer Turn and the base count V: members before the pointer have x = V + 1, the others x = V; the
        // member at the pointer is the candidate.
        public long V;
        public int Weight;
        public int Turn;
        public int SegCount;
        public int Candidate;
    }
}
