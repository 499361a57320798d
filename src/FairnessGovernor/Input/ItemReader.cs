using System;
using System.Globalization;

namespace FairnessGovernor.Input
{
    /// <summary>Reads and checks the fields of one input item (a task, an agent, a policy).</summary>
    internal sealed class ItemReader
    {
        private readonly InputValue _item;
        private readonly InputSource _source;
        private readonly string _label;
        private string? _id;

        public ItemReader(InputValue item, InputSource source, string label)
        {
            _item = item;
            _source = source;
            _label = label;
        }

        /// <summary>How the item is named in errors: tasks[3] (id 't4').</summary>
        public string Label => _id == null ? _label : _label + " (id '" + _id + "')";

        /// <summary>Checks that the item is an object; <paramref name="what"/> names the expected thing.</summary>
        public static void RequireObject(InputValue item, InputSource source, string label, string what)
        {
            if (item.Kind != InputValueKind.Object)
            {
                var id = item.Kind == InputValueKind.Null ? "NullItem" : "InvalidItem";
                throw new FairnessInputException(id, source.Name, label, null, "expected " + what + " (an object with an 'id'), got " + item.Describe() + ".", item.Line, item.Column);
            }
        }

        public FairnessInputException Error(string errorId, string field, string problem, InputValue? at)
        {
            var v = at ?? _item;
            return new FairnessInputException(errorId, _source.Name, Label, field, problem, v.Line, v.Column);
        }

        public string ReadId(string field, int maxLength)
        {
            var v = _item.Get(field);
            if (v == null || v.Kind == InputValueKind.Null)
                throw Error("MissingId", field, "the id is missing; expected a non-empty string.", v);
            if (v.Kind != InputValueKind.String)
                throw Error("InvalidId", field, "expected a non-empty string, got " + v.Describe() + ".", v);
            var s = v.Text!;
            if (s.Trim().Length == 0)
                throw Error("MissingId", field, "the id is empty or white space; expected a non-empty string.", v);
            if (s.Length > maxLength)
                throw Error("InvalidId", field, "the id is " + s.Length + " characters long; expected at most " + maxLength + ".", v);
            _id = s;
            return s;
        }

        public string? ReadString(string field)
        {
            var v = Raw(field);
            if (v == null || v.Kind == InputValueKind.Null) return null;
            if (v.Kind != InputValueKind.String) throw Error("Invalid" + Pascal(field), field, "expected a string, got " + v.Describe() + ".", v);
            return v.Text;
        }

        public bool? ReadBool(string field)
        {
            var v = Raw(field);
            if (v == null || v.Kind == InputValueKind.Null) return null;
            if (v.Kind == InputValueKind.Boolean) return v.Boolean;
            if (v.Kind == InputValueKind.String && _source.TextHoldsNumbers && v.Text != null)
            {
                var t = v.Text.Trim();
                if (string.Equals(t, "true", StringComparison.OrdinalIgnoreCase)) return true;
                if (string.Equals(t, "false", StringComparison.OrdinalIgnoreCase)) return false;
            }
            throw Error("Invalid" + Pascal(field), field, "expected true or false, got " + v.Describe() + ".", v);
        }

        /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null when absent.</summary>
        public long? ReadWhole(string field, long min, long max)
        {
            var v = Raw(field);
            if (v == null || v.Kind == InputValueKind.Null) return null;
            string expected = "expected a whole number from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture);
            string? literal = NumberText(v);
            if (literal == null) throw Error("Invalid" + Pascal(field), field, expected + ", got " + v.Describe() + ".", v);
            if (long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
            {
                if (whole < min || whole > max) throw Error("Invalid" + Pascal(field), field, expected + ", got " + literal + ".", v);
                return whole;
            }
            if (double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            {
                if (double.IsNaN(d) || double.IsInfinity(d)) throw Error("Invalid" + Pascal(field), field, expected + ", got " + literal + " (not a finite number).", v);
                if (d == Math.Floor(d) && d >= min && d <= max) return (long)d;
                if (d != Math.Floor(d)) throw Error("Invalid" + Pascal(field), field, expected + ", got " + literal + " (a fraction).", v);
            }
            throw Error("Invalid" + Pascal(field), field, expected + ", got " + literal + ".", v);
        }

        /// <summary>A finite number from <paramref name="min"/> to <paramref name="max"/>, or null when absent.</summary>
        public double? ReadNumber(string field, double min, double max)
        {
            var v = Raw(field);
            if (v == null || v.Kind == InputValueKind.Null) return null;
            string expected = "expected a finite number from " + min.ToString("R", CultureInfo.InvariantCulture) + " to " + max.ToString("R", CultureInfo.InvariantCulture);
            string? literal = NumberText(v);
            if (literal == null || !double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                throw Error("Invalid" + Pascal(field), field, expected + ", got " + v.Describe() + ".", v);
            if (double.IsNaN(d) || double.IsInfinity(d) || d < min || d > max)
                throw Error("Invalid" + Pascal(field), field, expected + ", got " + literal + ".", v);
            return d;
        }

        /// <summary>
        /// The field's value; null when absent. From an untyped source (Import-Csv rows), a blank string
        /// is absent too: an empty CSV cell means "not given".
        /// </summary>
        public InputValue? Raw(string field)
        {
            var v = _item.Get(field);
            if (v != null && _source.TextHoldsNumbers && v.Kind == InputValueKind.String && (v.Text == null || v.Text.Trim().Length == 0)) return null;
            return v;
        }

        private string? NumberText(InputValue v)
        {
            if (v.Kind == InputValueKind.Number) return v.Text;
            if (v.Kind == InputValueKind.String && _source.TextHoldsNumbers && v.Text != null)
            {
                var t = v.Text.Trim();
                if (t.Length > 0 && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return t;
            }
            return null;
        }

        internal static string Pascal(string snake)
        {
            var parts = snake.Split('_');
            var result = "";
            foreach (var p in parts)
                if (p.Length > 0) result += char.ToUpperInvariant(p[0]) + p.Substring(1);
            return result;
        }
    }
}
