using System;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// Thrown inside a loader's fast path (JSON items, YAML items) to give up on input it does not take; never
    /// escapes: the caller then reads the file through the general path, which reports any error exactly.
    /// </summary>
    internal sealed class GeneralPathNeeded : Exception
    {
        public static readonly GeneralPathNeeded Instance = new GeneralPathNeeded();
    }
}
