using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FairnessGovernor.Canonical;
using FairnessGovernor.Input;
using FairnessGovernor.Model;

namespace FairnessGovernor.Allocation
{

    /// <summary>
    /// An allocation decided one task at a time (SPEC.md 7.6): the same strategies, capacities, group quotas and
    /// reasons as <see cref="Allocator"/>, the tasks in arrival order (priority only within a window of
    /// <see cref="AllocationStreamOptions.WindowSize"/> tasks). Tasks are not kept, only their ids (a repeated id is
    /// refused, as in a batch), so memory is O(agents + window + ids received). Metrics and evidence digests are
    /// kept as the stream goes; <see cref="Complete"/> decides the tasks left in the window and, when the stream
    /// started from a state, yields the next state. max_share is refused (it needs the run's task count).
    /// </summary>
    public sealed class AllocationStream
    {
        private static readonly JsonWriterOptions Compact = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
        private readonly AllocationCore _core;
        private readonly GovernorState? _state;
        private readonly List<Pending> _window = new List<Pending>();
        private readonly Dictionary<string, int> _ids = new Dictionary<string, int>(StringComparer.Ordinal); // id -> position received
        private readonly double[] _free;
        private readonly int _windowSize;
        private readonly bool _explain;
        private readonly SHA256 _tasksHash = SHA256.Create();
        private readonly SHA256 _decisionsHash = SHA256.Create();
        private readonly MemoryStream _buffer = new MemoryStream();
        private readonly List<double> _waits = new List<double>();
        private readonly List<double>[] _waitsByLevel = { new List<double>(), new List<double>(), new List<double>() };
        private int _arrived;
        private string? _tasksDigest, _decisionsDigest;
        private GovernorState? _next;

        private struct Pending
        {
            public FairTask Task;
            public int Index;
        }

        /// <summary>Starts a stream; <paramref name="state"/> (null: none) is continued as <see cref="Allocator"/> continues it.</summary>
        /// <exception cref="FairnessInputException">InvalidMaxShare when an agent has max_share.</exception>
        public AllocationStream(IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationStreamOptions? options = null, GovernorState? state = null)
        {
            Agents = agents ?? throw new ArgumentNullException(nameof(agents));
            Policy = policy ?? throw new ArgumentNullException(nameof(policy));
            options ??= new AllocationStreamOptions();
            if (options.WindowSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "WindowSize must be 1 or more.");
            for (int i = 0; i < agents.Count; i++)
                if (agents[i].MaxShare.HasValue)
                    throw new FairnessInputException("InvalidMaxShare", "the stream's agents", "agents[" + i + "] (id '" + agents[i].Id + "')", "max_share",
                        "max_share is a share of the run's task count, which a stream does not know; use capacity, or allocate in batches.");
            _windowSize = options.WindowSize;
            _explain = options.Explain;
            StartState = state;
            AsOf = state != null && options.AsOf.HasValue ? UsageClock.Utc(options.AsOf.Value) : (DateTime?)null;
            WindowSize = _windowSize;
            _state = state == null ? null : UsageClock.Advance(state, AsOf, policy.UsageHalfLife);
            _core = new AllocationCore(agents, policy, -1, _explain, _state);
            _free = new double[agents.Count];
            AgentsDigest = CanonicalInput.AgentsDigest(agents);
            PolicyDigest = CanonicalInput.PolicyDigest(policy);
            var seed = "stream\nagents:" + AgentsDigest + "\npolicy:" + PolicyDigest + "\nwindow:" + _windowSize
                + "\nstate:" + (state == null ? "none" : CanonicalInput.StateDigest(state) + "\nas_of:" + (AsOf.HasValue ? CanonicalInput.FormatTime(AsOf.Value) : "none"));
            using (var sha = SHA256.Create()) RunId = CanonicalInput.Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(seed))).Substring(0, 16);
        }

        /// <summary>The state the stream continues, as it was given (before any decay); null when none.</summary>
        public GovernorState? StartState { get; }

        /// <summary>The stream's run time when it continues a state (UTC); null otherwise.</summary>
        public DateTime? AsOf { get; }

        /// <summary>The window size (<see cref="AllocationStreamOptions.WindowSize"/>).</summary>
        public int WindowSize { get; }

        /// <summary>The agents, in input order.</summary>
        public IReadOnlyList<FairAgent> Agents { get; }

        /// <summary>The policy.</summary>
        public FairnessPolicy Policy { get; }

        /// <summary>The stream's id: the first 16 hex digits of the SHA-256 of its agents, policy, window, and starting state (its digest) and run time.</summary>
        public string RunId { get; }

        /// <summary>SHA-256 of the canonical agents (SPEC.md 4.2).</summary>
        public string AgentsDigest { get; }

        /// <summary>SHA-256 of the canonical policy (SPEC.md 4.2).</summary>
        public string PolicyDigest { get; }

        /// <summary>Tasks received so far.</summary>
        public int TaskCount => _arrived;

        /// <summary>Decisions made so far.</summary>
        public int DecisionCount => _core.Decided;

        /// <summary>Tasks left unassigned so far.</summary>
        public int UnassignedCount => _core.Unassigned;

        /// <summary>Tasks per agent so far, aligned with <see cref="Agents"/>.</summary>
        public IReadOnlyList<int> AgentTaskCounts => _core.Counts;

        /// <summary>True once <see cref="Complete"/> ran: every task received has its decision.</summary>
        public bool IsCompleted { get; private set; }

        /// <summary>True once the digests were taken (<see cref="Seal"/>): no more tasks are accepted.</summary>
        public bool IsSealed => _tasksDigest != null;

        /// <summary>The state after the stream (set by <see cref="Complete"/> when the stream started from a state).</summary>
        public GovernorState? NextState => _next;

        /// <summary>
        /// Receives one task (its position in the stream is its input order) and returns the decisions it allows:
        /// one once the window is full, none while it fills.
        /// </summary>
        /// <exception cref="FairnessInputException">
        /// DuplicateId when a task with the same id (ordinal) was received earlier in this stream. The task is refused
        /// before it is counted, hashed or decided: the stream is as it was and can take further tasks.
        /// </exception>
        public IReadOnlyList<AllocationDecision> Add(FairTask task)
        {
            if (task == null) throw new ArgumentNullException(nameof(task));
            if (IsCompleted || IsSealed) throw new InvalidOperationException("The stream is complete; start a new one.");
            if (_ids.TryGetValue(task.Id, out int first))
                throw new FairnessInputException("DuplicateId", "the stream's tasks", "tasks[" + _arrived + "] (id '" + task.Id + "')", "id",
                    "the id is already used by tasks[" + first + "] of this stream; task ids must be unique within a stream.");
            _ids.Add(task.Id, _arrived);
            HashTask(task);
            _window.Add(new Pending { Task = task, Index = _arrived++ });
            var result = new List<AllocationDecision>(1);
            while (_window.Count >= _windowSize) result.Add(DispatchOne());
            return result;
        }

        /// <summary>Decides the tasks left in the window, ends the stream and computes the next state.</summary>
        public IReadOnlyList<AllocationDecision> Complete()
        {
            if (IsCompleted) return new AllocationDecision[0];
            if (IsSealed) throw new InvalidOperationException("The stream was sealed before it completed.");
            var result = new List<AllocationDecision>(_window.Count);
            while (_window.Count > 0) result.Add(DispatchOne());
            IsCompleted = true;
            if (_state != null) _next = _core.ExportState(_state);
            Seal();
            return result;
        }

        /// <summary>
        /// Finishes the evidence digests (SPEC.md 7.7): the tasks digest over every task received, the decisions
        /// digest over the decisions made. Called by <see cref="Complete"/>; call it on an incomplete stream to log
        /// what it did so far (it then accepts no more tasks).
        /// </summary>
        public void Seal()
        {
            if (IsSealed) return;
            _tasksDigest = Finish(_tasksHash, _arrived);
            _decisionsDigest = Finish(_decisionsHash, _core.Decided);
        }

        /// <summary>SHA-256 of the canonical tasks received (SPEC.md 4.2, arrival order); seals the stream.</summary>
        public string TasksDigest { get { Seal(); return _tasksDigest!; } }

        /// <summary>SHA-256 of the canonical decisions made (SPEC.md 5.3); seals the stream.</summary>
        public string DecisionsDigest { get { Seal(); return _decisionsDigest!; } }

        /// <summary>
        /// Copies of what the metrics of the decisions made so far are built from (Metrics.AllocationMetrics.Of):
        /// the counts per agent, every wait, and the waits per priority level (high, normal, low).
        /// </summary>
        internal void CopyTally(out int[] counts, out List<double> waits, out List<double>[] waitsByLevel)
        {
            counts = (int[])_core.Counts.Clone();
            waits = new List<double>(_waits);
            waitsByLevel = new[] { new List<double>(_waitsByLevel[0]), new List<double>(_waitsByLevel[1]), new List<double>(_waitsByLevel[2]) };
        }

        private AllocationDecision DispatchOne()
        {
            int pick = 0;
            bool promoted = false;
            if (Policy.RespectPriority && _window.Count > 1)
            {
                for (int i = 1; i < _window.Count; i++)
                    if (_window[i].Task.Level < _window[pick].Task.Level) pick = i;
                // max_bypass (SPEC.md 6.2): the oldest waiting task has been overtaken by (dispatched - its index) tasks.
                if (Policy.MaxBypass.HasValue && pick != 0 && _core.Decided - _window[0].Index >= Policy.MaxBypass.Value)
                {
                    pick = 0;
                    promoted = true;
                }
            }
            var p = _window[pick];
            _window.RemoveAt(pick);
            int below = 0;
            foreach (var w in _window) if (w.Index < p.Index) below++;
            int bypassed = _core.Decided - (p.Index - below);
            int a = _core.Decide(p.Task, out int code, out var skipped);
            if (promoted) code |= DecisionReasons.CodeMaxBypass;
            double? wait = null;
            if (a >= 0)
            {
                double start = Math.Max(_free[a], p.Task.Arrival);
                wait = start - p.Task.Arrival;
                _free[a] = start + p.Task.Duration;
                _waits.Add(wait.Value);
                _waitsByLevel[(int)p.Task.Level].Add(wait.Value);
            }
            var agent = a < 0 ? null : Agents[a];
            HashDecision(_core.Decided, p.Task.Id, agent?.Id);
            return new AllocationDecision(this, _core.Decided, p.Task, agent, DecisionReasons.Text(code), bypassed, wait, skipped);
        }

        private void HashTask(FairTask task)
        {
            _buffer.SetLength(0);
            using (var w = new Utf8JsonWriter(_buffer, Compact)) CanonicalInput.WriteTasks(w, new[] { task });
            // [{...}]: the object without the brackets, after "[" or ",".
            var bytes = _buffer.GetBuffer();
            int len = (int)_buffer.Length;
            bytes[0] = _arrived == 0 ? (byte)'[' : (byte)',';
            _tasksHash.TransformBlock(bytes, 0, len - 1, null, 0);
        }

        private void HashDecision(int sequence, string taskId, string? agentId)
        {
            _buffer.SetLength(0);
            _buffer.WriteByte(sequence == 1 ? (byte)'[' : (byte)',');
            using (var w = new Utf8JsonWriter(_buffer, Compact))
            {
                w.WriteStartObject();
                w.WriteNumber("sequence", sequence);
                PythonJson.WriteString(w, "task_id", taskId);
                if (agentId == null) w.WriteNull("agent_id"); else PythonJson.WriteString(w, "agent_id", agentId);
                w.WriteEndObject();
            }
            _decisionsHash.TransformBlock(_buffer.GetBuffer(), 0, (int)_buffer.Length, null, 0);
        }

        private static string Finish(SHA256 sha, int count)
        {
            var tail = Encoding.ASCII.GetBytes(count == 0 ? "[]" : "]");
            sha.TransformFinalBlock(tail, 0, tail.Length);
            return CanonicalInput.Hex(sha.Hash!);
        }
    }
}
