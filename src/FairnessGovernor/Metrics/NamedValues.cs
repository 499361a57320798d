using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Text;
using FairnessGovernor.Canonical;

namespace FairnessGovernor.Metrics
{
    /// <summary>
    /// A read-only, ordered, string-keyed dictionary of numbers (per agent or per priority, SPEC.md 6.6) whose text is
    /// its entries, <c>agent-a=2; agent-b=3</c> (numbers as Python writes them), so Export-Csv writes a readable cell
    /// (SPEC.md 8.7) where an OrderedDictionary gives its type name. ConvertTo-Json writes an object, as for any dictionary.
    /// </summary>
    public sealed class NamedValues : IOrderedDictionary
    {
        private readonly OrderedDictionary _d;

        internal NamedValues(OrderedDictionary entries) => _d = entries.IsReadOnly ? entries : entries.AsReadOnly();

        /// <summary>The value of <paramref name="key"/>, or null when absent.</summary>
        public object? this[object key]
        {
            get => _d[key];
            set => throw ReadOnly();
        }

        /// <summary>The value at <paramref name="index"/>.</summary>
        public object? this[int index]
        {
            get => _d[index];
            set => throw ReadOnly();
        }

        /// <summary>How many entries.</summary>
        public int Count => _d.Count;

        /// <summary>The keys, in order.</summary>
        public ICollection Keys => _d.Keys;

        /// <summary>The values, in order.</summary>
        public ICollection Values => _d.Values;

        /// <summary>Always true.</summary>
        public bool IsReadOnly => true;

        /// <summary>Always true.</summary>
        public bool IsFixedSize => true;

        bool ICollection.IsSynchronized => false;

        object ICollection.SyncRoot => _d;

        /// <summary>Whether <paramref name="key"/> is present.</summary>
        public bool Contains(object key) => _d.Contains(key);

        /// <summary>The entries in order.</summary>
        public IDictionaryEnumerator GetEnumerator() => _d.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _d.GetEnumerator();

        void ICollection.CopyTo(Array array, int index) => _d.CopyTo(array, index);

        void IDictionary.Add(object key, object? value) => throw ReadOnly();

        void IDictionary.Clear() => throw ReadOnly();

        void IDictionary.Remove(object key) => throw ReadOnly();

        void IOrderedDictionary.Insert(int index, object key, object? value) => throw ReadOnly();

        void IOrderedDictionary.RemoveAt(int index) => throw ReadOnly();

        /// <inheritdoc />
        public override string ToString()
        {
            var sb = new StringBuilder();
            foreach (DictionaryEntry e in _d)
            {
                if (sb.Length > 0) sb.Append("; ");
                sb.Append(e.Key).Append('=').Append(Text(e.Value));
            }
            return sb.ToString();
        }

        private static string Text(object? value) => value switch
        {
            double d => PythonNumber.Format(d),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            null => "",
            _ => value.ToString() ?? "",
        };

        private static NotSupportedException ReadOnly() => new NotSupportedException("The collection is read-only.");
    }
}
