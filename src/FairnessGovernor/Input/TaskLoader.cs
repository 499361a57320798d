using System;
using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Input
{
    /// <summary>Builds validated <see cref="FairTask"/>s from files or input values.</summary>
    public static class TaskLoader
    {
        /// <summary>Reads a task file: a JSON/YAML array of tasks, or an object with a 'tasks' array.</summary>
        public static IReadOnlyList<FairTask> FromFile(string path, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            if (JsonItemStream.Applies(path) && JsonItemStream.TryTasks(path, limits) is IReadOnlyList<FairTask> fast) return fast;
            if (InputFile.FormatOf(path) == "yaml")
            {
                // The file is read once: streamed when its root is a sequence, otherwise parsed whole from the same bytes.
                var bytes = InputFile.ReadBytes(path, limits);
                return TryYamlStream(bytes, path, limits) ?? FromDocument(YamlDocumentReader.Read(bytes, path, limits), new InputSource(path, true, false), limits);
            }
            return FromDocument(InputFile.Read(path, limits), new InputSource(path, true, false), limits);
        }

        /// <summary><see cref="TryYamlStream(byte[], string, InputLimits)"/> on the file at <paramref name="path"/>; null when it cannot be read either.</summary>
        internal static IReadOnlyList<FairTask>? TryYamlStream(string path, InputLimits limits)
        {
            byte[] bytes;
            try { bytes = InputFile.ReadBytes(path, limits); }
            catch (Exception) { return null; }
            return TryYamlStream(bytes, path, limits);
        }

        /// <summary>
        /// A YAML task file whose root is a sequence, each task built as soon as its mapping is read (no tree of the
        /// whole file is kept: that tree, not the parsing, made YAML loading slow). Null on anything unusual or
        /// wrong, including every error: the general path then parses the same bytes and reports it, so errors, their
        /// order and their positions are those of the general path.
        /// </summary>
        internal static IReadOnlyList<FairTask>? TryYamlStream(byte[] bytes, string path, InputLimits limits)
        {
            try
            {
                var text = TextDecoding.ToText(bytes, path);
                var source = new InputSource(path, true, false);
                var tasks = new List<FairTask>();
                var ids = new HashSet<string>(StringComparer.Ordinal);
                bool whole = YamlDocumentReader.TryStreamItems(text, path, limits, item =>
                {
                    var task = FromItem(item, source, "tasks[" + tasks.Count + "]", limits);
                    if (!ids.Add(task.Id)) throw GeneralPathNeeded.Instance; // DuplicateId: the general path reports it
                    tasks.Add(task);
                });
                return whole ? tasks : null;
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <summary>Builds tasks from a parsed document.</summary>
        public static IReadOnlyList<FairTask> FromDocument(InputValue root, InputSource source, InputLimits? limits = null) =>
            FromItems(ItemList.Of(root, source, "tasks", "tasks"), source, limits);

        /// <summary>Builds tasks from items (objects), checking every rule and that ids are unique.</summary>
        public static IReadOnlyList<FairTask> FromItems(IReadOnlyList<InputValue> items, InputSource source, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            var l = limits;
            return UniqueItems.Build(items.Count, "tasks", source, (i, label) => FromItem(items[i], source, label, l), t => t.Id, i => items[i].Get("id"));
        }

        /// <summary>Builds one task from an object value.</summary>
        public static FairTask FromItem(InputValue item, InputSource source, string label, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            ItemReader.RequireObject(item, source, label, "a task");
            var r = new ItemReader(item, source, label);
            var id = r.ReadId("id", limits.MaxIdLength);
            var priority = TaskPriority.Normal;
            var pv = r.Raw("priority");
            if (pv != null && pv.Kind != InputValueKind.Null)
            {
                if (pv.Kind != InputValueKind.String || !TaskPriorityNames.TryParse(pv.Text, out priority))
                    throw r.Error("InvalidPriority", "priority", "expected high, normal or low, got " + pv.Describe() + ".", pv);
            }
            string? group = null;
            var gv = r.Raw("group");
            if (gv != null && gv.Kind != InputValueKind.Null)
            {
                if (gv.Kind != InputValueKind.String || gv.Text!.Trim().Length == 0 || gv.Text.Length > limits.MaxIdLength)
                    throw r.Error("InvalidGroup", "group", "expected a non-empty string of at most " + limits.MaxIdLength + " characters, got " + gv.Describe() + ".", gv);
                group = gv.Text;
            }
            var duration = r.ReadNumber("duration", 0, double.MaxValue) ?? FairTask.DefaultDuration;
            if (duration <= 0)
                throw r.Error("InvalidDuration", "duration", "expected a finite number greater than 0, got " + r.Raw("duration")!.Describe() + ".", r.Raw("duration"));
            var arrival = r.ReadNumber("arrival", 0, double.MaxValue) ?? FairTask.DefaultArrival;
            return new FairTask(id, priority, group, duration, arrival);
        }
    }

    /// <summary>Builds validated <see cref="FairAgent"/>s from files or input values.</summary>
    public static class AgentLoader
    {
        /// <summary>Reads an agent file: a JSON/YAML array of agents, or an object with an 'agents' array.</summary>
        public static IReadOnlyList<FairAgent> FromFile(string path, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            if (JsonItemStream.Applies(path) && JsonItemStream.TryAgents(path, limits) is IReadOnlyList<FairAgent> fast) return fast;
            var source = new InputSource(path, true, false);
            return FromDocument(InputFile.Read(path, limits), source, limits);
        }

        /// <summary>Builds agents from a parsed document.</summary>
        public static IReadOnlyList<FairAgent> FromDocument(InputValue root, InputSource source, InputLimits? limits = null) =>
            FromItems(ItemList.Of(root, source, "agents", "agents"), source, limits);

        /// <summary>Builds agents from items (objects), checking every rule and that ids are unique.</summary>
        public static IReadOnlyList<FairAgent> FromItems(IReadOnlyList<InputValue> items, InputSource source, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            var l = limits;
            return UniqueItems.Build(items.Count, "agents", source, (i, label) => FromItem(items[i], source, label, l), a => a.Id, i => items[i].Get("id"));
        }

        /// <summary>Builds one agent from an object value.</summary>
        public static FairAgent FromItem(InputValue item, InputSource source, string label, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            ItemReader.RequireObject(item, source, label, "an agent");
            var r = new ItemReader(item, source, label);
            var id = r.ReadId("id", limits.MaxIdLength);
            var weight = r.ReadWhole("weight", 0, FairAgent.MaxWeight) ?? 1;
            var capacity = r.ReadWhole("capacity", 0, FairAgent.MaxWeight);
            var maxShare = r.ReadNumber("max_share", 0, 1);
            return new FairAgent(id, (int)weight, capacity.HasValue ? (int?)capacity.Value : null, maxShare);
        }
    }

    /// <summary>Builds a validated <see cref="FairnessPolicy"/> from a file or an input value.</summary>
    public static class PolicyLoader
    {
        /// <summary>Reads a policy file: a JSON/YAML object (optionally wrapped as {"policy": {...}}).</summary>
        public static FairnessPolicy FromFile(string path, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            return FromDocument(InputFile.Read(path, limits), new InputSource(path, true, false), limits);
        }

        /// <summary>Builds the policy from a parsed document or object value.</summary>
        public static FairnessPolicy FromDocument(InputValue root, InputSource source, InputLimits? limits = null)
        {
            if (root.Kind == InputValueKind.Object && root.Get("policy_id") == null)
            {
                var inner = root.Get("policy");
                if (inner != null && inner.Kind == InputValueKind.Object) root = inner;
                else if (inner != null && inner.Kind != InputValueKind.Null)
                    throw new FairnessInputException("InvalidDocumentShape", source.Name, null, "policy", "expected a policy object under 'policy', got " + inner.Describe() + ".", inner.Line, inner.Column);
            }
            if (root.Kind != InputValueKind.Object)
                throw new FairnessInputException("InvalidDocumentShape", source.Name, null, null, "expected a policy object, got " + root.Describe() + ".", root.Line, root.Column);
            var r = new ItemReader(root, source, "policy");
            var idValue = r.Raw("policy_id");
            string policyId = FairnessPolicy.DefaultPolicyId;
            if (idValue != null && idValue.Kind != InputValueKind.Null)
                policyId = r.ReadId("policy_id", (limits ?? InputLimits.Default).MaxIdLength);
            var respect = r.ReadBool("respect_priority") ?? true;
            var maxSkew = r.ReadNumber("max_skew_ratio", 1, FairnessPolicy.MaxMaxSkewRatio) ?? FairnessPolicy.DefaultMaxSkewRatio;
            string strategy = FairnessStrategies.WeightedRoundRobin;
            var sv = r.Raw("strategy");
            if (sv != null && sv.Kind != InputValueKind.Null)
            {
                if (sv.Kind != InputValueKind.String || !FairnessStrategies.TryParse(sv.Text, out strategy))
                    throw r.Error("InvalidStrategy", "strategy", "expected one of " + string.Join(", ", FairnessStrategies.All) + ", got " + sv.Describe() + ".", sv);
            }
            var maxBypass = r.ReadWhole("max_bypass", 0, int.MaxValue);
            List<KeyValuePair<string, int>>? quotas = null;
            var qv = r.Raw("group_quotas");
            if (qv != null && qv.Kind != InputValueKind.Null)
            {
                if (qv.Kind != InputValueKind.Object)
                    throw r.Error("InvalidGroupQuotas", "group_quotas", "expected an object of group names to whole numbers from 0 to 2147483647, got " + qv.Describe() + ".", qv);
                quotas = new List<KeyValuePair<string, int>>();
                var groups = new HashSet<string>(StringComparer.Ordinal);
                foreach (var kv in qv.Properties!)
                {
                    // Files cannot repeat a key (DuplicateKey), but host dictionaries can once keys become text (1 and "1").
                    if (!groups.Add(kv.Key))
                        throw r.Error("InvalidGroupQuotas", "group_quotas", "group '" + kv.Key + "' is given twice; each group may have one quota.", kv.Value);
                    var qr = new ItemReader(qv, source, "policy");
                    long? limit;
                    try { limit = qr.ReadWhole(kv.Key, 0, int.MaxValue); }
                    catch (FairnessInputException)
                    {
                        throw r.Error("InvalidGroupQuotas", "group_quotas", "group '" + kv.Key + "': expected a whole number from 0 to 2147483647, got " + kv.Value.Describe() + ".", kv.Value);
                    }
                    if (limit == null)
                        throw r.Error("InvalidGroupQuotas", "group_quotas", "group '" + kv.Key + "': expected a whole number from 0 to 2147483647, got null.", kv.Value);
                    if (kv.Key.Trim().Length == 0)
                        throw r.Error("InvalidGroupQuotas", "group_quotas", "a group name must not be empty or white space.", kv.Value);
                    quotas.Add(new KeyValuePair<string, int>(kv.Key, (int)limit.Value));
                }
            }
            return new FairnessPolicy(policyId, respect, maxSkew, strategy, maxBypass.HasValue ? (int?)maxBypass.Value : null, quotas);
        }
    }
}
