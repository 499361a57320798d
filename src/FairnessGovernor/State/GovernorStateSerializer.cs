using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using FairnessGovernor.Model;

namespace FairnessGovernor.State
{
    /// <summary>
    /// The state file format (SPEC.md 7.4): UTF-8 JSON, indented, with the format marker
    /// <c>"format": "fairness-governor-state"</c> and <c>"version": 1</c>. Reading checks the marker, the
    /// version and every field; anything else is an error, never a silent reset.
    /// </summary>
    public static class GovernorStateSerializer
    {
        /// <summary>Writes <paramref name="state"/> to <paramref name="stream"/>.</summary>
        public static void Write(Stream stream, GovernorState state)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (state == null) throw new ArgumentNullException(nameof(state));
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                w.WriteString("format", GovernorState.FormatName);
                w.WriteNumber("version", GovernorState.FormatVersion);
                if (state.Strategy == null) w.WriteNull("strategy"); else w.WriteString("strategy", state.Strategy);
                w.WriteNumber("runs", state.Runs);
                w.WriteNumber("total_tasks", state.TotalTasks);
                w.WriteNumber("assigned_tasks", state.AssignedTasks);
                if (state.PointerAgent == null) w.WriteNull("pointer_agent"); else w.WriteString("pointer_agent", state.PointerAgent);
                w.WriteNumber("pointer_slot", state.PointerSlot);
                w.WriteNumber("step", state.Step);
                w.WriteStartArray("agents");
                foreach (var a in state.Agents)
                {
                    w.WriteStartObject();
                    w.WriteString("id", a.Id);
                    w.WriteNumber("weight", a.Weight);
                    w.WriteNumber("count", a.Count);
                    w.WriteNumber("current_weight", a.CurrentWeight);
                    w.WriteBoolean("in_epoch", a.InEpoch);
                    w.WriteNumber("epoch_count", a.EpochCount);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        }

        /// <summary>The state as JSON text.</summary>
        public static string ToJson(GovernorState state)
        {
            using (var ms = new MemoryStream())
            {
                Write(ms, state);
                return Encoding.UTF8.GetString(ms.ToArray());
            }
        }

        /// <summary>Reads a state from its JSON bytes; <paramref name="path"/> names the source in errors.</summary>
        /// <exception cref="GovernorStateException">InvalidStateFile, UnsupportedStateVersion.</exception>
        public static GovernorState Read(byte[] bytes, string path)
        {
            if (bytes == null) throw new ArgumentNullException(nameof(bytes));
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            }
            catch (JsonException ex)
            {
                throw Invalid(path, "the file is not a governor state file (not valid JSON: " + ex.Message + ").", ex);
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != GovernorState.FormatName)
                    throw Invalid(path, "the file is not a governor state file (no \"format\": \"" + GovernorState.FormatName + "\" marker).");
                long version = Int(root, "version", path, 1, int.MaxValue);
                if (version != GovernorState.FormatVersion)
                    throw new GovernorStateException("UnsupportedStateVersion", path, "the state file has format version " + version + "; this module reads version " + GovernorState.FormatVersion + ".");
                string? strategy = OptionalString(root, "strategy", path);
                long runs = Int(root, "runs", path, 0, long.MaxValue);
                long total = Int(root, "total_tasks", path, 0, long.MaxValue);
                long assigned = Int(root, "assigned_tasks", path, 0, total);
                string? pointer = OptionalString(root, "pointer_agent", path);
                long slot = Int(root, "pointer_slot", path, 0, int.MaxValue);
                long step = Int(root, "step", path, 0, long.MaxValue);
                if (!root.TryGetProperty("agents", out var agents) || agents.ValueKind != JsonValueKind.Array)
                    throw Invalid(path, "field 'agents': expected an array.");
                var list = new List<AgentState>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                long sum = 0;
                int i = 0;
                foreach (var a in agents.EnumerateArray())
                {
                    string where = "agents[" + i++ + "]";
                    if (a.ValueKind != JsonValueKind.Object) throw Invalid(path, where + ": expected an object.");
                    var id = OptionalString(a, "id", path, where);
                    if (string.IsNullOrEmpty(id)) throw Invalid(path, where + ", field 'id': expected a non-empty string.");
                    if (!seen.Add(id!)) throw Invalid(path, where + ", field 'id': the agent '" + id + "' appears twice.");
                    long weight = Int(a, "weight", path, 0, int.MaxValue, where);
                    long count = Int(a, "count", path, 0, long.MaxValue, where);
                    long current = Int(a, "current_weight", path, long.MinValue, long.MaxValue, where);
                    if (!a.TryGetProperty("in_epoch", out var ie) || (ie.ValueKind != JsonValueKind.True && ie.ValueKind != JsonValueKind.False))
                        throw Invalid(path, where + ", field 'in_epoch': expected true or false.");
                    long epochCount = Int(a, "epoch_count", path, 0, long.MaxValue, where);
                    sum += count;
                    list.Add(new AgentState(id!, (int)weight, count, current, ie.ValueKind == JsonValueKind.True, epochCount));
                }
                if (sum != assigned) throw Invalid(path, "field 'assigned_tasks': " + assigned + " is not the sum of the agents' counts (" + sum + ").");
                return new GovernorState(strategy, runs, total, assigned, pointer, (int)slot, step, list);
            }
        }

        private static GovernorStateException Invalid(string path, string problem, Exception? inner = null) =>
            new GovernorStateException("InvalidStateFile", path, problem + " The file was not changed; restore it from a copy, or remove it (Reset-FairnessState) to start over.", inner);

        private static long Int(JsonElement o, string name, string path, long min, long max, string? where = null)
        {
            if (!o.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long n) || n < min || n > max)
                throw Invalid(path, (where == null ? "" : where + ", ") + "field '" + name + "': expected a whole number from " + min + " to " + max + ".");
            return n;
        }

        private static string? OptionalString(JsonElement o, string name, string path, string? where = null)
        {
            if (!o.TryGetProperty(name, out var v)) throw Invalid(path, (where == null ? "" : where + ", ") + "field '" + name + "' is missing.");
            if (v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.String) throw Invalid(path, (where == null ? "" : where + ", ") + "field '" + name + "': expected a string or null.");
            return v.GetString();
        }
    }
}
