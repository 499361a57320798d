using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FairnessGovernor.Input;
using FairnessGovernor.Output;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// The append-only JSONL evidence log: one line per run, the prototype's fields in its order,
    /// written as Python's json.dumps writes them ({"key": value, ...}).
    /// </summary>
    public static class EvidenceLog
    {
        /// <summary>The timestamp format: ISO-8601 UTC with microseconds and Z.</summary>
        public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

        /// <summary>The JSONL line for <paramref name="entry"/>, without the newline.</summary>
        public static string Format(EvidenceEntry entry)
        {
            var sb = new StringBuilder(160);
            sb.Append("{\"timestamp\": ").Append(Quote(entry.Timestamp.ToString(TimestampFormat, CultureInfo.InvariantCulture)));
            sb.Append(", \"policy_id\": ").Append(Quote(entry.PolicyId));
            sb.Append(", \"task_count\": ").Append(entry.TaskCount.ToString(CultureInfo.InvariantCulture));
            sb.Append(", \"agent_count\": ").Append(entry.AgentCount.ToString(CultureInfo.InvariantCulture));
            sb.Append(", \"skew_ratio\": ").Append(PythonNumber.Format(entry.SkewRatio));
            sb.Append(", \"fairness_label\": ").Append(Quote(entry.FairnessLabel));
            sb.Append('}');
            return sb.ToString();
        }

        /// <summary>Appends one line and flushes it to disk.</summary>
        public static void Append(string path, EvidenceEntry entry)
        {
            var bytes = new UTF8Encoding(false).GetBytes(Format(entry) + "\n");
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(true);
        }

        /// <summary>Reads the log line by line, oldest first. Blank lines are skipped.</summary>
        /// <exception cref="FairnessInputException">InputFileNotFound, InvalidEvidenceLine.</exception>
        public static IEnumerable<EvidenceEntry> Read(string path)
        {
            if (!File.Exists(path)) throw new FairnessInputException("InputFileNotFound", path, null, null, "no such evidence log.");
            using var reader = new StreamReader(path, new UTF8Encoding(false, true), true);
            int lineNumber = 0;
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                lineNumber++;
                if (line.Trim().Length == 0) continue;
                yield return Parse(line, path, lineNumber);
            }
        }

        /// <summary>Parses one line of the log.</summary>
        public static EvidenceEntry Parse(string line, string source, int lineNumber)
        {
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException ex)
            {
                throw new FairnessInputException("InvalidEvidenceLine", source, "line " + lineNumber, null, "not a JSON object: " + ex.Message, lineNumber, 0, ex);
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    throw new FairnessInputException("InvalidEvidenceLine", source, "line " + lineNumber, null, "expected a JSON object.", lineNumber);
                string label = "line " + lineNumber;
                var ts = RequireString(root, "timestamp", source, label, lineNumber);
                if (!DateTime.TryParse(ts, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var timestamp))
                    throw new FairnessInputException("InvalidEvidenceLine", source, label, "timestamp", "expected an ISO-8601 time, got \"" + ts + "\".", lineNumber);
                return new EvidenceEntry(timestamp, RequireString(root, "policy_id", source, label, lineNumber),
                    RequireInt(root, "task_count", source, label, lineNumber), RequireInt(root, "agent_count", source, label, lineNumber),
                    RequireDouble(root, "skew_ratio", source, label, lineNumber), RequireString(root, "fairness_label", source, label, lineNumber), lineNumber);
            }
        }

        private static string RequireString(JsonElement root, string name, string source, string label, int line)
        {
            if (root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString()!;
            throw new FairnessInputException("InvalidEvidenceLine", source, label, name, "expected a string.", line);
        }

        private static int RequireInt(JsonElement root, string name, string source, string label, int line)
        {
            if (root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i)) return i;
            throw new FairnessInputException("InvalidEvidenceLine", source, label, name, "expected a whole number.", line);
        }

        private static double RequireDouble(JsonElement root, string name, string source, string label, int line)
        {
            if (root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number) return v.GetDouble();
            throw new FairnessInputException("InvalidEvidenceLine", source, label, name, "expected a number.", line);
        }

        private static string Quote(string s) => "\"" + JsonEncodedText.Encode(s, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + "\"";
    }
}
