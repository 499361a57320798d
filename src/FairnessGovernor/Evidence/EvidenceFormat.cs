using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FairnessGovernor.Canonical;

namespace FairnessGovernor.Evidence
{
    /// <summary>The line format of SPEC.md 5.1-5.2: writing, splitting off hash and sig, parsing.</summary>
    internal static class EvidenceFormat
    {
        public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
        public const string HashMarker = ", \"hash\": \"";
        private const string SigMarker = "\", \"sig\": \"";

        private static readonly string[] PrototypeFields = { "timestamp", "policy_id", "task_count", "agent_count", "skew_ratio", "fairness_label" };
        private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
        {
            "timestamp", "policy_id", "task_count", "agent_count", "skew_ratio", "fairness_label",
            "assigned_count", "unassigned_count", "module_version", "tasks_digest", "agents_digest", "policy_digest", "decisions_digest",
            "prev", "hash", "sig", "run_mode", "window", "as_of", "state_digest", "start_state",
        };

        public static bool IsReservedName(string name) => Reserved.Contains(name);

        public static string FormatTimestamp(DateTime t) => t.ToString(TimestampFormat, CultureInfo.InvariantCulture);

        /// <summary>The prototype's fields, as the prototype wrote them, without the closing brace.</summary>
        private static StringBuilder Prototype(EvidenceEntry e)
        {
            var sb = new StringBuilder(800);
            sb.Append("{\"timestamp\": ").Append(Quote(FormatTimestamp(e.Timestamp)));
            sb.Append(", \"policy_id\": ").Append(Quote(e.PolicyId));
            sb.Append(", \"task_count\": ").Append(e.TaskCount.ToString(CultureInfo.InvariantCulture));
            sb.Append(", \"agent_count\": ").Append(e.AgentCount.ToString(CultureInfo.InvariantCulture));
            sb.Append(", \"skew_ratio\": ").Append(PythonNumber.Format(e.SkewRatio));
            sb.Append(", \"fairness_label\": ").Append(Quote(e.FairnessLabel));
            return sb;
        }

        /// <summary>The prototype's line (a legacy line).</summary>
        public static string LegacyLine(EvidenceEntry e) => Prototype(e).Append('}').ToString();

        /// <summary>The canonical content of a chained line: every field up to and including prev, then "}".</summary>
        public static string Content(EvidenceEntry e, string prev)
        {
            var sb = Prototype(e);
            sb.Append(", \"assigned_count\": ").Append(e.AssignedCount!.Value.ToString(CultureInfo.InvariantCulture));
            sb.Append(", \"unassigned_count\": ").Append(e.UnassignedCount!.Value.ToString(CultureInfo.InvariantCulture));
            foreach (var m in e.ExtraMetrics) sb.Append(", ").Append(Quote(m.Name)).Append(": ").Append(PythonNumber.Format(m.Value));
            var run = e.Run;
            if (run != null)
            {
                sb.Append(", \"run_mode\": ").Append(Quote(run.Mode));
                if (run.WindowSize.HasValue) sb.Append(", \"window\": ").Append(run.WindowSize.Value.ToString(CultureInfo.InvariantCulture));
                if (run.HasState)
                {
                    sb.Append(", \"as_of\": ").Append(run.AsOf.HasValue ? Quote(Allocation.CanonicalInput.FormatTime(run.AsOf.Value)) : "null");
                    sb.Append(", \"state_digest\": ").Append(Quote(run.StateDigest!));
                    sb.Append(", \"start_state\": ").Append(run.StartState ?? "null");
                }
            }
            sb.Append(", \"module_version\": ").Append(Quote(e.ModuleVersion!));
            sb.Append(", \"tasks_digest\": ").Append(Quote(e.TasksDigest!));
            sb.Append(", \"agents_digest\": ").Append(Quote(e.AgentsDigest!));
            sb.Append(", \"policy_digest\": ").Append(Quote(e.PolicyDigest!));
            sb.Append(", \"decisions_digest\": ").Append(Quote(e.DecisionsDigest!));
            sb.Append(", \"prev\": ").Append(Quote(prev));
            sb.Append('}');
            return sb.ToString();
        }

        /// <summary>The full line: content with the hash (and sig) members added before the closing brace.</summary>
        public static string Line(string content, string hash, string? sig)
        {
            var sb = new StringBuilder(content.Length + 160);
            sb.Append(content, 0, content.Length - 1).Append(HashMarker).Append(hash).Append('"');
            if (sig != null) sb.Append(", \"sig\": \"").Append(sig).Append('"');
            sb.Append('}');
            return sb.ToString();
        }

        /// <summary>
        /// Splits a chained line at its last <c>, "hash": "</c>: the rest must be exactly
        /// <c>, "hash": "H"}</c> or <c>, "hash": "H", "sig": "S"}</c> (64 lower-case hex each).
        /// </summary>
        public static bool TrySplit(string line, out string content, out string hash, out string? sig)
        {
            content = hash = "";
            sig = null;
            int i = line.LastIndexOf(HashMarker, StringComparison.Ordinal);
            if (i < 0) return false;
            int h = i + HashMarker.Length;
            if (line.Length < h + 64 + 2 || !IsHex64(line, h)) return false;
            int after = h + 64;
            if (line.Length == after + 2 && line[after] == '"' && line[after + 1] == '}')
            {
                // no sig
            }
            else if (line.Length == after + SigMarker.Length + 64 + 2 && string.CompareOrdinal(line, after, SigMarker, 0, SigMarker.Length) == 0
                && IsHex64(line, after + SigMarker.Length) && line[line.Length - 2] == '"' && line[line.Length - 1] == '}')
            {
                sig = line.Substring(after + SigMarker.Length, 64);
            }
            else return false;
            hash = line.Substring(h, 64);
            content = line.Substring(0, i) + "}";
            return true;
        }

        public static bool IsHex64(string s, int start = 0)
        {
            if (s.Length - start < 64) return false;
            for (int k = start; k < start + 64; k++)
            {
                char c = s[k];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
            }
            return true;
        }

        /// <summary>A parse failure: the error id, the field (or null) and the problem.</summary>
        public sealed class Failure
        {
            public Failure(string errorId, string? field, string problem) { ErrorId = errorId; Field = field; Problem = problem; }
            public string ErrorId { get; }
            public string? Field { get; }
            public string Problem { get; }
        }

        /// <summary>
        /// Parses one line (text without the newline). A chained line also yields its canonical
        /// content, for the hash check. Returns null with <paramref name="failure"/> set when the
        /// line is not a valid entry.
        /// </summary>
        public static EvidenceEntry? TryParse(string text, int lineNumber, long byteOffset, out string? content, out Failure? failure)
        {
            content = null;
            failure = null;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(text); }
            catch (JsonException ex)
            {
                failure = new Failure("InvalidEvidenceLine", null, "not a JSON object: " + ex.Message);
                return null;
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    failure = new Failure("InvalidEvidenceLine", null, "expected a JSON object.");
                    return null;
                }
                var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                var order = new List<string>();
                var extra = new List<EvidenceMetric>();
                foreach (var p in root.EnumerateObject())
                {
                    if (fields.ContainsKey(p.Name))
                    {
                        failure = new Failure("InvalidEvidenceLine", p.Name, "the key appears twice.");
                        return null;
                    }
                    fields.Add(p.Name, p.Value);
                    order.Add(p.Name);
                    if (!Reserved.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.Number)
                    {
                        if (!p.Value.TryGetDouble(out double x))
                        {
                            failure = new Failure("InvalidEvidenceLine", p.Name, "the number is out of range.");
                            return null;
                        }
                        extra.Add(EvidenceMetric.Unchecked(p.Name, x));
                    }
                }
                bool chained = fields.ContainsKey("hash");
                if (chained)
                {
                    for (int k = 0; k < PrototypeFields.Length; k++)
                    {
                        if (k >= order.Count || order[k] != PrototypeFields[k])
                        {
                            failure = new Failure("InvalidEvidenceLine", PrototypeFields[k], "the prototype's fields must come first, in order: " + string.Join(", ", PrototypeFields) + ".");
                            return null;
                        }
                    }
                }

                string? ts = Str(fields, "timestamp", ref failure);
                string? policyId = Str(fields, "policy_id", ref failure);
                int taskCount = Int(fields, "task_count", chained, ref failure);
                int agentCount = Int(fields, "agent_count", chained, ref failure);
                double skew = Num(fields, "skew_ratio", ref failure);
                string? label = Str(fields, "fairness_label", ref failure);
                if (failure != null) return null;
                DateTime timestamp;
                bool okTime = chained
                    ? DateTime.TryParseExact(ts, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out timestamp)
                    : DateTime.TryParse(ts, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out timestamp);
                if (!okTime)
                {
                    failure = new Failure("InvalidEvidenceLine", "timestamp", "expected an ISO-8601 UTC time (" + (chained ? "yyyy-MM-ddTHH:mm:ss.ffffffZ" : "ISO-8601") + "), got \"" + ts + "\".");
                    return null;
                }
                var head = new EvidenceEntry(timestamp, policyId!, taskCount, agentCount, skew, label!, lineNumber, byteOffset);
                if (!chained) return head;

                int assigned = Int(fields, "assigned_count", true, ref failure);
                int unassigned = Int(fields, "unassigned_count", true, ref failure);
                string? version = Str(fields, "module_version", ref failure);
                string? td = Hex(fields, "tasks_digest", ref failure);
                string? ad = Hex(fields, "agents_digest", ref failure);
                string? pd = Hex(fields, "policy_digest", ref failure);
                string? dd = Hex(fields, "decisions_digest", ref failure);
                string? prev = Hex(fields, "prev", ref failure);
                string? hash = Hex(fields, "hash", ref failure);
                string? sig = fields.ContainsKey("sig") ? Hex(fields, "sig", ref failure) : null;
                if (failure != null) return null;
                if (!TrySplit(text, out var c, out var splitHash, out var splitSig) || splitHash != hash || splitSig != sig)
                {
                    failure = new Failure("InvalidEvidenceLine", "hash", "the line must end with , \"hash\": \"<64 hex>\"} or , \"hash\": \"<64 hex>\", \"sig\": \"<64 hex>\"} exactly.");
                    return null;
                }
                var run = ReadRun(fields, ref failure);
                if (failure != null) return null;
                content = c;
                return new EvidenceEntry(head, assigned, unassigned, version!, td!, ad!, pd!, dd!, extra.ToArray(), prev, hash, sig, lineNumber, byteOffset, run);
            }
        }

        /// <summary>The run fields (SPEC.md 5.1, 7.10); null when the line has no run_mode.</summary>
        private static EvidenceRun? ReadRun(Dictionary<string, JsonElement> f, ref Failure? failure)
        {
            if (!f.ContainsKey("run_mode"))
            {
                foreach (var name in new[] { "window", "as_of", "state_digest", "start_state" })
                    if (f.ContainsKey(name)) { failure = new Failure("InvalidEvidenceLine", name, "the field goes with run_mode, which is missing."); return null; }
                return null;
            }
            string? mode = Str(f, "run_mode", ref failure);
            if (failure != null) return null;
            if (mode != EvidenceRun.BatchMode && mode != EvidenceRun.StreamMode)
            {
                failure = new Failure("InvalidEvidenceLine", "run_mode", "expected \"batch\" or \"stream\", got \"" + mode + "\".");
                return null;
            }
            int? window = null;
            if (mode == EvidenceRun.StreamMode)
            {
                window = Int(f, "window", true, ref failure);
                if (failure == null && window < 1) failure = new Failure("InvalidEvidenceLine", "window", "expected a whole number >= 1.");
            }
            else if (f.ContainsKey("window")) failure = new Failure("InvalidEvidenceLine", "window", "a batch has no window.");
            if (failure != null) return null;
            bool hasState = f.ContainsKey("start_state");
            if (!hasState)
            {
                if (mode == EvidenceRun.BatchMode) { failure = new Failure("InvalidEvidenceLine", "start_state", "a batch line with run_mode records the state it continued; the field is missing."); return null; }
                foreach (var name in new[] { "as_of", "state_digest" })
                    if (f.ContainsKey(name)) { failure = new Failure("InvalidEvidenceLine", name, "the field goes with start_state, which is missing."); return null; }
                return new EvidenceRun(mode!, window, null, null, null);
            }
            DateTime? asOf = null;
            if (!f.TryGetValue("as_of", out var at)) { failure = new Failure("InvalidEvidenceLine", "as_of", "the field is missing."); return null; }
            if (at.ValueKind == JsonValueKind.String)
            {
                if (!DateTime.TryParseExact(at.GetString(), Allocation.CanonicalInput.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
                {
                    failure = new Failure("InvalidEvidenceLine", "as_of", "expected a UTC time as yyyy-MM-ddTHH:mm:ss.fffffffZ or null.");
                    return null;
                }
                asOf = DateTime.SpecifyKind(t, DateTimeKind.Utc);
            }
            else if (at.ValueKind != JsonValueKind.Null) { failure = new Failure("InvalidEvidenceLine", "as_of", "expected a string or null."); return null; }
            string? digest = Hex(f, "state_digest", ref failure);
            if (failure != null) return null;
            var state = f["start_state"];
            if (state.ValueKind == JsonValueKind.Null) return new EvidenceRun(mode!, window, asOf, digest, null);
            if (state.ValueKind != JsonValueKind.Object) { failure = new Failure("InvalidEvidenceLine", "start_state", "expected a state object or null."); return null; }
            string raw = state.GetRawText();
            if (Allocation.CanonicalInput.Sha256(raw) != digest)
            {
                failure = new Failure("InvalidEvidenceLine", "start_state", "its SHA-256 is not state_digest: the recorded state was changed.");
                return null;
            }
            return new EvidenceRun(mode!, window, asOf, digest, raw);
        }

        private static string? Str(Dictionary<string, JsonElement> f, string name, ref Failure? failure)
        {
            if (f.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString();
            failure ??= new Failure("InvalidEvidenceLine", name, f.ContainsKey(name) ? "expected a string." : "the field is missing.");
            return null;
        }

        private static string? Hex(Dictionary<string, JsonElement> f, string name, ref Failure? failure)
        {
            var s = Str(f, name, ref failure);
            if (s == null) return null;
            if (s.Length == 64 && IsHex64(s)) return s;
            failure ??= new Failure("InvalidEvidenceLine", name, "expected 64 lower-case hex digits.");
            return null;
        }

        private static int Int(Dictionary<string, JsonElement> f, string name, bool nonNegative, ref Failure? failure)
        {
            if (f.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) && (!nonNegative || i >= 0)) return i;
            failure ??= new Failure("InvalidEvidenceLine", name, f.ContainsKey(name) ? "expected a whole number" + (nonNegative ? " >= 0." : ".") : "the field is missing.");
            return 0;
        }

        private static double Num(Dictionary<string, JsonElement> f, string name, ref Failure? failure)
        {
            if (f.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d)) return d;
            failure ??= new Failure("InvalidEvidenceLine", name, f.ContainsKey(name) ? "expected a number." : "the field is missing.");
            return 0;
        }

        public static string Quote(string s) => PythonJson.Quote(s);
    }
}
