using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace FairnessGovernor.Model
{
    /// <summary>
    /// A compact, read-only task list (struct of arrays) built by the JSON fast path: every id as UTF-8 bytes
    /// in one buffer, one priority byte per task, and groups, durations and arrivals only when some task has
    /// them, instead of a <see cref="FairTask"/> object and an id string per task (SPEC.md 1.3; cost, 6.7). The
    /// engine reads the arrays through <see cref="ITaskColumns"/>; <see cref="FairTask"/> objects are
    /// materialised on first access through the list surface and cached, so the same index always gives the
    /// same object.
    /// </summary>
    internal sealed class TaskStore : IReadOnlyList<FairTask>, ITaskColumns
    {
        private readonly byte[] _idBytes;
        private readonly int[] _idStart; // Count + 1 offsets into _idBytes
        private readonly byte[] _levels;
        private readonly string?[]? _groups;
        private readonly double[]? _durations;
        private readonly double[]? _arrivals;
        private FairTask?[]? _cache;

        internal TaskStore(int count, byte[] idBytes, int[] idStart, byte[] levels, string?[]? groups, double[]? durations, double[]? arrivals)
        {
            Count = count;
            _idBytes = idBytes;
            _idStart = idStart;
            _levels = levels;
            _groups = groups;
            _durations = durations;
            _arrivals = arrivals;
        }

        public int Count { get; }

        /// <summary>The priority levels (TaskPriority values), one byte per task (the array may be longer than Count).</summary>
        public byte[] Levels => _levels;

        public TaskPriority Level(int i) => (TaskPriority)_levels[i];

        public string? Group(int i) => _groups?[i];

        public double Duration(int i) => _durations != null ? _durations[i] : FairTask.DefaultDuration;

        public double Arrival(int i) => _arrivals != null ? _arrivals[i] : FairTask.DefaultArrival;

        /// <summary>The id's UTF-8 bytes.</summary>
        public ReadOnlySpan<byte> IdUtf8(int i) => new ReadOnlySpan<byte>(_idBytes, _idStart[i], _idStart[i + 1] - _idStart[i]);

        /// <summary>The id as a string (the cached task's when there is one, else a new string).</summary>
        public string Id(int i)
        {
            var cached = _cache?[i];
            if (cached != null) return cached.Id;
            return Encoding.UTF8.GetString(_idBytes, _idStart[i], _idStart[i + 1] - _idStart[i]);
        }

        public FairTask this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
                var cache = _cache;
                if (cache == null)
                {
                    Interlocked.CompareExchange(ref _cache, new FairTask?[Count], null);
                    cache = _cache!;
                }
                var t = cache[index];
                if (t != null) return t;
                t = new FairTask(Id(index), Level(index), Group(index), Duration(index), Arrival(index));
                return Interlocked.CompareExchange(ref cache[index], t, null) ?? t;
            }
        }

        public IEnumerator<FairTask> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
