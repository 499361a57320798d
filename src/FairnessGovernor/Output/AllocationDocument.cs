using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Globalization;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;
using FairnessGovernor.Canonical;

namespace FairnessGovernor.Output
{
    /// <summary>
    /// Writes the prototype's --out document: {"allocation": [{"task_id", "agent_id"}...],
    /// "unassigned": [task ids], "metrics": {...}}, indented by two spaces, UTF-8 without BOM,
    /// ending in a newline (SPEC.md 4.1).
    /// </summary>
    public static class AllocationDocument
    {
        /// <summary>
        /// Writes the document for <paramref name="result"/> with its metrics. The document holds only the prototype's
        /// metrics (counts, max, min, skew, label, unassigned), so the waits are not computed: same bytes, less work.
        /// </summary>
        public static void Write(Stream stream, AllocationResult result)
        {
            var counts = new int[result.Agents.Count];
            for (int i = 0; i < counts.Length; i++) counts[i] = result.AgentTaskCounts[i];
            Write(stream, result, AllocationMetrics.FromCounts(result.Agents, counts, result.UnassignedCount, result.Policy));
        }

        /// <summary>Writes the document for <paramref name="result"/> to <paramref name="stream"/>.</summary>
        public static void Write(Stream stream, AllocationResult result, AllocationMetrics metrics)
        {
            // Python's json.dumps(document, indent=2, ensure_ascii=False), written directly: two-space indents, "\n"
            // line ends on every platform, strings escaped as SPEC.md 4.1 says (PythonJson). Buffered, flushed every
            // 64 KiB so a million-decision document streams out.
            var o = new Output(stream);
            var agentIds = new byte[result.Agents.Count][]; // each agent id quoted once
            var tasks = result.Tasks;
            var store = TaskColumns.Of(tasks); // ids straight from their UTF-8 bytes
            o.Ascii("{\n  \"allocation\": [");
            bool first = true;
            for (int k = 0; k < result.Count; k++)
            {
                int a = result.AgentIndexAt(k);
                if (a < 0) continue;
                o.Bytes(first ? EntryFirst : EntryNext);
                first = false;
                o.TaskId(store, tasks, result.TaskIndexAt(k));
                o.Bytes(EntryMiddle);
                o.Bytes(agentIds[a] ??= PythonJson.QuoteUtf8(result.Agents[a].Id));
                o.Bytes(EntryEnd);
            }
            o.Ascii(first ? "],\n  \"unassigned\": [" : "\n  ],\n  \"unassigned\": [");
            first = true;
            if (result.UnassignedCount > 0)
            {
                for (int k = 0; k < result.Count; k++)
                {
                    if (result.AgentIndexAt(k) >= 0) continue;
                    o.Ascii(first ? "\n    " : ",\n    ");
                    first = false;
                    o.TaskId(store, tasks, result.TaskIndexAt(k));
                }
            }
            o.Ascii(first ? "],\n  \"metrics\": {\n    \"task_count_per_agent\": {" : "\n  ],\n  \"metrics\": {\n    \"task_count_per_agent\": {");
            var m = metrics;
            for (int i = 0; i < m.AgentIds.Count; i++)
            {
                o.Ascii(i == 0 ? "\n      " : ",\n      ");
                o.Text(m.AgentIds[i]);
                o.Ascii(": ").Ascii(m.TaskCounts[i].ToString(CultureInfo.InvariantCulture));
            }
            o.Ascii(m.AgentIds.Count == 0 ? "}" : "\n    }");
            o.Ascii(",\n    \"max_tasks\": ").Ascii(m.MaxTasks.ToString(CultureInfo.InvariantCulture));
            o.Ascii(",\n    \"min_tasks\": ").Ascii(m.MinTasks.ToString(CultureInfo.InvariantCulture));
            o.Ascii(",\n    \"skew_ratio\": ").Ascii(PythonNumber.Format(m.SkewRatio));
            o.Ascii(",\n    \"fairness_label\": ").Text(m.FairnessLabel);
            o.Ascii(",\n    \"unassigned_count\": ").Ascii(m.UnassignedCount.ToString(CultureInfo.InvariantCulture));
            o.Ascii("\n  }\n}\n");
            o.Flush();
        }

        // The fixed text around each allocation entry, as bytes.
        private static readonly byte[] EntryFirst = Encoding.ASCII.GetBytes("\n    {\n      \"task_id\": ");
        private static readonly byte[] EntryNext = Encoding.ASCII.GetBytes(",\n    {\n      \"task_id\": ");
        private static readonly byte[] EntryMiddle = Encoding.ASCII.GetBytes(",\n      \"agent_id\": ");
        private static readonly byte[] EntryEnd = Encoding.ASCII.GetBytes("\n    }");

        /// <summary>A buffered byte writer over the stream.</summary>
        private sealed class Output
        {
            private const int FlushBytes = 1 << 16;
            private readonly Stream _stream;
            private byte[] _buffer = new byte[FlushBytes];
            private int _at;

            public Output(Stream stream) => _stream = stream;

            public Output Ascii(string text)
            {
                Reserve(text.Length);
                for (int i = 0; i < text.Length; i++) _buffer[_at++] = (byte)text[i];
                return this;
            }

            public Output Bytes(byte[] bytes)
            {
                Reserve(bytes.Length);
                bytes.AsSpan().CopyTo(new Span<byte>(_buffer, _at, bytes.Length));
                _at += bytes.Length;
                return this;
            }

            public void TaskId(ITaskColumns? store, IReadOnlyList<FairTask> tasks, int index)
            {
                if (store != null)
                {
                    var id = store.IdUtf8(index);
                    Reserve(id.Length * 6 + 2);
                    _at = PythonJson.QuoteUtf8(id, ref _buffer, _at);
                }
                else Text(tasks[index].Id);
            }

            /// <summary>A quoted string: encoded straight into the buffer when nothing needs escaping (the usual id).</summary>
            public void Text(string text)
            {
                if (!PythonJson.IsPlain(text))
                {
                    Bytes(PythonJson.QuoteUtf8(text));
                    return;
                }
                Reserve(Encoding.UTF8.GetMaxByteCount(text.Length) + 2);
                _buffer[_at++] = (byte)'"';
                _at += Encoding.UTF8.GetBytes(text, 0, text.Length, _buffer, _at);
                _buffer[_at++] = (byte)'"';
            }

            private void Reserve(int count)
            {
                if (_at + count <= FlushBytes) return;
                Flush();
                if (count > _buffer.Length) _buffer = new byte[count];
            }

            public void Flush()
            {
                _stream.Write(_buffer, 0, _at);
                _at = 0;
            }
        }

        /// <summary>The document as a string (for tests and small runs).</summary>
        public static string ToText(AllocationResult result, AllocationMetrics metrics)
        {
            using var ms = new MemoryStream();
            Write(ms, result, metrics);
            return Encoding.UTF8.GetString(ms.ToArray());
        }
    }
}
