using System;
using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// Builds tasks and agents from host objects (for example PowerShell pipeline objects). Items that
    /// already are <see cref="FairTask"/> / <see cref="FairAgent"/> are taken as they are; others are
    /// turned into <see cref="InputValue"/>s by the caller's converter and checked by the same rules as
    /// files. Ids must be unique across the whole list.
    /// </summary>
    public static class ObjectItems
    {
        /// <summary>Tasks from objects.</summary>
        public static IReadOnlyList<FairTask> Tasks(IReadOnlyList<object?> items, InputSource source, Func<object?, InputValue> toValue, InputLimits? limits = null) =>
            Build(items, source, "tasks", toValue, (v, label) => TaskLoader.FromItem(v, source, label, limits), t => t.Id);

        /// <summary>Agents from objects.</summary>
        public static IReadOnlyList<FairAgent> Agents(IReadOnlyList<object?> items, InputSource source, Func<object?, InputValue> toValue, InputLimits? limits = null) =>
            Build(items, source, "agents", toValue, (v, label) => AgentLoader.FromItem(v, source, label, limits), a => a.Id);

        private static T[] Build<T>(IReadOnlyList<object?> items, InputSource source, string listName, Func<object?, InputValue> toValue, Func<InputValue, string, T> fromValue, Func<T, string> idOf)
            where T : class =>
            UniqueItems.Build(items.Count, listName, source, (i, label) => items[i] as T ?? fromValue(toValue(items[i]), label), idOf, _ => null);
    }

    /// <summary>Builds a list item by item and refuses a repeated id (ordinal), naming both places.</summary>
    internal static class UniqueItems
    {
        /// <summary>
        /// Makes <paramref name="count"/> items labelled <c>listName[i]</c>; <paramref name="idValueAt"/>
        /// gives the id's input value, for the position of a duplicate, or null when unknown.
        /// </summary>
        public static T[] Build<T>(int count, string listName, InputSource source, Func<int, string, T> make, Func<T, string> idOf, Func<int, InputValue?> idValueAt)
        {
            var result = new T[count];
            var seen = new Dictionary<string, int>(count, StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string label = listName + "[" + i + "]";
                result[i] = make(i, label);
                var id = idOf(result[i]);
                if (seen.TryGetValue(id, out int first))
                {
                    var at = idValueAt(i);
                    throw new FairnessInputException("DuplicateId", source.Name, label + " (id '" + id + "')", "id",
                        "the id is already used by " + listName + "[" + first + "]; " + listName.TrimEnd('s') + " ids must be unique.", at?.Line ?? 0, at?.Column ?? 0);
                }
                seen.Add(id, i);
            }
            return result;
        }
    }
}
