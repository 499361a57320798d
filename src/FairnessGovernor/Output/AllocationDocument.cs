using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FairnessGovernor.Allocation;
using FairnessGovernor.Metrics;

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

        /// <summary>Writes the document for <paramref name="result"/> to <paramref name="stream"/>.</summary>
        public static void Write(Stream stream, AllocationResult result, AllocationMetrics metrics)
        {
            using (var w = new Utf8JsonWriter(stream, Options))
            {
                w.WriteStartObject();
                w.WriteStartArray("allocation");
                for (int k = 0; k < result.Count; k++)
                {
                    int a = result.AgentIndexAt(k);
                    if (a < 0) continue;
                    w.WriteStartObject();
                    w.WriteString("task_id", result.Tasks[result.TaskIndexAt(k)].Id);
                    w.WriteString("agent_id", result.Agents[a].Id);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("unassigned");
                for (int k = 0; k < result.Count; k++)
                    if (result.AgentIndexAt(k) < 0) w.WriteStringValue(result.Tasks[result.TaskIndexAt(k)].Id);
                w.WriteEndArray();
                w.WritePropertyName("metrics");
                WriteMetrics(w, metrics);
                w.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        }

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
