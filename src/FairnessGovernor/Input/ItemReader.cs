using System;
using System.Globalization;

namespace FairnessGovernor.Input
{
    /// <summary>Reads and checks the fields of one input item (a task, an agent, a policy; SPEC.md 1.3-1.7), by the rules of <see cref="InputRules"/>.</summary>
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
            var outcome = InputRules.Id(s, maxLength);
            if (outcome == InputRules.Outcome.Blank)
                throw Error("MissingId", field, "the id is empty or white space; expected a non-empty string.", v);
            if (outcome == InputRules.Outcome.TooLong)
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
            string expected = InputRules.ExpectedWhole(min, max);
            string? literal = NumberText(v);
            if (literal == null) throw Error("Invalid" + Pascal(field), field, expected + ", got " + v.Describe() + ".", v);
            switch (InputRules.Whole(literal, min, max, out long whole))
            {
                case InputRules.Outcome.Ok: return whole;
                case InputRules.Outcome.NotFinite: throw Error("Invalid" + Pascal(field), field, expected + ", got " + literal + " (not a finite number).", v);
                case InputRules.Outcome.Fraction: throw Error("Invalid" + Pascal(field), field, expected + ", got " + literal + " (a fraction).", v);
                default: throw Error("Invalid" + Pascal(field), field, expected + ", got " + literal + ".", v);
            }
        }

        /// <summary>A finite number from <paramref name="min"/> to <paramref name="max"/>, or null when absent.</summary>
        public double? ReadNumber(string field, double min, double max)
        {
            var v = Raw(field);
            if (v == null || v.Kind == InputValueKind.Null) return null;
            string expected = InputRules.ExpectedFinite(min, max);
            string? literal = NumberText(v);
            double d = 0;
            var outcome = literal == null ? InputRules.Outcome.NotANumber : InputRules.Finite(literal, min, max, out d);
            if (outcome == InputRules.Outcome.NotANumber)
                throw Error("Invalid" + Pascal(field), field, expected + ", got " + v.Describe() + ".", v);
            if (outcome != InputRules.Outcome.Ok)
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
