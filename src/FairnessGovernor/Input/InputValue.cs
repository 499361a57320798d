using System.Collections.Generic;
using System.Globalization;

namespace FairnessGovernor.Input
{

    /// <summary>
    /// One value read from a file or a pipeline object, with where it came from. Loaders for every
    /// input kind produce these; one set of validators turns them into the model.
    /// </summary>
    public sealed class InputValue
    {
        private InputValue(InputValueKind kind, string? text, bool boolean, IReadOnlyList<KeyValuePair<string, InputValue>>? properties, IReadOnlyList<InputValue>? items, int line, int column)
        {
            Kind = kind;
            Text = text;
            Boolean = boolean;
            Properties = properties;
            Items = items;
            Line = line;
            Column = column;
        }

        /// <summary>What kind of value this is.</summary>
        public InputValueKind Kind { get; }

        /// <summary>The string, or the number's literal text (invariant culture).</summary>
        public string? Text { get; }

        /// <summary>The value of a Boolean.</summary>
        public bool Boolean { get; }

        /// <summary>An object's properties in source order (duplicates already rejected).</summary>
        public IReadOnlyList<KeyValuePair<string, InputValue>>? Properties { get; }

        /// <summary>An array's items.</summary>
        public IReadOnlyList<InputValue>? Items { get; }

        /// <summary>1-based line where the value starts; 0 when unknown.</summary>
        public int Line { get; }

        /// <summary>1-based column where the value starts; 0 when unknown.</summary>
        public int Column { get; }

        /// <summary>A null value.</summary>
        public static InputValue Null(int line = 0, int column = 0) => new InputValue(InputValueKind.Null, null, false, null, null, line, column);

        /// <summary>A string value.</summary>
        public static InputValue String(string text, int line = 0, int column = 0) => new InputValue(InputValueKind.String, text, false, null, null, line, column);

        /// <summary>A number from its literal text.</summary>
        public static InputValue Number(string literal, int line = 0, int column = 0) => new InputValue(InputValueKind.Number, literal, false, null, null, line, column);

        /// <summary>A number from a .NET value.</summary>
        public static InputValue Number(double value, int line = 0, int column = 0) => Number(value.ToString("R", CultureInfo.InvariantCulture), line, column);

        /// <summary>A number from a .NET integer.</summary>
        public static InputValue Number(long value, int line = 0, int column = 0) => Number(value.ToString(CultureInfo.InvariantCulture), line, column);

        /// <summary>A Boolean value.</summary>
        public static InputValue Bool(bool value, int line = 0, int column = 0) => new InputValue(InputValueKind.Boolean, value ? "true" : "false", value, null, null, line, column);

        /// <summary>An object value.</summary>
        public static InputValue Object(IReadOnlyList<KeyValuePair<string, InputValue>> properties, int line = 0, int column = 0) => new InputValue(InputValueKind.Object, null, false, properties, null, line, column);

        /// <summary>An array value.</summary>
        public static InputValue Array(IReadOnlyList<InputValue> items, int line = 0, int column = 0) => new InputValue(InputValueKind.Array, null, false, null, items, line, column);

        /// <summary>
        /// The property named <paramref name="key"/>, or null: an exact (ordinal) match first, then one
        /// that differs only in case and underscores, so <c>max_skew_ratio</c> also finds <c>MaxSkewRatio</c>.
        /// </summary>
        public InputValue? Get(string key)
        {
            if (Properties == null) return null;
            for (int i = 0; i < Properties.Count; i++)
                if (string.Equals(Properties[i].Key, key, System.StringComparison.Ordinal)) return Properties[i].Value;
            var folded = Fold(key);
            for (int i = 0; i < Properties.Count; i++)
                if (string.Equals(Fold(Properties[i].Key), folded, System.StringComparison.OrdinalIgnoreCase)) return Properties[i].Value;
            return null;
        }

        private static string Fold(string key) => key.IndexOf('_') < 0 ? key : key.Replace("_", "");

        /// <summary>How the value reads in an error message: its kind and a short excerpt.</summary>
        public string Describe()
        {
            switch (Kind)
            {
                case InputValueKind.Null: return "null";
                case InputValueKind.Boolean: return Boolean ? "true" : "false";
                case InputValueKind.Number: return "number " + Excerpt(Text);
                case InputValueKind.String: return "string \"" + Excerpt(Text) + "\"";
                case InputValueKind.Object: return "an object";
                default: return "an array";
            }
        }

        private static string Excerpt(string? text)
        {
            if (text == null) return "";
            return text.Length <= 40 ? text : text.Substring(0, 40) + "...";
        }
    }
}
