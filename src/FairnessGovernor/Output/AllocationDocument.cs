using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;
using FairnessGovernor.Canonical;

namespace FairnessGovernor.Output
{
    /// <summary>
    /// Writes the prototype's --out document: {"allocation": [{"task_id", "agent_id"}...],
    /// "unassigned": [task ids], "metrics": {...}}, indented by two spaces, UTF-8 without BOM,
    /// ending in a newline.
    /// </summary>
    public static class AllocationDocument
    {
        private static readonly JsonWriterOptions Options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
            // Utf8JsonWriter over a Stream buffers everything until Flush: flush every 64 KiB so a million-decision
            // document streams out instead of growing (and copying) one buffer of the whole document.
            using (var w = new Utf8JsonWriter(stream, Options))
            {
                var agentIds = new JsonEncodedText?[result.Agents.Count]; // each agent id escaped once
                var tasks = result.Tasks;
                var store = TaskColumns.Of(tasks); // ids straight from their UTF-8 bytes (the same escaping, no strings)
                w.WriteStartObject();
                w.WriteStartArray(AllocationKey);
                if (store != null && EntryTemplate.Ready) WriteEntries(w, result, store, agentIds);
                else
                {
                    for (int k = 0; k < result.Count; k++)
                    {
                        int a = result.AgentIndexAt(k);
                        if (a < 0) continue;
                        w.WriteStartObject();
                        if (store != null) w.WriteString(TaskIdKey, store.IdUtf8(result.TaskIndexAt(k)));
                        else w.WriteString(TaskIdKey, tasks[result.TaskIndexAt(k)].Id);
                        w.WriteString(AgentIdKey, agentIds[a] ??= JsonEncodedText.Encode(result.Agents[a].Id, Options.Encoder));
                        w.WriteEndObject();
                        if (w.BytesPending > FlushBytes) w.Flush();
                    }
                }
                w.WriteEndArray();
                w.WriteStartArray(UnassignedKey);
                if (result.UnassignedCount > 0)
                {
                    for (int k = 0; k < result.Count; k++)
                    {
                        if (result.AgentIndexAt(k) >= 0) continue;
                        if (store != null) w.WriteStringValue(store.IdUtf8(result.TaskIndexAt(k)));
                        else w.WriteStringValue(tasks[result.TaskIndexAt(k)].Id);
                        if (w.BytesPending > FlushBytes) w.Flush();
                    }
                }
                w.WriteEndArray();
                w.WritePropertyName("metrics");
                WriteMetrics(w, metrics);
                w.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        }

        private const int FlushBytes = 1 << 16;

        /// <summary>
        /// The allocation entries of a compact task store, each as one raw value: the bytes the writer itself produces
        /// for {"task_id": .., "agent_id": ..} at that depth (newline and indentation included), with the ids already
        /// escaped exactly as the writer escapes them. One call per entry instead of four.
        /// </summary>
        private static void WriteEntries(Utf8JsonWriter w, AllocationResult result, ITaskColumns store, JsonEncodedText?[] agentIds)
        {
            var t = EntryTemplate.Instance!;
            var buffer = new byte[256];
            var encoder = Options.Encoder!;
            for (int k = 0; k < result.Count; k++)
            {
                int a = result.AgentIndexAt(k);
                if (a < 0) continue;
                var id = store.IdUtf8(result.TaskIndexAt(k));
                if (encoder.FindFirstCharacterToEncodeUtf8(id) >= 0) id = JsonEncodedText.Encode(id, encoder).EncodedUtf8Bytes;
                var agent = (agentIds[a] ??= JsonEncodedText.Encode(result.Agents[a].Id, encoder)).EncodedUtf8Bytes;
                int length = t.Prefix.Length + id.Length + t.Middle.Length + agent.Length + t.Suffix.Length;
                if (length > buffer.Length) buffer = new byte[Math.Max(length, buffer.Length * 2)];
                var span = new Span<byte>(buffer);
                int at = 0;
                t.Prefix.CopyTo(span); at += t.Prefix.Length;
                id.CopyTo(span.Slice(at)); at += id.Length;
                t.Middle.CopyTo(span.Slice(at)); at += t.Middle.Length;
                agent.CopyTo(span.Slice(at)); at += agent.Length;
                t.Suffix.CopyTo(span.Slice(at)); at += t.Suffix.Length;
                w.WriteRawValue(new ReadOnlySpan<byte>(buffer, 0, at), skipInputValidation: true);
                if (w.BytesPending > FlushBytes) w.Flush();
            }
        }

        /// <summary>
        /// An allocation entry as the writer formats it, cut at the two ids. Taken from the writer's own output, and
        /// used only when writing two entries through it gives exactly the bytes the writer gives (checked once).
        /// </summary>
        private sealed class EntryTemplate
        {
            public byte[] Prefix = null!, Middle = null!, Suffix = null!;

            public static readonly EntryTemplate? Instance = Build();

            public static bool Ready => Instance != null;

            private static byte[] Sample(bool raw, EntryTemplate? t)
            {
                using var ms = new MemoryStream();
                using (var w = new Utf8JsonWriter(ms, Options))
                {
                    w.WriteStartObject();
                    w.WriteStartArray(AllocationKey);
                    foreach (var (task, agent) in new[] { ("@T@", "@A@"), ("t\u0001\"\u00e9<&>\\", "a-2") })
                    {
                        if (!raw)
                        {
                            w.WriteStartObject();
                            w.WriteString(TaskIdKey, task);
                            w.WriteString(AgentIdKey, agent);
                            w.WriteEndObject();
                        }
                        else
                        {
                            var bytes = new List<byte>(t!.Prefix);
                            bytes.AddRange(JsonEncodedText.Encode(task, Options.Encoder).EncodedUtf8Bytes.ToArray());
                            bytes.AddRange(t.Middle);
                            bytes.AddRange(JsonEncodedText.Encode(agent, Options.Encoder).EncodedUtf8Bytes.ToArray());
                            bytes.AddRange(t.Suffix);
                            w.WriteRawValue(bytes.ToArray(), skipInputValidation: true);
                        }
                    }
                    w.WriteEndArray();
                    w.WriteStartArray(UnassignedKey);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                return ms.ToArray();
            }

            private static EntryTemplate? Build()
            {
                try
                {
                    var reference = Sample(false, null);
                    var text = Encoding.UTF8.GetString(reference);
                    int open = text.IndexOf('[');
                    int task = text.IndexOf("@T@", StringComparison.Ordinal), agent = text.IndexOf("@A@", StringComparison.Ordinal);
                    int close = text.IndexOf('}', agent);
                    if (open < 0 || task < open || agent < task || close < agent) return null;
                    var t = new EntryTemplate
                    {
                        Prefix = Encoding.UTF8.GetBytes(text.Substring(open + 1, task - open - 1)),
                        Middle = Encoding.UTF8.GetBytes(text.Substring(task + 3, agent - task - 3)),
                        Suffix = Encoding.UTF8.GetBytes(text.Substring(agent + 3, close + 1 - agent - 3)),
                    };
                    return reference.AsSpan().SequenceEqual(Sample(true, t)) ? t : null;
                }
                catch (Exception)
                {
                    return null;
                }
            }
        }
        private static readonly JsonEncodedText AllocationKey = JsonEncodedText.Encode("allocation");
        private static readonly JsonEncodedText UnassignedKey = JsonEncodedText.Encode("unassigned");
        private static readonly JsonEncodedText TaskIdKey = JsonEncodedText.Encode("task_id");
        private static readonly JsonEncodedText AgentIdKey = JsonEncodedText.Encode("agent_id");

        /// <summary>Writes the metrics object with the prototype's snake_case keys.</summary>
        public static void WriteMetrics(Utf8JsonWriter w, AllocationMetrics m)
        {
            w.WriteStartObject();
            w.WriteStartObject("task_count_per_agent");
            for (int i = 0; i < m.AgentIds.Count; i++) w.WriteNumber(m.AgentIds[i], m.TaskCounts[i]);
            w.WriteEndObject();
            w.WriteNumber("max_tasks", m.MaxTasks);
            w.WriteNumber("min_tasks", m.MinTasks);
            w.WritePropertyName("skew_ratio");
            w.WriteRawValue(PythonNumber.Format(m.SkewRatio), skipInputValidation: true);
            w.WriteString("fairness_label", m.FairnessLabel);
            w.WriteNumber("unassigned_count", m.UnassignedCount);
            w.WriteEndObject();
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
