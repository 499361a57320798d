using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

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
                var store = tasks as TaskStore; // ids straight from their UTF-8 bytes (the same escaping, no strings)
                w.WriteStartObject();
                w.WriteStartArray(AllocationKey);
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
