namespace FairnessGovernor.Input
{
    /// <summary>Resource limits applied while reading input. Defaults are safe; raise them deliberately.</summary>
    public sealed class InputLimits
    {
        /// <summary>The defaults: 512 MiB per file, nesting depth 64, 100,000 YAML alias expansions, ids of 1,024 characters.</summary>
        public static InputLimits Default { get; } = new InputLimits();

        /// <summary>Creates limits.</summary>
        public InputLimits(long maxFileBytes = 512L * 1024 * 1024, int maxDepth = 64, int maxAliasExpansion = 100_000, int maxIdLength = 1024)
        {
            MaxFileBytes = maxFileBytes;
            MaxDepth = maxDepth;
            MaxAliasExpansion = maxAliasExpansion;
            MaxIdLength = maxIdLength;
        }

        /// <summary>The largest input file read, in bytes.</summary>
        public long MaxFileBytes { get; }

        /// <summary>The deepest nesting of arrays and objects accepted.</summary>
        public int MaxDepth { get; }

        /// <summary>The most nodes that YAML aliases may add in total.</summary>
        public int MaxAliasExpansion { get; }

        /// <summary>The longest id accepted, in UTF-16 code units.</summary>
        public int MaxIdLength { get; }
    }
}
