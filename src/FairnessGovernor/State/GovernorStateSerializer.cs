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
    /// <c>"format": "fairness-governor-state"</c> and <c>"version": 2</c> (version 1, without the carried usage of
    /// SPEC.md 7.10, is still read). Reading checks the marker, the version and every field; anything else is an
    /// error, never a silent reset. Works on bytes, text and streams, so a state kept elsewhere than in a file (a
    /// database row) is read and written the same way.
    /// </summary>
    public static class GovernorStateSerializer
    {
        /// <summary>The time format of <c>as_of</c>: UTC, 100 ns precision.</summary>
        public const string TimeFormat = Allocation.CanonicalInput.TimeFormat;

        /// <summary>Writes <paramref name="state"/> to <paramref name="stream"/> (indented, then a newline: the file form).</summary>
        public static void Write(Stream stream, GovernorState state)
        {
            Write(stream, state, true);
            stream.WriteByte((byte)'\n');
        }

        /// <summary>The state as compact JSON (one line, no newline): the form evidence embeds and <see cref="Digest"/> hashes.</summary>
        public static string ToCompactJson(GovernorState state) => Allocation.CanonicalInput.StateJson(state);

        /// <summary>SHA-256 (lower-case hex) of <see cref="ToCompactJson"/>: the state digest of evidence and run ids (SPEC.md 7.7, 7.10).</summary>
        public static string Digest(GovernorState state) => Allocation.CanonicalInput.StateDigest(state);

        private static void Write(Stream stream, GovernorState state, bool indented)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (state == null) throw new ArgumentNullException(nameof(state));
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
            {
                Allocation.CanonicalInput.WriteState(w, state);
            }
        }

        /// <summary>Reads a state from its JSON text; <paramref name="source"/> names it in errors (a file path, a table row).</summary>
        /// <exception cref="GovernorStateException">InvalidStateFile, UnsupportedStateVersion.</exception>
        public static GovernorState Read(string json, string source)
        {
            if (json == null) throw new ArgumentNullException(nameof(json));
            return Read(new UTF8Encoding(false).GetBytes(json), source);
        }

        /// <summary>Reads a state from a stream (to its end); <paramref name="source"/> names it in errors.</summary>
        /// <exception cref="GovernorStateException">InvalidStateFile, UnsupportedStateVersion.</exception>
        public static GovernorState Read(Stream stream, string source)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            using (var ms = new MemoryStream())
            {
                stream.CopyTo(ms);
                return Read(ms.ToArray(), source);
            }
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
                if (version != 1 && version != GovernorState.FormatVersion)
                    throw new GovernorStateException("UnsupportedStateVersion", path, "the state file has format version " + version + "; this module reads versions 1 and " + GovernorState.FormatVersion + ".");
                bool v2 = version == 2;
                DateTime? asOf = null;
                if (v2)
                {
                    var t = OptionalString(root, "as_of", path);
                    if (t != null)
                    {
                        if (!DateTime.TryParseExact(t, TimeFormat, System.Globalization.CultureInfo.InvariantCulture,
                            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
                            throw Invalid(path, "field 'as_of': expected a UTC time as yyyy-MM-ddTHH:mm:ss.fffffffZ or null, got \"" + t + "\".");
                        asOf = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
                    }
                }
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
                    double decayed = v2 ? Real(a, "decayed_count", path, where) : count;
                    double entitlement = v2 ? Real(a, "entitlement", path, where) : double.NaN;
                    list.Add(new AgentState(id!, (int)weight, count, current, ie.ValueKind == JsonValueKind.True, epochCount, decayed, entitlement));
                }
                if (sum != assigned) throw Invalid(path, "field 'assigned_tasks': " + assigned + " is not the sum of the agents' counts (" + sum + ").");
                return new GovernorState(strategy, runs, total, assigned, pointer, (int)slot, step, list, asOf);
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

        private static double Real(JsonElement o, string name, string path, string where)
        {
            if (!o.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double d) || double.IsNaN(d) || double.IsInfinity(d) || d < 0)
                throw Invalid(path, where + ", field '" + name + "': expected a finite number of 0 or more.");
            return d;
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
