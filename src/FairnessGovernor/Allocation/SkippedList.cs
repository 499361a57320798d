using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// A decision's <see cref="AllocationDecision.Skipped"/> in explain mode (SPEC.md 6.4): the agents (and a blocking
    /// group) passed over, as <c>"&lt;agent id&gt;: &lt;why&gt;"</c> strings. A read-only list, so JSON writers emit an
    /// array and PowerShell enumerates, indexes and counts it; <see cref="ToString"/> joins the entries with "; " so
    /// text-only exports (Export-Csv calls ToString on every property) show them instead of a type name.
    /// </summary>
    public sealed class SkippedList : ReadOnlyCollection<string>
    {
        /// <summary>The separator <see cref="ToString"/> puts between entries.</summary>
        public const string Separator = "; ";

        /// <summary>The empty list (nothing was passed over).</summary>
        public static SkippedList Empty { get; } = new SkippedList(new string[0]);

        /// <summary>Wraps <paramref name="entries"/> (not copied: the caller hands it over).</summary>
        internal SkippedList(IList<string> entries) : base(entries)
        {
        }

        /// <summary>The entries joined with "; " (<see cref="Separator"/>); the empty string when there are none.</summary>
        public override string ToString() => string.Join(Separator, Items);
    }
}
