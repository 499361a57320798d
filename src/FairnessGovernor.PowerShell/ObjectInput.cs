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

        /// <summary>The source description for objects given to <paramref name="parameterName"/>.</summary>
        public static InputSource Source(string parameterName) => new InputSource("-" + parameterName + " objects", false, true);

        public static InputValue ToValue(object? value) => ToValue(value, 0);

        private static InputValue ToValue(object? value, int depth)
        {
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
                case IDictionary dict: return FromDictionary(dict, depth);
                case IEnumerable seq: return FromSequence(seq, depth);
            }
            return InputValue.String(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
        }

        private static InputValue FromDictionary(IDictionary dict, int depth)
        {
            if (depth >= MaxDepth) return InputValue.String("(nested too deep)");
            var props = new List<KeyValuePair<string, InputValue>>();
            foreach (DictionaryEntry entry in dict)
                props.Add(new KeyValuePair<string, InputValue>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", ToValue(entry.Value, depth + 1)));
            return InputValue.Object(props);
        }

        private static InputValue FromSequence(IEnumerable seq, int depth)
        {
            if (depth >= MaxDepth) return InputValue.String("(nested too deep)");
            var items = new List<InputValue>();
            foreach (var item in seq) items.Add(ToValue(item, depth + 1));
            return InputValue.Array(items);
        }

        private static InputValue FromProperties(PSObject pso, int depth)
        {
            if (depth >= MaxDepth) return InputValue.String("(nested too deep)");
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
            return FromProperties(value as PSObject ?? PSObject.AsPSObject(value), 0);
        }
    }
}
