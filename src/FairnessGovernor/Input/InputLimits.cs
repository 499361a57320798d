using System;

namespace FairnessGovernor.Input
{
    /// <summary>Resource limits applied while reading input. Defaults are safe; raise them deliberately.</summary>
    public sealed class InputLimits
    {
        /// <summary>The default largest input file: 512 MiB.</summary>
        public const long DefaultMaxFileBytes = 512L * 1024 * 1024;

        /// <summary>The default deepest nesting: 64 levels.</summary>
        public const int DefaultMaxDepth = 64;

        /// <summary>The default most nodes YAML aliases may add: 100,000.</summary>
        public const int DefaultMaxAliasExpansion = 100_000;

        /// <summary>The default longest id: 1,024 UTF-16 code units.</summary>
        public const int DefaultMaxIdLength = 1024;

        /// <summary>
        /// The highest nesting limit that may be set: the readers recurse once per level, and this bound
        /// keeps that recursion far from any thread's stack size.
        /// </summary>
        public const int MaxDepthCeiling = 1000;

        /// <summary>The defaults: 512 MiB per file, nesting depth 64, 100,000 YAML alias expansions, ids of 1,024 characters.</summary>
        public static InputLimits Default { get; } = new InputLimits();

        /// <summary>Creates limits.</summary>
        /// <exception cref="ArgumentOutOfRangeException">
        /// <paramref name="maxFileBytes"/> below 1, <paramref name="maxDepth"/> outside 1 to <see cref="MaxDepthCeiling"/>,
        /// <paramref name="maxAliasExpansion"/> below 0 or <paramref name="maxIdLength"/> below 1.
        /// </exception>
        public InputLimits(long maxFileBytes = DefaultMaxFileBytes, int maxDepth = DefaultMaxDepth, int maxAliasExpansion = DefaultMaxAliasExpansion, int maxIdLength = DefaultMaxIdLength)
        {
            if (maxFileBytes < 1) throw new ArgumentOutOfRangeException(nameof(maxFileBytes), "The size limit must be at least 1 byte.");
            if (maxDepth < 1 || maxDepth > MaxDepthCeiling) throw new ArgumentOutOfRangeException(nameof(maxDepth), "The depth limit must be from 1 to " + MaxDepthCeiling + ".");
            if (maxAliasExpansion < 0) throw new ArgumentOutOfRangeException(nameof(maxAliasExpansion), "The alias expansion limit must be 0 or more.");
            if (maxIdLength < 1) throw new ArgumentOutOfRangeException(nameof(maxIdLength), "The id length limit must be at least 1.");
            MaxFileBytes = maxFileBytes;
            MaxDepth = maxDepth;
            MaxAliasExpansion = maxAliasExpansion;
            MaxIdLength = maxIdLength;
        }

        /// <summary>
        /// The defaults with any of the given limits replaced (null keeps the default): the form the
        /// cmdlets' -MaxInputBytes, -MaxDepth and -MaxAliasExpansion parameters take.
        /// </summary>
        public static InputLimits With(long? maxFileBytes = null, int? maxDepth = null, int? maxAliasExpansion = null) =>
            maxFileBytes == null && maxDepth == null && maxAliasExpansion == null
                ? Default
                : new InputLimits(maxFileBytes ?? DefaultMaxFileBytes, maxDepth ?? DefaultMaxDepth, maxAliasExpansion ?? DefaultMaxAliasExpansion);

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
