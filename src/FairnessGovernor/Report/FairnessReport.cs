using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace FairnessGovernor.Report
{
    /// <summary>
    /// One self-contained HTML fairness report (SPEC.md 9): inline CSS and SVG, nothing loaded from outside, no script.
    /// It holds the runs, the evidence history and the state to show; <see cref="Write"/> gives the same bytes for the
    /// same content and <see cref="GeneratedAt"/>.
    /// </summary>
    public sealed class FairnessReport
    {
        /// <summary>The default title.</summary>
        public const string DefaultTitle = "Fairness report";

        private readonly List<RunFigures> _runs = new List<RunFigures>();

        /// <summary>An empty report titled <paramref name="title"/> (null or blank: <see cref="DefaultTitle"/>), generated at <paramref name="generatedAt"/> (a time without zone is UTC).</summary>
        public FairnessReport(string? title, DateTime generatedAt)
        {
            Title = string.IsNullOrWhiteSpace(title) ? DefaultTitle : title!;
            GeneratedAt = generatedAt.Kind == DateTimeKind.Local ? generatedAt.ToUniversalTime() : DateTime.SpecifyKind(generatedAt, DateTimeKind.Utc);
        }

        /// <summary>The page's title.</summary>
        public string Title { get; }

        /// <summary>When the report was made, UTC (shown to the second).</summary>
        public DateTime GeneratedAt { get; }

        /// <summary>The runs shown, in the order added.</summary>
        public IReadOnlyList<RunFigures> Runs => _runs;

        /// <summary>The evidence history shown, or null.</summary>
        public EvidenceHistory? History { get; set; }

        /// <summary>The state shown, or null.</summary>
        public StateFigures? State { get; set; }

        /// <summary>Adds a run's section.</summary>
        public void AddRun(RunFigures run) => _runs.Add(run ?? throw new ArgumentNullException(nameof(run)));

        /// <summary>The HTML text.</summary>
        public string ToHtml() => new ReportDocument(this).Build();

        /// <summary>Writes the HTML as UTF-8 without a byte order mark.</summary>
        public void Write(Stream stream)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            var bytes = new UTF8Encoding(false).GetBytes(ToHtml());
            stream.Write(bytes, 0, bytes.Length);
        }
    }
}
