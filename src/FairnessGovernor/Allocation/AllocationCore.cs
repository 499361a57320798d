using System;
using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// One run's decision machinery, one task at a time: open agents, limits, group quotas and the strategy.
    /// The batch allocator feeds it the tasks in dispatch order; the stream feeds it tasks as they come.
    /// Optionally starts from a carried <see cref="GovernorState"/> and exports the next one (SPEC.md 7).
    /// </summary>
    internal sealed class AllocationCore
    {
        private readonly IReadOnlyList<FairAgent> _agents;
        private readonly FairnessPolicy _policy;
        private readonly FairAgentTable _table;
        private readonly OpenAgents _open;
        private readonly int[] _counts;
        // Agents with a capacity or a max_share, one bit each: only they need their count at each decision. Picks of
        // the others are logged and added to _counts in batches (a tight loop whose cache misses overlap), so a
        // decision touches no per-agent array when there are many agents and no limits.
        private readonly ulong[] _limited;
        private readonly int[] _log = new int[LogSize];
        private int _logged;
        private const int LogSize = 4096;
        private readonly long[] _caps;
        private readonly long[]? _shares;
        private readonly IAgentSelector _selector;
        private readonly WeightedRoundRobin? _wrr;
        private readonly SmoothWeightedRoundRobin? _smooth;
        private readonly LagBounded? _lag;
        private readonly FairShare? _fair;
        private readonly int[]? _groupUsed;
        private readonly bool _explain;
        private int _weighted, _fullByCapacity, _fullByShare;

        /// <param name="agents">The run's agents.</param>
        /// <param name="policy">The run's policy.</param>
        /// <param name="taskCount">The run's task count (for max_share); -1 when unknown (a stream: max_share must not be set).</param>
        /// <param name="explain">Record the agents passed over.</param>
        /// <param name="state">The carried state, or null for a run on its own.</param>
        public AllocationCore(IReadOnlyList<FairAgent> agents, FairnessPolicy policy, int taskCount, bool explain, GovernorState? state)
        {
            _agents = agents;
            _policy = policy;
            _explain = explain;
            _table = new FairAgentTable(agents);
            int m = _table.Count;
            _open = new OpenAgents(m);
            _counts = new int[m];
            _limited = new ulong[(m + 63) >> 6];
            _caps = _table.Capacities;
            if (_table.WithMaxShare.Length > 0)
            {
                if (taskCount < 0) throw new InvalidOperationException("max_share needs the run's task count.");
                _shares = new long[m];
                for (int i = 0; i < m; i++) _shares[i] = long.MaxValue;
                foreach (int a in _table.WithMaxShare) _shares[a] = agents[a].ShareLimit(taskCount);
            }
            for (int a = 0; a < m; a++)
            {
                if (_caps[a] != long.MaxValue || (_shares != null && _shares[a] != long.MaxValue)) _limited[a >> 6] |= 1UL << a;
                if (_table.Weights[a] == 0) { _open.Close(a); continue; }
                _weighted++;
                bool capFull = _caps[a] == 0, shareFull = _shares != null && _shares[a] == 0;
                if (capFull) _fullByCapacity++;
                if (shareFull) _fullByShare++;
                if (capFull || shareFull) _open.Close(a);
            }

            bool carry = state != null && state.Strategy == policy.Strategy;
            switch (policy.Strategy)
            {
                case FairnessStrategies.SmoothWeightedRoundRobin:
                    long[]? initial = null;
                    if (carry)
                    {
                        initial = new long[m];
                        for (int a = 0; a < m; a++) initial[a] = state!.Find(agents[a].Id)?.CurrentWeight ?? 0;
                    }
                    _selector = _smooth = new SmoothWeightedRoundRobin(_table, _open, initial);
                    break;
                case FairnessStrategies.LagBounded:
                    _selector = _lag = new LagBounded(_table, _open);
                    if (carry && state!.Step > 0) RestoreEpoch(state);
                    break;
                case FairnessStrategies.FairShare:
                    _lag = new LagBounded(_table, _open);
                    _fair = new FairShare(_open, _lag, Credits(state, policy));
                    // With no deficit to pay, fair_share is lag_bounded pick for pick: the core calls that selector directly.
                    _selector = _fair.CatchingUp ? _fair : (IAgentSelector)_lag;
                    // With no deficit to pay, the carried epoch continues as lag_bounded's does.
                    if (carry && state!.Step > 0 && !_fair.CatchingUp) RestoreEpoch(state);
                    break;
                default:
                    int startAgent = 0, startSlot = 0;
                    if (carry) StartPointer(state!, out startAgent, out startSlot);
                    _selector = _wrr = new WeightedRoundRobin(_table, _open, startAgent, startSlot);
                    break;
            }
            if (policy.GroupQuotaCount > 0) _groupUsed = new int[policy.GroupQuotaCount];
        }

        /// <summary>Tasks per agent so far, aligned with the agents (up to date when read).</summary>
        public int[] Counts
        {
            get
            {
                if (_logged > 0) Flush();
                return _counts;
            }
        }

        private void Flush()
        {
            var counts = _counts;
            var log = _log;
            for (int i = 0, n = _logged; i < n; i++) counts[log[i]]++;
            _logged = 0;
        }

        /// <summary>Tasks decided so far.</summary>
        public int Decided { get; private set; }

        /// <summary>Tasks left unassigned so far.</summary>
        public int Unassigned { get; private set; }

        /// <summary>
        /// Decides one task: the agent index (-1 when unassigned), the reason code (without max_bypass) and, in
        /// explain mode, the agents passed over.
        /// </summary>
        public int Decide(FairTask task, out int code, out SkippedList? skipped) => Decide(task.Group, out code, out skipped);

        /// <summary>Whether decisions depend on the task's group (the policy has group quotas).</summary>
        public bool UsesGroups => _groupUsed != null;

        /// <summary>
        /// Decides one task given only its quota group (all a decision, and its explanation, reads of the task).
        /// </summary>
        public int Decide(string? taskGroup, out int code, out SkippedList? skipped)
        {
            int group = _groupUsed != null ? _policy.GroupIndex(taskGroup) : -1;
            int pointer = _wrr != null && _explain ? _wrr.PointerAgent : -1;
            int a;
            if (group >= 0 && _groupUsed![group] >= _policy.GroupLimitAt(group))
            {
                a = -1;
                code = DecisionReasons.CodeGroupQuota | (_open.OpenCount == 0 ? AgentCode() : 0);
            }
            else
            {
                a = _selector.Pick();
                if (a < 0) code = AgentCode();
                else
                {
                    code = _selector.LastReason;
                    if (group >= 0) _groupUsed![group]++;
                }
            }
            skipped = _explain ? Explain(taskGroup, a, code, pointer) : null;
            Decided++;
            if (a < 0)
            {
                Unassigned++;
                return a;
            }
            if ((_limited[a >> 6] & (1UL << a)) == 0)
            {
                if (_logged == LogSize) Flush();
                _log[_logged++] = a;
                return a;
            }
            int c = ++_counts[a];
            bool byCap = c >= _caps[a], byShare = _shares != null && c >= _shares[a];
            if (byCap || byShare)
            {
                if (byCap) _fullByCapacity++;
                if (byShare) _fullByShare++;
                _open.Close(a);
                _selector.Close(a);
            }
            return a;
        }

        /// <summary>
        /// The state after this run (SPEC.md 7.2): the run's agents in run order with their counts added, then the
        /// earlier agents absent from this run, unchanged (their strategy position cleared except smooth WRR's
        /// current weight); totals increased; the strategy's position as it stands now. Carried usage (SPEC.md 7.10):
        /// each of the run's agents adds its count to its decayed count and its weighted share of the run's assigned
        /// tasks (its weight over the sum of the run's weights, no limits) to its entitlement; <paramref name="previous"/>
        /// is the state the run started from, already decayed to the run's time (<see cref="UsageClock"/>), whose
        /// <see cref="GovernorState.AsOf"/> the next state keeps.
        /// </summary>
        public GovernorState ExportState(GovernorState previous)
        {
            int m = _table.Count;
            if (_logged > 0) Flush();
            var byId = ById(previous);
            long runWeights = 0;
            for (int a = 0; a < m; a++) runWeights += _table.Weights[a];
            long assignedInRun = Decided - Unassigned;
            var list = new List<AgentState>(m + previous.Agents.Count);
            var present = new HashSet<string>(StringComparer.Ordinal);
            long step = 0;
            long[]? x = null;
            bool[]? member = null;
            if (_lag != null)
            {
                x = new long[m];
                member = new bool[m];
                if (!_lag.ExportEpoch(out step, x, member)) step = 0;
            }
            for (int a = 0; a < m; a++)
            {
                var id = _agents[a].Id;
                present.Add(id);
                byId.TryGetValue(id, out var was);
                long before = was?.Count ?? 0;
                long current = _smooth != null ? _smooth.StateWeight(a) : 0;
                bool inEpoch = step > 0 && member![a];
                double share = runWeights == 0 ? 0 : (double)assignedInRun * _table.Weights[a] / runWeights;
                list.Add(new AgentState(id, _agents[a].Weight, before + _counts[a], current, inEpoch, inEpoch ? x![a] : 0,
                    (was?.DecayedCount ?? 0) + _counts[a], (was?.Entitlement ?? 0) + share));
            }
            foreach (var old in previous.Agents)
                if (!present.Contains(old.Id))
                    list.Add(new AgentState(old.Id, old.Weight, old.Count, _smooth != null ? old.CurrentWeight : 0, false, 0, old.DecayedCount, old.Entitlement));
            string? pointerAgent = null;
            int pointerSlot = 0;
            if (_wrr != null && _wrr.StateAgent >= 0)
            {
                pointerAgent = _agents[_wrr.StateAgent].Id;
                pointerSlot = _wrr.StateSlot;
            }
            else if (_wrr != null && previous.Strategy == _policy.Strategy)
            {
                pointerAgent = previous.PointerAgent;
                pointerSlot = previous.PointerSlot;
            }
            return new GovernorState(_policy.Strategy, previous.Runs + 1, previous.TotalTasks + Decided, previous.AssignedTasks + (Decided - Unassigned),
                pointerAgent, pointerSlot, step, list, previous.AsOf);
        }

        /// <summary>fair_share's catch-up credit per agent (SPEC.md 7.10), from the carried (already decayed) usage.</summary>
        private long[] Credits(GovernorState? state, FairnessPolicy policy)
        {
            int m = _table.Count;
            var credit = new long[m];
            if (state == null || state.Agents.Count == 0) return credit;
            long openWeights = 0;
            for (int a = 0; a < m; a++) if (_open.IsOpen(a)) openWeights += _table.Weights[a];
            var byId = ById(state);
            for (int a = 0; a < m; a++)
            {
                if (!_open.IsOpen(a) || !byId.TryGetValue(_agents[a].Id, out var s)) continue;
                credit[a] = FairShare.Credit(s.Entitlement, s.DecayedCount, _table.Weights[a], openWeights, policy.MaxCatchUp);
            }
            return credit;
        }

        private static Dictionary<string, AgentState> ById(GovernorState state)
        {
            var byId = new Dictionary<string, AgentState>(state.Agents.Count, StringComparer.Ordinal);
            foreach (var s in state.Agents) byId[s.Id] = s;
            return byId;
        }

        /// <summary>
        /// Where the rotation pointer starts (SPEC.md 7.3): the carried agent and slot; a slot beyond a lowered weight
        /// moves to the next agent's first slot; an agent no longer present hands the pointer to the first agent
        /// after it, in the carried agent order, that is present.
        /// </summary>
        private void StartPointer(GovernorState state, out int agent, out int slot)
        {
            agent = 0;
            slot = 0;
            if (state.PointerAgent == null || _table.Count == 0) return;
            int at = IndexOf(state.PointerAgent);
            if (at >= 0)
            {
                if (state.PointerSlot < _table.Weights[at]) { agent = at; slot = state.PointerSlot; }
                else agent = (at + 1) % _table.Count;
                return;
            }
            var carried = state.Agents;
            int from = -1;
            for (int i = 0; i < carried.Count; i++) if (carried[i].Id == state.PointerAgent) from = i;
            for (int step = 1; from >= 0 && step < carried.Count; step++)
            {
                int found = IndexOf(carried[(from + step) % carried.Count].Id);
                if (found >= 0) { agent = found; return; }
            }
        }

        private void RestoreEpoch(GovernorState state)
        {
            int m = _table.Count;
            var x = new long[m];
            int members = 0, carried = 0;
            foreach (var s in state.Agents) if (s.InEpoch) carried++;
            for (int a = 0; a < m; a++)
            {
                var s = state.Find(_agents[a].Id);
                bool open = _open.IsOpen(a);
                bool inEpoch = s != null && s.InEpoch && s.Weight == _table.Weights[a];
                if (open != inEpoch) return; // the epoch's set changed: a fresh epoch (SPEC.md 7.2)
                if (open) { members++; x[a] = s!.EpochCount; }
            }
            if (members != carried) return;
            _lag!.Restore(state.Step, x);
        }

        private int IndexOf(string id)
        {
            for (int a = 0; a < _agents.Count; a++) if (string.Equals(_agents[a].Id, id, StringComparison.Ordinal)) return a;
            return -1;
        }

        private int AgentCode()
        {
            if (_weighted == 0) return DecisionReasons.CodeNoAgents;
            return (_fullByCapacity > 0 ? DecisionReasons.CodeCapacity : 0) | (_fullByShare > 0 ? DecisionReasons.CodeMaxShare : 0);
        }

        /// <summary>Explain mode (SPEC.md 6.4): the agents passed over for this decision and why.</summary>
        private SkippedList Explain(string? taskGroup, int chosen, int code, int pointer)
        {
            var list = new List<string>();
            if ((code & DecisionReasons.CodeGroupQuota) != 0) list.Add("group '" + taskGroup + "': " + DecisionReasons.GroupQuota);
            int m = _table.Count;
            if (_wrr != null && chosen >= 0)
            {
                // The agents the rotation pointer passed over, from the pointer's agent to the chosen one.
                for (int a = pointer < 0 ? 0 : pointer; a != chosen; a = (a + 1) % m)
                    if (_table.Weights[a] > 0) list.Add(_agents[a].Id + ": " + Full(a));
            }
            else
            {
                for (int a = 0; a < m; a++)
                {
                    if (a == chosen || _table.Weights[a] == 0) continue;
                    if (!_open.IsOpen(a)) list.Add(_agents[a].Id + ": " + Full(a));
                    else if (chosen >= 0 && _selector.WhyNot(a) is string why) list.Add(_agents[a].Id + ": " + why);
                }
            }
            return list.Count == 0 ? SkippedList.Empty : new SkippedList(list.ToArray());
        }

        private string Full(int a)
        {
            bool byCap = _counts[a] >= _caps[a], byShare = _shares != null && _counts[a] >= _shares[a];
            return byCap && byShare ? DecisionReasons.Capacity + "+" + DecisionReasons.MaxShare : byShare ? DecisionReasons.MaxShare : DecisionReasons.Capacity;
        }
    }
}
