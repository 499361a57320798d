using System;
using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Input
{
    /// <summary>Builds validated <see cref="FairTask"/>s from files or input values (SPEC.md 1.1, 1.3; the rules are <see cref="TaskRules"/>).</summary>
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
                if (pv.Kind != InputValueKind.String || !TaskRules.TryPriority(pv.Text, out priority))
                    throw r.Error(TaskRules.InvalidPriority, "priority", TaskRules.PriorityProblem(pv.Describe()), pv);
            }
            string? group = null;
            var gv = r.Raw("group");
            if (gv != null && gv.Kind != InputValueKind.Null)
            {
                if (gv.Kind != InputValueKind.String || !TaskRules.IsGroup(gv.Text!, limits.MaxIdLength))
                    throw r.Error(TaskRules.InvalidGroup, "group", TaskRules.GroupProblem(limits.MaxIdLength, gv.Describe()), gv);
                group = gv.Text;
            }
            var duration = r.ReadNumber("duration", TaskRules.MinDuration, TaskRules.MaxDuration) ?? FairTask.DefaultDuration;
            if (!TaskRules.IsDuration(duration))
                throw r.Error(TaskRules.InvalidDuration, "duration", TaskRules.DurationProblem(r.Raw("duration")!.Describe()), r.Raw("duration"));
            var arrival = r.ReadNumber("arrival", TaskRules.MinArrival, TaskRules.MaxArrival) ?? FairTask.DefaultArrival;
            return new FairTask(id, priority, group, duration, arrival);
        }
    }
}
