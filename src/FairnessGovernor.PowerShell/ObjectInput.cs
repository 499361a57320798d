using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using FairnessGovernor.Input;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// Turns PowerShell objects (hashtables, PSCustomObjects, Import-Csv rows, .NET objects) into the
    /// engine's <see cref="InputValue"/> so one set of validators checks files and objects alike.
    /// No validation happens here.
    /// </summary>
    internal static class ObjectInput
    {
        private const int MaxDepth = 32;

        // Host objects may share or contain themselves ($h.a = $h; $h.b = $h): a container already being
        // converted on the current path is a cycle, and each item converts at most this many nodes, so
        // conversion always ends. What is cut off becomes a marker string, which the engine then refuses
        // if the field matters (and ignores under unknown keys).
        private const int MaxNodes = 1_000_000;

        [ThreadStatic] private static HashSet<object>? _path;
        [ThreadStatic] private static int _nodes;

        /// <summary>The source description for objects given to <paramref name="parameterName"/>.</summary>
        public static InputSource Source(string parameterName) => new InputSource("-" + parameterName + " objects", false, true);

        public static InputValue ToValue(object? value)
        {
            _nodes = 0;
            return ToValue(value, 0);
        }

        private static InputValue ToValue(object? value, int depth)
        {
            if (++_nodes > MaxNodes) return InputValue.String("(too many nested values)");
            if (value is PSObject pso)
            {
                if (pso.BaseObject is PSCustomObject) return FromProperties(pso, depth);
                value = pso.BaseObject;
            }
            switch (value)
            {
                case null: return InputValue.Null();
                case string s: return InputValue.String(s);
                case char c: return InputValue.String(c.ToString());
                case bool b: return InputValue.Bool(b);
                case SwitchParameter sw: return InputValue.Bool(sw.IsPresent);
                case sbyte _: case byte _: case short _: case ushort _: case int _: case uint _: case long _:
                    return InputValue.Number(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                case ulong ul: return InputValue.Number(ul.ToString(CultureInfo.InvariantCulture));
                case float f: return InputValue.Number((double)f);
                case double d: return InputValue.Number(d);
                case decimal m: return InputValue.Number(m.ToString(CultureInfo.InvariantCulture));
                case Enum e: return InputValue.String(e.ToString());
                case TimeSpan span: return InputValue.String(System.Xml.XmlConvert.ToString(span)); // ISO 8601 (usage_half_life)
                case IDictionary dict: return FromDictionary(dict, depth);
                case IEnumerable seq: return FromSequence(seq, depth);
            }
            return InputValue.String(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
        }

        private static InputValue FromDictionary(IDictionary dict, int depth)
        {
            if (depth >= MaxDepth) return InputValue.String("(nested too deep)");
            var path = _path ??= new HashSet<object>(ReferenceComparer.Instance);
            if (!path.Add(dict)) return InputValue.String("(refers to itself)");
            try
            {
                return FromDictionaryCore(dict, depth);
            }
            finally
            {
                path.Remove(dict);
            }
        }

        private static InputValue FromDictionaryCore(IDictionary dict, int depth)
        {
            var props = new List<KeyValuePair<string, InputValue>>();
            foreach (DictionaryEntry entry in dict)
                props.Add(new KeyValuePair<string, InputValue>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", ToValue(entry.Value, depth + 1)));
            return InputValue.Object(props);
        }

        private static InputValue FromSequence(IEnumerable seq, int depth)
        {
            if (depth >= MaxDepth) return InputValue.String("(nested too deep)");
            var path = _path ??= new HashSet<object>(ReferenceComparer.Instance);
            if (!path.Add(seq)) return InputValue.String("(refers to itself)");
            try
            {
                return FromSequenceCore(seq, depth);
            }
            finally
            {
                path.Remove(seq);
            }
        }

        private static InputValue FromSequenceCore(IEnumerable seq, int depth)
        {
            var items = new List<InputValue>();
            foreach (var item in seq) items.Add(ToValue(item, depth + 1));
            return InputValue.Array(items);
        }

        private static InputValue FromProperties(PSObject pso, int depth)
        {
            if (depth >= MaxDepth) return InputValue.String("(nested too deep)");
            var path = _path ??= new HashSet<object>(ReferenceComparer.Instance);
            // Every PSCustomObject shares one BaseObject, so its identity is the PSObject itself.
            object identity = pso.BaseObject is PSCustomObject ? pso : pso.BaseObject;
            if (!path.Add(identity)) return InputValue.String("(refers to itself)");
            try
            {
                return FromPropertiesCore(pso, depth);
            }
            finally
            {
                path.Remove(identity);
            }
        }

        private static InputValue FromPropertiesCore(PSObject pso, int depth)
        {
            var props = new List<KeyValuePair<string, InputValue>>();
            foreach (var p in pso.Properties)
            {
                if (!p.IsGettable) continue;
                object? v;
                try { v = p.Value; }
                catch (GetValueException) { continue; }
                props.Add(new KeyValuePair<string, InputValue>(p.Name, ToValue(v, depth + 1)));
            }
            return InputValue.Object(props);
        }

        /// <summary>
        /// An item object: a .NET object that is neither a dictionary nor a PSCustomObject is read through
        /// its public properties (so the module's own types and any record type work).
        /// </summary>
        public static InputValue ToItem(object? value)
        {
            var v = value is PSObject p ? p.BaseObject : value;
            if (v == null || v is string || v is IDictionary || v is PSCustomObject || v is ValueType || v is IEnumerable)
                return ToValue(value);
            _nodes = 0;
            return FromProperties(value as PSObject ?? PSObject.AsPSObject(value), 0);
        }

        private sealed class ReferenceComparer : IEqualityComparer<object>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

            public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
