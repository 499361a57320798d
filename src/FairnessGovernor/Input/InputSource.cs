namespace FairnessGovernor.Input
{
    /// <summary>Names where input came from, for error messages and evidence.</summary>
    public sealed class InputSource
    {
        /// <summary>Creates a source description.</summary>
        /// <param name="name">A file path, or a phrase such as "-Agent objects".</param>
        /// <param name="isFile">True when <paramref name="name"/> is a file path.</param>
        /// <param name="textHoldsNumbers">
        /// True for untyped sources (Import-Csv rows, pipeline strings): a string that spells a number or
        /// a Boolean is taken as one. JSON and YAML files are typed, so this is false for them.
        /// </param>
        public InputSource(string name, bool isFile, bool textHoldsNumbers)
        {
            Name = name;
            IsFile = isFile;
            TextHoldsNumbers = textHoldsNumbers;
        }

        /// <summary>The file path or a description of the objects.</summary>
        public string Name { get; }

        /// <summary>True when <see cref="Name"/> is a file path.</summary>
        public bool IsFile { get; }

        /// <summary>True when strings may stand for numbers and Booleans.</summary>
        public bool TextHoldsNumbers { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
