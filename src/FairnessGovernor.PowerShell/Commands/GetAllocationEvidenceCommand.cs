using System;
using System.Management.Automation;
using FairnessGovernor.Errors;
using FairnessGovernor.Evidence;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads an evidence log back as entry objects, oldest first.</para>
    /// <para>SPEC.md 8.5: each file streamed in order, filtered by policy id and time.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AllocationEvidence", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.Evidence.EvidenceEntry")]
    public sealed class GetAllocationEvidenceCommand : FairnessCmdlet
    {
        /// <summary>Evidence log paths; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Evidence log paths taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "LiteralPath", ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        /// <summary>A PostgreSQL store from New-FairnessStore: its chains, one policy after another (SPEC.md 10); LineNumber is the entry's number in its chain.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Store")]
        public object? Store { get; set; }

        /// <summary>Only entries of this policy id (wildcards allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PolicyId { get; set; }

        /// <summary>Only entries logged after this time (UTC when it has no zone; a local time is converted).</summary>
        [Parameter]
        public DateTime? After { get; set; }

        /// <summary>Only entries logged before this time (UTC when it has no zone; a local time is converted).</summary>
        [Parameter]
        public DateTime? Before { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == "LiteralPath";
            var pattern = PolicyId == null ? null : new WildcardPattern(PolicyId, WildcardOptions.IgnoreCase);
            // The engine reads a zone-less time as UTC and converts a local one (SPEC.md 5.6); ToUniversalTime here would
            // read a zone-less time as local.
            var options = new EvidenceReadOptions { After = After, Before = Before };
            if (ParameterSetName == "Store")
            {
                DateTime? after = Utc(After), before = Utc(Before);
                try
                {
                    foreach (var entry in StoreCommands.Entries(this, Store!, pattern))
                        if ((after == null || entry.Timestamp > after) && (before == null || entry.Timestamp < before)) WriteObject(entry);
                }
                catch (FairnessException ex)
                {
                    ThrowEngineError(ex);
                }
                return;
            }
            foreach (var p in literal ? LiteralPath : Path)
            {
                foreach (var file in ResolvePaths(p, literal, literal ? "LiteralPath" : "Path", mustExist: true))
                {
                    try
                    {
                        foreach (var entry in EvidenceReader.Read(file, options))
                            if (pattern == null || pattern.IsMatch(entry.PolicyId)) WriteObject(entry);
                    }
                    catch (FairnessException ex)
                    {
                        ThrowEngineError(ex, file);
                    }
                }
            }
        }

        /// <summary>As the engine reads -After/-Before (SPEC.md 5.6): UTC as is, a local time converted, a zone-less one taken as UTC.</summary>
        private static DateTime? Utc(DateTime? t)
        {
            if (!t.HasValue) return null;
            var v = t.Value;
            return v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc);
        }
    }
}
