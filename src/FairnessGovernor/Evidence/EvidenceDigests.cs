using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FairnessGovernor.Allocation;
using FairnessGovernor.Canonical;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// The digests an evidence line carries beyond the canonical inputs (SPEC.md 5.3): the
    /// decisions digest, the line hash and the line signature. Lower-case hex throughout.
    /// </summary>
    public static class EvidenceDigests
    {
        private static readonly JsonWriterOptions Options = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

        /// <summary>The <c>prev</c> of the first line of a log: 64 zeros.</summary>
        public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

        /// <summary>
        /// SHA-256 of the canonical decisions: compact JSON
        /// <c>[{"sequence":1,"task_id":"t2","agent_id":"agent-a"},...]</c> in dispatch order,
        /// <c>"agent_id":null</c> for an unassigned task.
        /// </summary>
        public static string Decisions(AllocationResult result) => Decisions(result, false);

        /// <summary>The decisions digest as 0.1.0 computed it (ids escaped by the relaxed encoder), for replay of its lines.</summary>
        internal static string LegacyDecisions(AllocationResult result) => Decisions(result, true);

        private static string Decisions(AllocationResult result, bool legacy)
        {
            if (result == null) throw new ArgumentNullException(nameof(result));
            using var sha = SHA256.Create();
            using (var stream = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write))
            {
                using (var w = new Utf8JsonWriter(stream, Options)) WriteDecisions(w, result, legacy);
                stream.FlushFinalBlock();
            }
            return CanonicalInput.Hex(sha.Hash!);
        }

        /// <summary>Writes the canonical decisions form (see <see cref="Decisions(AllocationResult)"/>).</summary>
        public static void WriteDecisions(Utf8JsonWriter w, AllocationResult result) => WriteDecisions(w, result, false);

        private static void WriteDecisions(Utf8JsonWriter w, AllocationResult result, bool legacy)
        {
            w.WriteStartArray();
            for (int k = 0; k < result.Count; k++)
            {
                w.WriteStartObject();
                w.WriteNumber("sequence", k + 1);
                var task = result.Tasks[result.TaskIndexAt(k)].Id;
                if (legacy) w.WriteString("task_id", task); else PythonJson.WriteString(w, "task_id", task);
                int a = result.AgentIndexAt(k);
                if (a < 0) w.WriteNull("agent_id");
                else if (legacy) w.WriteString("agent_id", result.Agents[a].Id);
                else PythonJson.WriteString(w, "agent_id", result.Agents[a].Id);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        /// <summary>SHA-256 of the UTF-8 bytes of <paramref name="canonicalContent"/> (a line's hash).</summary>
        public static string LineHash(string canonicalContent)
        {
            using var sha = SHA256.Create();
            return CanonicalInput.Hex(sha.ComputeHash(Utf8.GetBytes(canonicalContent)));
        }

        /// <summary>HMAC-SHA256 with <paramref name="key"/> of the UTF-8 bytes of <paramref name="canonicalContent"/> (a line's sig).</summary>
        public static string LineSignature(string canonicalContent, byte[] key)
        {
            CheckKey(key);
            using var hmac = new HMACSHA256(key);
            return CanonicalInput.Hex(hmac.ComputeHash(Utf8.GetBytes(canonicalContent)));
        }

        internal static string Sha256(byte[] bytes, int offset, int count)
        {
            using var sha = SHA256.Create();
            return CanonicalInput.Hex(sha.ComputeHash(bytes, offset, count));
        }

        internal static void CheckKey(byte[]? key)
        {
            if (key == null) throw new ArgumentNullException(nameof(key));
            if (key.Length == 0) throw new ArgumentException("A signing key must not be empty (use at least 32 random bytes).", nameof(key));
        }

        /// <summary>Compares two hex strings in time independent of where they differ.</summary>
        internal static bool FixedTimeEquals(string a, string b)
        {
            if (a.Length != b.Length) return false;
            int diff = 0;
            for (int i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }

        internal static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, true);
    }
}
