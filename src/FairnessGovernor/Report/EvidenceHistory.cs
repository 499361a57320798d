using System;
using System.Collections.Generic;
using FairnessGovernor.Evidence;

namespace FairnessGovernor.Report
{
    /// <summary>The runs of an evidence log the report's history section draws (SPEC.md 9.2), oldest first.</summary>
    public sealed class EvidenceHistory
    {
        /// <summary>The entries read (already selected); <paramref name="source"/> names the log (a file name), <paramref name="selection"/> the filters in words, or null.</summary>
        public EvidenceHistory(string source, IReadOnlyList<EvidenceEntry> entries, string? selection = null)
        {
            Source = source ?? throw new ArgumentNullException(nameof(source));
            Entries = entries ?? throw new ArgumentNullException(nameof(entries));
            Selection = selection;
        }

        /// <summary>The log's name.</summary>
        public string Source { get; }

        /// <summary>The selected entries, oldest first.</summary>
        public IReadOnlyList<EvidenceEntry> Entries { get; }

        /// <summary>The selection (policy id, time bounds) in words; null when every entry was taken.</summary>
        public string? Selection { get; }
    }
}
