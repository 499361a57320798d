using System;
using System.Text.RegularExpressions;

namespace FairnessGovernor.Evidence
{
    /// <summary>
    /// An extra numeric field of an evidence line (e.g. a weighted metric), written after
    /// <c>unassigned_count</c> in the order given, as Python writes a float.
    /// </summary>
    public sealed class EvidenceMetric
    {
        private static readonly Regex NamePattern = new Regex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant);

        /// <summary>Creates a metric; <paramref name="name"/> is lower-case snake_case (a-z, 0-9, _; at most 64 characters) and not a field of the line already; <paramref name="value"/> is finite.</summary>
        public EvidenceMetric(string name, double value)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            if (!NamePattern.IsMatch(name)) throw new ArgumentException("An evidence metric name is lower-case snake_case (a-z, 0-9, _), starts with a letter, at most 64 characters: '" + name + "'.", nameof(name));
            if (EvidenceFormat.IsReservedName(name)) throw new ArgumentException("'" + name + "' is a field of every evidence line and cannot be an extra metric.", nameof(name));
            if (double.IsNaN(value) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), "An evidence metric must be finite.");
            Name = name;
            Value = value;
        }

        private EvidenceMetric(string name, double value, bool unchecked_)
        {
            Name = name;
            Value = value;
        }

        /// <summary>A metric read from a line, whatever its name.</summary>
        internal static EvidenceMetric Unchecked(string name, double value) => new EvidenceMetric(name, value, true);

        /// <summary>The field name.</summary>
        public string Name { get; }

        /// <summary>The value.</summary>
        public double Value { get; }

        /// <inheritdoc />
        public override string ToString() => Name + "=" + Canonical.PythonNumber.Format(Value);
    }
}
