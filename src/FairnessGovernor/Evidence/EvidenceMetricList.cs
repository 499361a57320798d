using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// An evidence line's extra metrics (SPEC.md 5.1), in line order: a read-only list of <see cref="EvidenceMetric"/>
    /// for .NET code, and a read-only dictionary name -> value for PowerShell (<c>$entry.ExtraMetrics.gini</c>), so
    /// ConvertTo-Json writes an object of numbers (no depth warning) and Export-Csv the text
    /// <c>weighted_skew_ratio=2.0; max_abs_lag=0.5; ...</c> (SPEC.md 8.7).
    /// </summary>
    public sealed class EvidenceMetricList : IReadOnlyList<EvidenceMetric>, IDictionary
    {
        internal static readonly EvidenceMetricList Empty = new EvidenceMetricList(new EvidenceMetric[0]);

        private readonly EvidenceMetric[] _items;

        internal EvidenceMetricList(EvidenceMetric[] items) => _items = items;

        /// <summary>The metric at <paramref name="index"/>.</summary>
        public EvidenceMetric this[int index] => _items[index];

        /// <summary>How many metrics.</summary>
        public int Count => _items.Length;

        /// <summary>The metrics in line order.</summary>
        public IEnumerator<EvidenceMetric> GetEnumerator() => ((IEnumerable<EvidenceMetric>)_items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        internal EvidenceMetric[] ToArray() => (EvidenceMetric[])_items.Clone();

        /// <inheritdoc />
        public override string ToString()
        {
            var sb = new StringBuilder();
            foreach (var m in _items)
            {
                if (sb.Length > 0) sb.Append("; ");
                sb.Append(m.ToString());
            }
            return sb.ToString();
        }

        // The dictionary view (name -> value), for PowerShell.
        object? IDictionary.this[object key]
        {
            get
            {
                foreach (var m in _items) if (string.Equals(m.Name, key as string, StringComparison.Ordinal)) return m.Value;
                return null;
            }
            set => throw ReadOnly();
        }

        ICollection IDictionary.Keys => Array.ConvertAll(_items, m => m.Name);

        ICollection IDictionary.Values => Array.ConvertAll(_items, m => m.Value);

        bool IDictionary.IsReadOnly => true;

        bool IDictionary.IsFixedSize => true;

        bool ICollection.IsSynchronized => false;

        object ICollection.SyncRoot => _items;

        bool IDictionary.Contains(object key) => ((IDictionary)this)[key] != null;

        IDictionaryEnumerator IDictionary.GetEnumerator()
        {
            var d = new System.Collections.Specialized.OrderedDictionary(_items.Length, StringComparer.Ordinal);
            foreach (var m in _items) d[m.Name] = m.Value;
            return d.GetEnumerator();
        }

        void ICollection.CopyTo(Array array, int index)
        {
            for (int i = 0; i < _items.Length; i++) array.SetValue(new DictionaryEntry(_items[i].Name, _items[i].Value), index + i);
        }

        void IDictionary.Add(object key, object? value) => throw ReadOnly();

        void IDictionary.Clear() => throw ReadOnly();

        void IDictionary.Remove(object key) => throw ReadOnly();

        private static NotSupportedException ReadOnly() => new NotSupportedException("The collection is read-only.");
    }
}
