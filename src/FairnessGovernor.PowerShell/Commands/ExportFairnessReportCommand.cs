using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using FairnessGovernor.Allocation;
using FairnessGovernor.Errors;
using FairnessGovernor.Evidence;
using FairnessGovernor.Report;
using FairnessGovernor.State;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes one self-contained HTML fairness report: runs from the pipeline, an evidence log's history, a state.</para>
    /// <para>SPEC.md 9: the cmdlet gathers the input; the engine draws the report; the file is written atomically.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "FairnessReport", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportFairnessReportCommand : FairnessCmdlet
    {
        private readonly List<ReportGroup> _groups = new List<ReportGroup>();
        private readonly Dictionary<object, ReportGroup> _byRun = new Dictionary<object, ReportGroup>(ReferenceComparer.Instance);

        /// <summary>Decisions from Invoke-FairAllocation (a batch run or -Stream).</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The HTML file to write (taken literally; replaced atomically when it exists).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("PSPath", "LiteralPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>An evidence log whose runs the report charts over time.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EvidencePath { get; set; }

        /// <summary>With -EvidencePath: only entries of this policy id (wildcards allowed, case-insensitive).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PolicyId { get; set; }

        /// <summary>With -EvidencePath: only entries logged after this time (UTC when it has no zone).</summary>
        [Parameter]
        public DateTime? After { get; set; }

        /// <summary>With -EvidencePath: only entries logged before this time (UTC when it has no zone).</summary>
        [Parameter]
        public DateTime? Before { get; set; }

        /// <summary>A state file (Invoke-FairAllocation -StatePath) whose cumulative counts the report shows.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        /// <summary>The page's title (default "Fairness report").</summary>
        [Parameter]
        public string? Title { get; set; }

        /// <summary>The time the report names as its making (default: now); pin it for byte-identical reports.</summary>
        [Parameter]
        public DateTime? GeneratedAt { get; set; }

        /// <summary>Emit the written file's FileInfo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (EvidencePath == null && (PolicyId != null || After.HasValue || Before.HasValue))
                Stop("ReportFilterWithoutEvidence", "-PolicyId, -After and -Before select evidence entries; they go with -EvidencePath.", ErrorCategory.InvalidArgument);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            if (!(InputObject.BaseObject is AllocationDecision decision))
            {
                Stop("ReportNeedsDecisions", "Export-FairnessReport takes decisions from Invoke-FairAllocation; got " + InputObject.BaseObject.GetType().FullName +
                    ". Decisions read back from CSV or JSON no longer carry their run's agents and policy.", ErrorCategory.InvalidArgument, InputObject);
                return;
            }
            object key = (object?)decision.GetStream() ?? decision.GetRun()!;
            if (!_byRun.TryGetValue(key, out var group))
            {
                group = decision.GetStream() is AllocationStream s ? new ReportGroup(s) : new ReportGroup(decision.GetRun()!);
                _byRun.Add(key, group);
                _groups.Add(group);
            }
            try
            {
                group.Add(decision);
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex, InputObject);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (_groups.Count == 0 && EvidencePath == null && StatePath == null)
                Stop("ReportNeedsInput", "Nothing to report: pipe decisions from Invoke-FairAllocation, or give -EvidencePath or -StatePath.", ErrorCategory.InvalidArgument);
            var path = ResolvePaths(Path, true, "Path", mustExist: false)[0];
            if (Directory.Exists(path))
                Stop("ReportPathIsDirectory", "-Path '" + path + "' is a directory; expected a file path.", ErrorCategory.InvalidArgument, path);

            // Everything is read and drawn before the file is touched: a failure writes nothing.
            var report = new FairnessReport(Title, GeneratedAt ?? DateTime.UtcNow);
            foreach (var g in _groups) report.AddRun(g.ToFigures());
            if (EvidencePath != null) report.History = ReadHistory(ResolveInputPath(EvidencePath, false, "EvidencePath"));
            if (StatePath != null)
            {
                var statePath = ResolveInputPath(StatePath, false, "StatePath");
                try
                {
                    report.State = StateFigures.Of(new GovernorStateReport(GovernorStateFile.Load(statePath), statePath));
                }
                catch (FairnessException ex)
                {
                    ThrowEngineError(ex, statePath);
                }
            }
            byte[] bytes;
            using (var buffer = new MemoryStream())
            {
                report.Write(buffer);
                bytes = buffer.ToArray();
            }
            if (!ShouldProcess(path, "Write fairness report (" + bytes.Length + " bytes)")) return;
            try
            {
                WriteFileAtomically(path, stream => stream.Write(bytes, 0, bytes.Length));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                var folder = System.IO.Path.GetDirectoryName(path);
                string problem = folder != null && !Directory.Exists(folder) ? "the folder '" + folder + "' does not exist." : ex.Message;
                ThrowTerminatingError(new ErrorRecord(new IOException("Cannot write -Path '" + path + "': " + problem, ex), "ReportWriteFailed", ErrorCategory.WriteError, path));
            }
            if (PassThru) WriteObject(new FileInfo(path));
        }

        private EvidenceHistory ReadHistory(string file)
        {
            var pattern = PolicyId == null ? null : new WildcardPattern(PolicyId, WildcardOptions.IgnoreCase);
            var entries = new List<EvidenceEntry>();
            try
            {
                foreach (var entry in EvidenceReader.Read(file, new EvidenceReadOptions { After = After, Before = Before }))
                    if (pattern == null || pattern.IsMatch(entry.PolicyId)) entries.Add(entry);
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex, file);
            }
            var selection = new List<string>();
            if (PolicyId != null) selection.Add("policy " + PolicyId);
            if (After.HasValue) selection.Add("after " + Utc(After.Value));
            if (Before.HasValue) selection.Add("before " + Utc(Before.Value));
            return new EvidenceHistory(System.IO.Path.GetFileName(file), entries, selection.Count == 0 ? null : string.Join(", ", selection.ToArray()));
        }

        // As the evidence reader takes a bound: a time without zone is UTC, a local one is converted.
        private static string Utc(DateTime t) =>
            (t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

        private void Stop(string errorId, string message, ErrorCategory category, object? target = null) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, category, target));

        /// <summary>Groups decisions by the very run or stream object they belong to.</summary>
        private sealed class ReferenceComparer : IEqualityComparer<object>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

            public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
