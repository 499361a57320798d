using System;
using System.Collections.Generic;

namespace FairnessGovernor.Input
{
    /// <summary>Builds a list item by item and refuses a repeated id (ordinal), naming both places (DuplicateId, SPEC.md 1.7).</summary>
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
