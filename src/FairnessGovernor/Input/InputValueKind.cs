namespace FairnessGovernor.Input
{
    /// <summary>The kinds of value an input document or object can hold (SPEC.md 1.6).</summary>
    public enum InputValueKind
    {
        /// <summary>null / ~ / absent value.</summary>
        Null,
        /// <summary>A string (a quoted YAML scalar, a JSON string, a .NET string).</summary>
        String,
        /// <summary>A number; <see cref="InputValue.Text"/> holds its literal.</summary>
        Number,
        /// <summary>true or false.</summary>
        Boolean,
        /// <summary>A mapping of string keys to values.</summary>
        Object,
        /// <summary>A sequence of values.</summary>
        Array,
    }
}
