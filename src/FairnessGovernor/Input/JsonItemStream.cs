using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using FairnessGovernor.Model;
using FairnessGovernor.Sorting;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// The fast path for JSON task and agent files: streams the file through <see cref="Utf8JsonReader"/> in
    /// pooled chunks and builds the model straight from the tokens, with no <see cref="InputValue"/> tree and
    /// without holding the whole file in memory.
    /// <para>
    /// It accepts only what it can prove the general path (<see cref="InputFile"/> + <see cref="JsonDocumentReader"/>
    /// + the loaders) accepts with the same result: UTF-8 files whose root is the item array (or an object whose
    /// only key is the wrapper key), items whose keys are the known keys, each at most once, with valid values,
    /// ASCII strings, and unique ids. Anything else (any error, an unknown key, a non-ASCII string, UTF-16, a
    /// file too large, ...) returns null and the caller takes the general path, which reports the exact
    /// error, line and column. So the fast path never changes a result or an error; it only avoids work.
    /// </para>
    /// </summary>
    internal static class JsonItemStream
    {
        private const int ChunkSize = 1 << 20;

        private static readonly byte[] IdKey = Encoding.ASCII.GetBytes("id");
        private static readonly byte[] PriorityKey = Encoding.ASCII.GetBytes("priority");
        private static readonly byte[] GroupKey = Encoding.ASCII.GetBytes("group");
        private static readonly byte[] DurationKey = Encoding.ASCII.GetBytes("duration");
        private static readonly byte[] ArrivalKey = Encoding.ASCII.GetBytes("arrival");
        private static readonly byte[] WeightKey = Encoding.ASCII.GetBytes("weight");
        private static readonly byte[] CapacityKey = Encoding.ASCII.GetBytes("capacity");
        private static readonly byte[] MaxShareKey = Encoding.ASCII.GetBytes("max_share");
        private static readonly byte[] TasksKey = Encoding.ASCII.GetBytes("tasks");
        private static readonly byte[] AgentsKey = Encoding.ASCII.GetBytes("agents");
        private static readonly byte[] High = Encoding.ASCII.GetBytes("high");
        private static readonly byte[] Normal = Encoding.ASCII.GetBytes("normal");
        private static readonly byte[] Low = Encoding.ASCII.GetBytes("low");

        /// <summary>True when the path names a .json file (the only format this fast path reads).</summary>
        public static bool Applies(string path) => string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase);

        /// <summary>The tasks of a JSON task file, or null when the general path must read it.</summary>
        public static IReadOnlyList<FairTask>? TryTasks(string path, InputLimits limits)
        {
            var sink = new TaskSink(limits.MaxIdLength);
            return Run(path, limits, TasksKey, sink) && sink.IdsUnique() ? sink.Result() : null;
        }

        /// <summary>The agents of a JSON agent file, or null when the general path must read it.</summary>
        public static IReadOnlyList<FairAgent>? TryAgents(string path, InputLimits limits)
        {
            var sink = new AgentSink(limits.MaxIdLength);
            return Run(path, limits, AgentsKey, sink) ? sink.Result() : null;
        }

        private abstract class ItemSink
        {
            private Dictionary<string, bool> _ids = new Dictionary<string, bool>(StringComparer.Ordinal);
            protected readonly int MaxId;

            protected ItemSink(int maxId) { MaxId = maxId; }

            /// <summary>Sizes the id set and the item array for about <paramref name="expected"/> items (no rehashing, no list copies).</summary>
            public virtual void Expect(int expected)
            {
                var ids = new Dictionary<string, bool>(Math.Max(expected, _ids.Count), StringComparer.Ordinal);
                foreach (var id in _ids.Keys) ids.Add(id, true);
                _ids = ids;
            }

            public abstract int Count { get; }

            /// <summary>Reads one item; the reader is at its StartObject. False: the chunk ended first (nothing was added).</summary>
            public abstract bool TryItem(ref Utf8JsonReader r);

            protected void AddId(string id)
            {
                if (_ids.ContainsKey(id)) throw GeneralPathNeeded.Instance; // DuplicateId: the general path reports it
                _ids.Add(id, true);
            }

            protected string Id(ref Utf8JsonReader r)
            {
                if (r.TokenType != JsonTokenType.String) throw GeneralPathNeeded.Instance;
                var s = AsciiString(ref r);
                if (InputRules.Id(s, MaxId) != InputRules.Outcome.Ok) throw GeneralPathNeeded.Instance;
                return s;
            }
        }

        /// <summary>
        /// Tasks into a <see cref="TaskStore"/>: ids as UTF-8 bytes in one buffer, a priority byte each, groups,
        /// durations and arrivals only once some task has one. Ids are checked unique with an open-addressing
        /// table over the bytes (no string, no dictionary entry per task); a long probe sequence gives up to the
        /// general path, so crafted colliding ids cannot make loading quadratic.
        /// </summary>
        private sealed class TaskSink : ItemSink
        {
            private static readonly ulong Seed = (ulong)DateTime.UtcNow.Ticks * 0x9E3779B97F4A7C15UL ^ (ulong)Environment.TickCount;
            private const int MaxRun = 16;
            private static readonly long DefaultDurationBits = BitConverter.DoubleToInt64Bits(FairTask.DefaultDuration);
            private byte[] _bytes = new byte[1024];
            private int _byteCount;
            private int[] _starts = new int[17];
            private byte[] _levels = new byte[16];
            private string?[]? _groups;
            private double[]? _durations;
            private double[]? _arrivals;
            private int _count;
            private bool _ascending = true; // every id so far above the one before it (bytewise): no duplicates possible

            public TaskSink(int maxId) : base(maxId) { }

            public override int Count => _count;

            public override void Expect(int expected)
            {
                if (expected > _levels.Length) Grow(expected);
                long bytes = _count > 0 ? (long)(_byteCount / (double)_count * expected * 1.05) + 64 : 0;
                if (bytes > _bytes.Length && bytes < int.MaxValue) Array.Resize(ref _bytes, (int)bytes);
            }

            public IReadOnlyList<FairTask> Result() => new TaskStore(_count, _bytes, _starts, _levels, _groups, _durations, _arrivals);

            private void Grow(int capacity)
            {
                Array.Resize(ref _levels, capacity);
                Array.Resize(ref _starts, capacity + 1);
                if (_groups != null) Array.Resize(ref _groups, capacity);
                if (_durations != null) Array.Resize(ref _durations, capacity);
                if (_arrivals != null) Array.Resize(ref _arrivals, capacity);
            }

            private static uint Hash(ReadOnlySpan<byte> s)
            {
                ulong h = Seed ^ ((ulong)s.Length * 0x9E3779B97F4A7C15UL);
                int i = 0;
                for (; i + 8 <= s.Length; i += 8)
                {
                    h ^= System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(i));
                    h *= 0x9E3779B97F4A7C15UL;
                    h ^= h >> 29;
                }
                ulong tail = 0;
                for (int shift = 0; i < s.Length; i++, shift += 8) tail |= (ulong)s[i] << shift;
                h ^= tail;
                h *= 0xBF58476D1CE4E5B9UL;
                h ^= h >> 31;
                h *= 0x94D049BB133111EBUL;
                h ^= h >> 29;
                return (uint)(h ^ (h >> 32));
            }

            /// <summary>Makes room for <paramref name="length"/> more id bytes after the committed ones.</summary>
            private Span<byte> Pending(int length)
            {
                if (_byteCount + length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _byteCount + length));
                return new Span<byte>(_bytes, _byteCount, length);
            }

            /// <summary>Commits the pending id bytes (<paramref name="length"/> after the committed ones) as task <see cref="_count"/>.</summary>
            private void CommitId(int length)
            {
                if (_ascending && _count > 0)
                {
                    var id = new ReadOnlySpan<byte>(_bytes, _byteCount, length);
                    if (id.SequenceCompareTo(IdAt(_count - 1)) <= 0) _ascending = false;
                }
                _starts[_count] = _byteCount;
                _byteCount += length;
                _starts[_count + 1] = _byteCount;
            }

            private ReadOnlySpan<byte> IdAt(int i) => new ReadOnlySpan<byte>(_bytes, _starts[i], _starts[i + 1] - _starts[i]);

            /// <summary>
            /// True when the ids are unique (false: the general path reports DuplicateId). Ids that came in ascending
            /// order are unique without more work; otherwise (seeded hash, index) pairs are radix-sorted (sequential
            /// passes, no random probes into a large table) and equal hashes compare their bytes. A long run of equal
            /// hashes gives up to the general path, so crafted colliding ids cannot make loading quadratic.
            /// </summary>
            public bool IdsUnique()
            {
                int n = _count;
                if (_ascending || n < 2) return true;
                var keys = new ulong[n];
                for (int i = 0; i < n; i++) keys[i] = ((ulong)Hash(IdAt(i)) << 32) | (uint)i;
                keys = RadixSort.ByHighHalf(keys);
                for (int start = 0; start < n;)
                {
                    int end = start + 1;
                    while (end < n && (keys[end] >> 32) == (keys[start] >> 32)) end++;
                    if (end - start > MaxRun) return false;
                    for (int x = start; x < end; x++)
                        for (int y = x + 1; y < end; y++)
                            if (IdAt((int)(uint)keys[x]).SequenceEqual(IdAt((int)(uint)keys[y]))) return false;
                    start = end;
                }
                return true;
            }

            /// <summary>
            /// Copies the id token's UTF-8 bytes to the pending area after the checks <see cref="ItemSink"/>'s Id makes
            /// (non-blank, at most MaxId characters, ASCII source); returns their length.
            /// </summary>
            private int IdBytes(ref Utf8JsonReader r)
            {
                if (r.TokenType != JsonTokenType.String) throw GeneralPathNeeded.Instance;
                if (!r.ValueIsEscaped)
                {
                    var span = r.ValueSpan;
                    // InputRules.Id on the bytes: unescaped JSON strings hold no control characters, so an ASCII id is
                    // blank only when it is all spaces.
                    bool blank = true;
                    for (int i = 0; i < span.Length; i++)
                    {
                        byte b = span[i];
                        if (b >= 0x80) throw GeneralPathNeeded.Instance;
                        if (b != (byte)' ') blank = false;
                    }
                    if (span.Length == 0 || span.Length > MaxId || blank) throw GeneralPathNeeded.Instance;
                    span.CopyTo(Pending(span.Length));
                    return span.Length;
                }
                var s = Id(ref r);
                var bytes = Encoding.UTF8.GetBytes(s);
                bytes.AsSpan().CopyTo(Pending(bytes.Length));
                return bytes.Length;
            }

            public override bool TryItem(ref Utf8JsonReader r)
            {
                int idLength = -1;
                string? group = null;
                var priority = TaskPriority.Normal;
                double duration = FairTask.DefaultDuration, arrival = FairTask.DefaultArrival;
                int seen = 0;
                while (true)
                {
                    if (!r.Read()) return false;
                    if (r.TokenType == JsonTokenType.EndObject) break;
                    int key;
                    if (r.ValueTextEquals(IdKey)) key = 1;
                    else if (r.ValueTextEquals(PriorityKey)) key = 2;
                    else if (r.ValueTextEquals(GroupKey)) key = 4;
                    else if (r.ValueTextEquals(DurationKey)) key = 8;
                    else if (r.ValueTextEquals(ArrivalKey)) key = 16;
                    else throw GeneralPathNeeded.Instance; // unknown keys: the general path checks duplicates and skips them
                    if ((seen & key) != 0) throw GeneralPathNeeded.Instance;
                    seen |= key;
                    if (!r.Read()) return false;
                    var t = r.TokenType;
                    if (t == JsonTokenType.StartObject || t == JsonTokenType.StartArray) throw GeneralPathNeeded.Instance;
                    switch (key)
                    {
                        case 1: idLength = IdBytes(ref r); break;
                        case 2:
                            if (t == JsonTokenType.Null) break;
                            if (t != JsonTokenType.String) throw GeneralPathNeeded.Instance;
                            if (!r.ValueIsEscaped && r.ValueSpan.SequenceEqual(Normal)) priority = TaskPriority.Normal;
                            else if (!r.ValueIsEscaped && r.ValueSpan.SequenceEqual(High)) priority = TaskPriority.High;
                            else if (!r.ValueIsEscaped && r.ValueSpan.SequenceEqual(Low)) priority = TaskPriority.Low;
                            else if (!TaskRules.TryPriority(AsciiString(ref r), out priority)) throw GeneralPathNeeded.Instance;
                            break;
                        case 4:
                            if (t == JsonTokenType.Null) break;
                            if (t != JsonTokenType.String) throw GeneralPathNeeded.Instance;
                            group = AsciiString(ref r);
                            if (!TaskRules.IsGroup(group, MaxId)) throw GeneralPathNeeded.Instance;
                            break;
                        case 8:
                            if (t == JsonTokenType.Null) break;
                            duration = Number(ref r, TaskRules.MinDuration, TaskRules.MaxDuration);
                            if (!TaskRules.IsDuration(duration)) throw GeneralPathNeeded.Instance;
                            break;
                        default:
                            if (t == JsonTokenType.Null) break;
                            arrival = Number(ref r, TaskRules.MinArrival, TaskRules.MaxArrival);
                            break;
                    }
                }
                if (idLength < 0) throw GeneralPathNeeded.Instance; // MissingId
                if (_count == _levels.Length) Grow(_levels.Length * 2);
                CommitId(idLength);
                int i = _count;
                _levels[i] = (byte)priority;
                if (group != null)
                {
                    if (_groups == null) _groups = new string?[_levels.Length];
                    _groups[i] = group;
                }
                if (BitConverter.DoubleToInt64Bits(duration) != DefaultDurationBits || _durations != null)
                {
                    if (_durations == null) { _durations = new double[_levels.Length]; for (int k = 0; k < i; k++) _durations[k] = FairTask.DefaultDuration; }
                    _durations[i] = duration;
                }
                if (BitConverter.DoubleToInt64Bits(arrival) != 0 || _arrivals != null) // bits: -0.0 is kept as given
                {
                    if (_arrivals == null) _arrivals = new double[_levels.Length]; // the default arrival is 0
                    _arrivals[i] = arrival;
                }
                _count++;
                return true;
            }
        }

        private sealed class AgentSink : ItemSink
        {
            private FairAgent[] _agents = new FairAgent[16];
            private int _count;

            public override void Expect(int expected)
            {
                base.Expect(expected);
                if (expected > _agents.Length) Array.Resize(ref _agents, expected);
            }

            public AgentSink(int maxId) : base(maxId) { }

            public override int Count => _count;

            public IReadOnlyList<FairAgent> Result()
            {
                if (_agents.Length != _count) Array.Resize(ref _agents, _count);
                return _agents;
            }

            public override bool TryItem(ref Utf8JsonReader r)
            {
                string? id = null;
                long weight = AgentRules.DefaultWeight;
                long? capacity = null;
                double? maxShare = null;
                int seen = 0;
                while (true)
                {
                    if (!r.Read()) return false;
                    if (r.TokenType == JsonTokenType.EndObject) break;
                    int key;
                    if (r.ValueTextEquals(IdKey)) key = 1;
                    else if (r.ValueTextEquals(WeightKey)) key = 2;
                    else if (r.ValueTextEquals(CapacityKey)) key = 4;
                    else if (r.ValueTextEquals(MaxShareKey)) key = 8;
                    else throw GeneralPathNeeded.Instance;
                    if ((seen & key) != 0) throw GeneralPathNeeded.Instance;
                    seen |= key;
                    if (!r.Read()) return false;
                    var t = r.TokenType;
                    if (t == JsonTokenType.StartObject || t == JsonTokenType.StartArray) throw GeneralPathNeeded.Instance;
                    switch (key)
                    {
                        case 1: id = Id(ref r); break;
                        case 2: if (t != JsonTokenType.Null) weight = Whole(ref r, AgentRules.MinWeight, AgentRules.MaxWeight); break;
                        case 4: if (t != JsonTokenType.Null) capacity = Whole(ref r, AgentRules.MinCapacity, AgentRules.MaxCapacity); break;
                        default: if (t != JsonTokenType.Null) maxShare = Number(ref r, AgentRules.MinMaxShare, AgentRules.MaxMaxShare); break;
                    }
                }
                if (id == null) throw GeneralPathNeeded.Instance;
                AddId(id);
                if (_count == _agents.Length) Array.Resize(ref _agents, _agents.Length * 2);
                _agents[_count++] = new FairAgent(id, (int)weight, capacity.HasValue ? (int?)capacity.Value : null, maxShare);
                return true;
            }
        }

        /// <summary>A string token's text when it is ASCII (the general path validates other text itself).</summary>
        private static string AsciiString(ref Utf8JsonReader r)
        {
            var span = r.ValueSpan;
            for (int i = 0; i < span.Length; i++)
                if (span[i] >= 0x80) throw GeneralPathNeeded.Instance;
            if (!r.ValueIsEscaped)
            {
                // ASCII bytes are their own UTF-16 code units.
                return Ascii(span);
            }
            var s = r.GetString()!;
            for (int i = 0; i < s.Length; i++)
                if (char.IsSurrogate(s[i])) throw GeneralPathNeeded.Instance;
            return s;
        }

        [ThreadStatic] private static char[]? _chars;

        private static string Ascii(ReadOnlySpan<byte> span)
        {
            if (span.Length == 0) return string.Empty;
            var chars = _chars;
            if (chars == null || chars.Length < span.Length) _chars = chars = new char[Math.Max(256, span.Length)];
            for (int i = 0; i < span.Length; i++) chars[i] = (char)span[i];
            return new string(chars, 0, span.Length);
        }

        private static string Literal(ref Utf8JsonReader r) => Ascii(r.ValueSpan);

        /// <summary><see cref="InputRules.Finite"/> (ItemReader.ReadNumber's rule) on a number token's literal.</summary>
        private static double Number(ref Utf8JsonReader r, double min, double max)
        {
            if (r.TokenType != JsonTokenType.Number) throw GeneralPathNeeded.Instance;
            if (InputRules.Finite(Literal(ref r), min, max, out double d) != InputRules.Outcome.Ok) throw GeneralPathNeeded.Instance;
            return d;
        }

        /// <summary><see cref="InputRules.Whole"/> (ItemReader.ReadWhole's rule: 2.0 accepted) on a number token's literal.</summary>
        private static long Whole(ref Utf8JsonReader r, long min, long max)
        {
            if (r.TokenType != JsonTokenType.Number) throw GeneralPathNeeded.Instance;
            var span = r.ValueSpan;
            if (span.Length <= 9)
            {
                // Plain digits (JSON forbids leading zeros and '+'): the value long.TryParse gives.
                long v = 0;
                bool plain = span.Length > 0;
                for (int i = 0; i < span.Length && plain; i++)
                {
                    int c = span[i] - '0';
                    if ((uint)c > 9) plain = false;
                    else v = v * 10 + c;
                }
                if (plain)
                {
                    if (v < min || v > max) throw GeneralPathNeeded.Instance;
                    return v;
                }
            }
            if (InputRules.Whole(Literal(ref r), min, max, out long whole) != InputRules.Outcome.Ok) throw GeneralPathNeeded.Instance;
            return whole;
        }

        /// <summary>Streams the document; true when every item was read by the fast path.</summary>
        private static bool Run(string path, InputLimits limits, byte[] wrapperKey, ItemSink sink)
        {
            if (limits.MaxDepth < 3) return false;
            byte[]? buffer = null;
            try
            {
                if (Directory.Exists(path)) return false;
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                if (!stream.CanSeek || stream.Length > limits.MaxFileBytes) return false;
                buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int filled = Fill(stream, buffer, 0);
                int start = 0;
                if (filled >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF))) return false; // UTF-16
                if (filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) start = 3;
                bool final = filled < buffer.Length;
                var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = limits.MaxDepth + 1 });
                var walk = new Walk();
                long fileLength = stream.Length;
                bool sized = final;
                while (true)
                {
                    var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(buffer, start, filled - start), final, state);
                    bool more = Step(ref reader, ref walk, wrapperKey, sink);
                    if (!more) return walk.Phase == PhaseDone;
                    if (final) return false;
                    int consumed = start + (int)reader.BytesConsumed;
                    if (!sized && sink.Count > 0)
                    {
                        // Size the containers from the first chunk's bytes per item (+5%), once.
                        sized = true;
                        double perItem = consumed / (double)sink.Count;
                        sink.Expect((int)Math.Min(int.MaxValue / 2, fileLength / perItem * 1.05 + 16));
                    }
                    state = reader.CurrentState;
                    int rest = filled - consumed;
                    if (rest >= buffer.Length / 2)
                    {
                        // One item larger than half the buffer: grow it.
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, consumed, bigger, 0, rest);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    else Buffer.BlockCopy(buffer, consumed, buffer, 0, rest);
                    start = 0;
                    filled = Fill(stream, buffer, rest);
                    final = filled < buffer.Length;
                }
            }
            catch (Exception)
            {
                // Anything unusual (a syntax error, invalid text, an I/O problem, a rule the fast path does not check):
                // the general path reads the file again and reports it exactly.
                return false;
            }
            finally
            {
                if (buffer != null) ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static int Fill(Stream stream, byte[] buffer, int filled)
        {
            int n;
            while (filled < buffer.Length && (n = stream.Read(buffer, filled, buffer.Length - filled)) > 0) filled += n;
            return filled;
        }

        private const int PhaseRoot = 0, PhaseWrapperKey = 1, PhaseWrapperArray = 2, PhaseItems = 3, PhaseWrapperEnd = 4, PhaseEnd = 5, PhaseDone = 6;

        private struct Walk
        {
            public int Phase;
            public bool Wrapped;
        }

        /// <summary>Advances through the chunk; true when it needs more input, false when the document is done (or abandoned).</summary>
        private static bool Step(ref Utf8JsonReader reader, ref Walk walk, byte[] wrapperKey, ItemSink sink)
        {
            while (true)
            {
                var probe = reader;
                if (!probe.Read())
                {
                    if (!probe.IsFinalBlock) return true;
                    // End of input: only fine after the root value (an empty file is EmptyInput on the general path).
                    if (walk.Phase == PhaseEnd) { walk.Phase = PhaseDone; return false; }
                    throw GeneralPathNeeded.Instance;
                }
                var t = probe.TokenType;
                switch (walk.Phase)
                {
                    case PhaseRoot:
                        if (t == JsonTokenType.StartArray) walk.Phase = PhaseItems;
                        else if (t == JsonTokenType.StartObject) { walk.Phase = PhaseWrapperKey; walk.Wrapped = true; }
                        else throw GeneralPathNeeded.Instance;
                        break;
                    case PhaseWrapperKey:
                        // Only {"tasks": [...]} with no other key: other keys need the general path's duplicate checks.
                        if (t != JsonTokenType.PropertyName || !probe.ValueTextEquals(wrapperKey)) throw GeneralPathNeeded.Instance;
                        walk.Phase = PhaseWrapperArray;
                        break;
                    case PhaseWrapperArray:
                        if (t != JsonTokenType.StartArray) throw GeneralPathNeeded.Instance;
                        walk.Phase = PhaseItems;
                        break;
                    case PhaseItems:
                        if (t == JsonTokenType.EndArray) walk.Phase = walk.Wrapped ? PhaseWrapperEnd : PhaseEnd;
                        else if (t == JsonTokenType.StartObject)
                        {
                            if (!sink.TryItem(ref probe)) return true;
                        }
                        else throw GeneralPathNeeded.Instance; // NullItem / InvalidItem
                        break;
                    case PhaseWrapperEnd:
                        if (t != JsonTokenType.EndObject) throw GeneralPathNeeded.Instance;
                        walk.Phase = PhaseEnd;
                        break;
                    default:
                        throw GeneralPathNeeded.Instance; // content after the root value
                }
                reader = probe;
            }
        }
    }
}
