using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FairnessGovernor.Model;
using FairnessGovernor.Canonical;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// The canonical form of the inputs (SPEC.md, "Canonical inputs"): compact JSON, fixed key
    /// order, every default written out, UTF-8, strings escaped as Python's json.dumps escapes them
    /// (<see cref="PythonJson"/>); and SHA-256 digests of it in lower-case hex. The digests of 0.1.0,
    /// whose strings System.Text.Json's relaxed encoder escaped, stay computable for replay (SPEC.md 5.8).
    /// </summary>
    public static class CanonicalInput
    {
        private static readonly JsonWriterOptions Options = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

        /// <summary>SHA-256 of the canonical task list.</summary>
        public static string TasksDigest(IReadOnlyList<FairTask> tasks) => Hash(w => WriteTasks(w, tasks, false));

        /// <summary>SHA-256 of the canonical agent list.</summary>
        public static string AgentsDigest(IReadOnlyList<FairAgent> agents) => Hash(w => WriteAgents(w, agents, false));

        /// <summary>SHA-256 of the canonical policy.</summary>
        public static string PolicyDigest(FairnessPolicy policy) => Hash(w => WritePolicy(w, policy, false));

        /// <summary>The tasks digest as 0.1.0 computed it (strings escaped by the relaxed encoder: astral characters, U+007F-U+009F, U+2028 and others as \uXXXX, control characters in upper-case hex).</summary>
        internal static string LegacyTasksDigest(IReadOnlyList<FairTask> tasks) => Hash(w => WriteTasks(w, tasks, true));

        /// <summary>The agents digest as 0.1.0 computed it.</summary>
        internal static string LegacyAgentsDigest(IReadOnlyList<FairAgent> agents) => Hash(w => WriteAgents(w, agents, true));

        /// <summary>The policy digest as 0.1.0 computed it.</summary>
        internal static string LegacyPolicyDigest(FairnessPolicy policy) => Hash(w => WritePolicy(w, policy, true));

        /// <summary>SHA-256 of "tasks:HEX\nagents:HEX\npolicy:HEX" built from the three digests.</summary>
        public static string Digest(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy) => Digest(tasks, agents, policy, null, null);

        /// <summary>
        /// As <see cref="Digest(IReadOnlyList{FairTask}, IReadOnlyList{FairAgent}, FairnessPolicy)"/>; with a starting
        /// state, "\nstate:HEX\nas_of:TIME" (TIME "none" without a run time) is added, so a stateful run's id covers
        /// the state it continued (SPEC.md 7.10). Without a state the digest is the three-input one.
        /// </summary>
        public static string Digest(IReadOnlyList<FairTask> tasks, IReadOnlyList<FairAgent> agents, FairnessPolicy policy, GovernorState? startState, System.DateTime? asOf)
        {
            var text = "tasks:" + TasksDigest(tasks) + "\nagents:" + AgentsDigest(agents) + "\npolicy:" + PolicyDigest(policy);
            if (startState != null) text += "\nstate:" + StateDigest(startState) + "\nas_of:" + (asOf.HasValue ? FormatTime(asOf.Value) : "none");
            using var sha = SHA256.Create();
            return Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }

        /// <summary>Writes tasks as [{"id":..,"priority":..,"group":..|null,"duration":..,"arrival":..},...].</summary>
        public static void WriteTasks(Utf8JsonWriter w, IReadOnlyList<FairTask> tasks) => WriteTasks(w, tasks, false);

        private static void WriteTasks(Utf8JsonWriter w, IReadOnlyList<FairTask> tasks, bool legacy)
        {
            w.WriteStartArray();
            var store = TaskColumns.Of(tasks);
            if (store != null)
            {
                // The same values without materialising a FairTask per task.
                for (int i = 0; i < store.Count; i++)
                {
                    w.WriteStartObject();
                    Text(w, "id", store.Id(i), legacy);
                    w.WriteString("priority", TaskPriorityNames.ToName(store.Level(i)));
                    var g = store.Group(i);
                    if (g != null) Text(w, "group", g, legacy); else w.WriteNull("group");
                    WriteNumber(w, "duration", store.Duration(i));
                    WriteNumber(w, "arrival", store.Arrival(i));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                return;
            }
            for (int i = 0; i < tasks.Count; i++)
            {
                var t = tasks[i];
                w.WriteStartObject();
                Text(w, "id", t.Id, legacy);
                w.WriteString("priority", t.Priority);
                if (t.Group != null) Text(w, "group", t.Group, legacy); else w.WriteNull("group");
                WriteNumber(w, "duration", t.Duration);
                WriteNumber(w, "arrival", t.Arrival);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        /// <summary>Writes agents as [{"id":..,"weight":..,"capacity":..|null,"max_share":..|null},...].</summary>
        public static void WriteAgents(Utf8JsonWriter w, IReadOnlyList<FairAgent> agents) => WriteAgents(w, agents, false);

        private static void WriteAgents(Utf8JsonWriter w, IReadOnlyList<FairAgent> agents, bool legacy)
        {
            w.WriteStartArray();
            for (int i = 0; i < agents.Count; i++)
            {
                var a = agents[i];
                w.WriteStartObject();
                Text(w, "id", a.Id, legacy);
                w.WriteNumber("weight", a.Weight);
                if (a.Capacity.HasValue) w.WriteNumber("capacity", a.Capacity.Value); else w.WriteNull("capacity");
                if (a.MaxShare.HasValue) WriteNumber(w, "max_share", a.MaxShare.Value); else w.WriteNull("max_share");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        /// <summary>Writes the policy as {"policy_id":..,"respect_priority":..,"max_skew_ratio":..,"strategy":..,"max_bypass":..|null,"group_quotas":{..}}, then "usage_half_life" (seconds) and "max_catch_up" when set.</summary>
        public static void WritePolicy(Utf8JsonWriter w, FairnessPolicy p) => WritePolicy(w, p, false);

        private static void WritePolicy(Utf8JsonWriter w, FairnessPolicy p, bool legacy)
        {
            w.WriteStartObject();
            Text(w, "policy_id", p.PolicyId, legacy);
            w.WriteBoolean("respect_priority", p.RespectPriority);
            w.WritePropertyName("max_skew_ratio");
            w.WriteRawValue(PythonNumber.Format(p.MaxSkewRatio), skipInputValidation: true);
            w.WriteString("strategy", p.Strategy);
            if (p.MaxBypass.HasValue) w.WriteNumber("max_bypass", p.MaxBypass.Value); else w.WriteNull("max_bypass");
            if (legacy)
            {
                w.WriteStartObject("group_quotas");
                foreach (var name in p.GetGroupNames()) w.WriteNumber(name, p.GetGroupQuota(name)!.Value);
                w.WriteEndObject();
            }
            else
            {
                // Group names are keys: the writer cannot take a key escaped by another rule, so the object goes in whole.
                var quotas = new StringBuilder("{");
                foreach (var name in p.GetGroupNames())
                {
                    if (quotas.Length > 1) quotas.Append(',');
                    PythonJson.AppendQuoted(quotas, name);
                    quotas.Append(':').Append(p.GetGroupQuota(name)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                w.WritePropertyName("group_quotas");
                w.WriteRawValue(Encoding.UTF8.GetBytes(quotas.Append('}').ToString()), skipInputValidation: true);
            }
            // SPEC.md 7.10: only when set, so the canonical form (and digest) of a policy without them is unchanged.
            if (p.UsageHalfLife.HasValue) WriteNumber(w, "usage_half_life", p.UsageHalfLife.Value.Ticks / (double)System.TimeSpan.TicksPerSecond);
            if (p.MaxCatchUp.HasValue) w.WriteNumber("max_catch_up", p.MaxCatchUp.Value);
            w.WriteEndObject();
        }

        /// <summary>The time format of a state's <c>as_of</c> and a run's time: UTC, 100 ns precision.</summary>
        public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

        /// <summary>A run time in <see cref="TimeFormat"/>.</summary>
        public static string FormatTime(System.DateTime t) => UsageClock.Utc(t).ToString(TimeFormat, System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>SHA-256 of the compact canonical state (the state file's JSON without indentation, SPEC.md 7.4).</summary>
        public static string StateDigest(GovernorState state) => Hash(w => WriteState(w, state));

        /// <summary>The compact canonical state: the text <see cref="StateDigest"/> hashes and evidence embeds.</summary>
        public static string StateJson(GovernorState state)
        {
            using (var ms = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(ms, Options)) WriteState(w, state);
                return Encoding.UTF8.GetString(ms.ToArray());
            }
        }

        /// <summary>SHA-256 of <paramref name="text"/>'s UTF-8 bytes, lower-case hex.</summary>
        public static string Sha256(string text)
        {
            using var sha = SHA256.Create();
            return Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }

        /// <summary>
        /// Writes a governor state as the state file holds it (SPEC.md 7.4, version 2): the starting state is an input
        /// of a stateful run, so its canonical form lives with the others.
        /// </summary>
        public static void WriteState(Utf8JsonWriter w, GovernorState state)
        {
            w.WriteStartObject();
            w.WriteString("format", GovernorState.FormatName);
            w.WriteNumber("version", GovernorState.FormatVersion);
            if (state.AsOf.HasValue) w.WriteString("as_of", state.AsOf.Value.ToString(TimeFormat, System.Globalization.CultureInfo.InvariantCulture)); else w.WriteNull("as_of");
            if (state.Strategy == null) w.WriteNull("strategy"); else PythonJson.WriteString(w, "strategy", state.Strategy);
            w.WriteNumber("runs", state.Runs);
            w.WriteNumber("total_tasks", state.TotalTasks);
            w.WriteNumber("assigned_tasks", state.AssignedTasks);
            if (state.PointerAgent == null) w.WriteNull("pointer_agent"); else PythonJson.WriteString(w, "pointer_agent", state.PointerAgent);
            w.WriteNumber("pointer_slot", state.PointerSlot);
            w.WriteNumber("step", state.Step);
            w.WriteStartArray("agents");
            foreach (var a in state.Agents)
            {
                w.WriteStartObject();
                PythonJson.WriteString(w, "id", a.Id);
                w.WriteNumber("weight", a.Weight);
                w.WriteNumber("count", a.Count);
                w.WriteNumber("current_weight", a.CurrentWeight);
                w.WriteBoolean("in_epoch", a.InEpoch);
                w.WriteNumber("epoch_count", a.EpochCount);
                w.WritePropertyName("decayed_count");
                w.WriteRawValue(PythonNumber.Format(a.DecayedCount), skipInputValidation: true);
                w.WritePropertyName("entitlement");
                w.WriteRawValue(PythonNumber.Format(a.Entitlement), skipInputValidation: true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void Text(Utf8JsonWriter w, string name, string value, bool legacy)
        {
            if (legacy) w.WriteString(name, value); // the writer's relaxed encoder, as 0.1.0 wrote it
            else PythonJson.WriteString(w, name, value);
        }

        private static void WriteNumber(Utf8JsonWriter w, string name, double value)
        {
            w.WritePropertyName(name);
            w.WriteRawValue(PythonNumber.Format(value), skipInputValidation: true);
        }

        private static string Hash(System.Action<Utf8JsonWriter> write)
        {
            using var sha = SHA256.Create();
            using (var stream = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write))
            {
                using (var w = new Utf8JsonWriter(stream, Options)) write(w);
                stream.FlushFinalBlock();
            }
            return Hex(sha.Hash!);
        }

        internal static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
