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
}
