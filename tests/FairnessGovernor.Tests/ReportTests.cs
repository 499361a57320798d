using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;
using FairnessGovernor.Report;

namespace FairnessGovernor.Tests
{
    /// <summary>The HTML report (SPEC.md 9): parses, well-formed SVG, every section, accessible charts, nothing external, deterministic, small.</summary>
    public class ReportTests
    {
        internal static readonly string[] RunSections = { "headline", "agents", "over-run", "waits", "decisions" };

        /// <summary>Parses with AngleSharp, collecting every parse error.</summary>
        internal static (IDocument Document, List<string> Errors) Parse(string html)
        {
            var parser = new HtmlParser();
            var errors = new List<string>();
            parser.Error += (_, e) => errors.Add(e.ToString() ?? "");
            var doc = parser.ParseDocument(html);
            return (doc, errors);
        }

        /// <summary>Every inline SVG of the page, as its own XML document (throws when one is not well-formed).</summary>
        internal static List<XDocument> Svgs(string html) =>
            Regex.Matches(html, "<svg[\\s>].*?</svg>", RegexOptions.Singleline).Select(m => XDocument.Parse(m.Value)).ToList();

        /// <summary>The checks every report must pass; returns the parsed page.</summary>
        internal static IDocument Check(string html, params string[] sections)
        {
            var (doc, errors) = Parse(html);
            Assert.True(errors.Count == 0, "HTML parse errors:\n" + string.Join("\n", errors));
            var svgs = Svgs(html);
            Assert.Equal(doc.QuerySelectorAll("svg").Length, svgs.Count);
            XNamespace ns = "http://www.w3.org/2000/svg";
            foreach (var svg in svgs)
            {
                Assert.False(string.IsNullOrWhiteSpace(svg.Root!.Element(ns + "title")?.Value), "an SVG without a <title>");
                Assert.False(string.IsNullOrWhiteSpace(svg.Root!.Element(ns + "desc")?.Value), "an SVG without a <desc>");
            }
            // Each chart's numbers are in a table under <details> in the same figure's section.
            foreach (var figure in doc.QuerySelectorAll("figure"))
            {
                var table = figure.NextElementSibling;
                Assert.True(table != null && table.LocalName == "details" && table.QuerySelector("table") != null, "a chart without its table under <details>");
            }
            foreach (var s in sections) Assert.True(doc.QuerySelectorAll("[data-section='" + s + "']").Length > 0, "section '" + s + "' is missing");
            // Nothing from outside: no script, no link, no URL in src/href/CSS other than in-page anchors and the SVG namespace.
            Assert.Empty(doc.QuerySelectorAll("script, link, img, iframe, object, embed"));
            foreach (var e in doc.QuerySelectorAll("[src]")) Assert.Fail("an element with src: " + e.OuterHtml);
            foreach (var e in doc.QuerySelectorAll("[href]")) Assert.StartsWith("#", e.GetAttribute("href"));
            Assert.DoesNotContain("url(", html);
            Assert.DoesNotContain("@import", html);
            Assert.DoesNotMatch("https?://(?!www\\.w3\\.org/2000/svg\")", html);
            return doc;
        }

        [Fact]
        public void Fixture_report_parses_and_has_every_run_section_with_its_figures()
        {
            var html = ReportInputs.FixtureReport().ToHtml();
            var doc = Check(html, RunSections);
            var headline = doc.QuerySelector("[data-section='headline']")!.TextContent;
            foreach (var expected in new[] { "priority-weighted-rr", "weighted_round_robin", "strong_imbalance", "mild_imbalance", "0.857", "0.931", "0.5 tasks", ReportInputs.FixtureRun().RunId })
                Assert.Contains(expected, headline);
            // Per agent: counts 2/3/1, entitlements 1.5/3/1.5, lags +0.5/0/-0.5.
            var rows = doc.QuerySelectorAll("[data-section='agents'] tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent))).ToArray();
            Assert.Equal(new[] { "agent-a|1|none|none|2|1.5|+0.5", "agent-b|2|none|none|3|3|0", "agent-c|1|none|none|1|1.5|-0.5" }, rows);
            // Decisions by status and reason, and waits by priority.
            Assert.Contains("Assigned|rotation|6|100%", doc.QuerySelectorAll("[data-section='decisions'] tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent))));
            Assert.Equal(3, doc.QuerySelectorAll("[data-section='waits'] tbody tr").Length);
        }

        [Fact]
        public void Reports_are_byte_identical_for_the_same_input_and_time()
        {
            var a = ReportInputs.Bytes(ReportInputs.FixtureReport());
            var b = ReportInputs.Bytes(ReportInputs.FixtureReport());
            Assert.Equal(a, b);
            // UTF-8 without a byte order mark, and only the time changes with -GeneratedAt.
            Assert.Equal((byte)'<', a[0]);
            var later = new FairnessReport(null, ReportInputs.GeneratedAt.AddHours(1));
            later.AddRun(RunFigures.Of(ReportInputs.FixtureRun()));
            var text = Encoding.UTF8.GetString(ReportInputs.Bytes(later));
            Assert.NotEqual(Encoding.UTF8.GetString(a), text);
            Assert.Equal(Encoding.UTF8.GetString(a), text.Replace("2026-12-02T13:00:00Z", "2026-12-02T12:00:00Z"));
        }

        [Fact]
        public void Numbers_do_not_follow_the_current_culture()
        {
            var invariant = ReportInputs.FixtureReport().ToHtml();
            var saved = System.Globalization.CultureInfo.CurrentCulture;
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
                Assert.Equal(invariant, ReportInputs.FixtureReport().ToHtml());
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = saved;
            }
        }

        [Fact]
        public void History_report_charts_each_run_and_the_state()
        {
            using var scratch = new ScratchFolder();
            var html = ReportInputs.HistoryReport(scratch.Path).ToHtml();
            var doc = Check(html, "history", "history-fairness", "history-cumulative", "state", "state-agents");
            Assert.Equal(20, doc.QuerySelectorAll("[data-section='history-fairness'] details")[0].QuerySelectorAll("tbody tr").Length);
            Assert.Equal(4, doc.QuerySelectorAll("[data-section='history'] details").Length);
            Assert.Equal(4, doc.QuerySelectorAll("[data-section='state'] tbody tr").Length);
            // Jain and weighted Jain, MaxAbsLag and both skews are drawn: one polyline each, 20 points.
            var jain = Svgs(html).Single(s => s.Root!.Attribute("aria-labelledby")!.Value.StartsWith("history-jain-chart"));
            Assert.Equal(2, jain.Descendants().Count(e => e.Name.LocalName == "polyline"));
            Assert.All(jain.Descendants().Where(e => e.Name.LocalName == "polyline"), p => Assert.Equal(20, p.Attribute("points")!.Value.Split(' ').Length));
            Assert.Contains("per-agent counts", doc.QuerySelector("[data-section='history-cumulative']")!.TextContent);
        }

        [Fact]
        public void State_section_shows_decayed_counts_when_the_state_has_them()
        {
            var plain = new FairnessReport(null, ReportInputs.GeneratedAt)
            {
                State = new StateFigures("s.json", "lag_bounded", 3, 30, 30, new[] { new StateAgentFigures("a", 1, 10, 15, -5), new StateAgentFigures("b", 1, 20, 15, 5) }),
            };
            var doc = Check(plain.ToHtml(), "state");
            Assert.DoesNotContain("Decayed count", doc.QuerySelector("[data-section='state'] thead")!.TextContent);
            var decayed = new FairnessReport(null, ReportInputs.GeneratedAt)
            {
                State = new StateFigures("s.json", "lag_bounded", 3, 30, 30, new[] { new StateAgentFigures("a", 1, 10, 15, -5, 7.5), new StateAgentFigures("b", 1, 20, 15, 5, 12.25) },
                    new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)),
            };
            var html = decayed.ToHtml();
            doc = Check(html, "state");
            Assert.Contains("Decayed count", doc.QuerySelector("[data-section='state'] thead")!.TextContent);
            Assert.Contains("a|1|10|7.5|15|-5", doc.QuerySelectorAll("[data-section='state'] tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent))));
            Assert.Contains("2026-12-01T00:00:00Z", html);
            Assert.Equal(2, Svgs(html).Single().Descendants().Count(e => e.Name.LocalName == "rect" && (string?)e.Attribute("class") == "second" && (string?)e.Parent!.Attribute("class") == "row"));
        }

        [Fact]
        public void A_state_that_decayed_usage_shows_its_decayed_counts_and_time()
        {
            var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var policy = new FairnessPolicy("p", false, 2.0, FairnessStrategies.FairShare, null, null, TimeSpan.FromHours(1), null);
            var agents = new[] { new FairAgent("a", 1), new FairAgent("b", 1, 100) };
            var tasks = Enumerable.Range(0, 1000).Select(i => new FairTask("t" + i)).ToArray();
            Allocator.Allocate(tasks, agents, policy, null, GovernorState.Empty, t0, out var first);
            Allocator.Allocate(new FairTask[0], agents, policy, null, first, t0.AddHours(1), out var decayed);
            var plain = StateFigures.Of(new FairnessGovernor.State.GovernorStateReport(first, "/tmp/s.json"));
            Assert.False(plain.HasDecayedCounts);
            var figures = StateFigures.Of(new FairnessGovernor.State.GovernorStateReport(decayed, "/tmp/s.json"));
            Assert.True(figures.HasDecayedCounts);
            Assert.Equal(new double?[] { 450, 50 }, figures.Agents.Select(a => a.DecayedCount).ToArray());
            Assert.Equal(t0.AddHours(1), figures.AsOf);
            var html = new FairnessReport(null, ReportInputs.GeneratedAt) { State = figures }.ToHtml();
            var doc = Check(html, "state");
            Assert.Contains("Decayed count", doc.QuerySelector("[data-section='state'] thead")!.TextContent);
            Assert.Contains("2026-01-01T01:00:00Z", html);
        }

        [Fact]
        public void Empty_runs_and_unassigned_tasks_still_give_every_section()
        {
            var report = new FairnessReport(null, ReportInputs.GeneratedAt);
            report.AddRun(RunFigures.Of(Allocator.Allocate(new FairTask[0], new[] { new FairAgent("a") }, new FairnessPolicy("empty"))));
            report.AddRun(RunFigures.Of(Allocator.Allocate(new[] { new FairTask("t1"), new FairTask("t2") }, new FairAgent[0], new FairnessPolicy("no-agents"))));
            var full = new[] { new FairAgent("a", 1, 1), new FairAgent("b", 0) };
            report.AddRun(RunFigures.Of(Allocator.Allocate(Enumerable.Range(0, 4).Select(i => new FairTask("t" + i)).ToArray(), full, new FairnessPolicy("full"))));
            report.History = new EvidenceHistory("empty.jsonl", new Evidence.EvidenceEntry[0]);
            report.State = new StateFigures(null, null, 0, 0, 0, new StateAgentFigures[0]);
            var html = report.ToHtml();
            var doc = Check(html, RunSections.Concat(new[] { "history", "state" }).ToArray());
            Assert.Equal(3, doc.QuerySelectorAll("[data-section='headline']").Length);
            var outcomes = doc.QuerySelectorAll("#run-3-decisions tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent))).ToArray();
            Assert.Equal(new[] { "Assigned|rotation|1|25%", "Unassigned|capacity|3|75%" }, outcomes);
            Assert.Contains("no_agents", doc.QuerySelector("#run-2-decisions")!.TextContent);
        }

        [Fact]
        public void Hostile_ids_cannot_break_the_markup()
        {
            var agents = new[] { new FairAgent("<script>alert(1)</script>", 1), new FairAgent("a&b \"q\" 'x' \u0001\u0085 \ud800", 2), new FairAgent("]]><!--", 1) };
            var tasks = Enumerable.Range(0, 8).Select(i => new FairTask("t" + i)).ToArray();
            var report = new FairnessReport("</title><b>title", ReportInputs.GeneratedAt);
            report.AddRun(RunFigures.Of(Allocator.Allocate(tasks, agents, new FairnessPolicy("<p>&amp;"))));
            var html = report.ToHtml();
            var doc = Check(html, RunSections);
            Assert.Empty(doc.QuerySelectorAll("b"));
            Assert.Equal("</title><b>title", doc.Title);
            Assert.Contains("<script>alert(1)</script>", doc.QuerySelector("[data-section='agents'] tbody")!.TextContent);
        }

        [Fact]
        public void Over_ten_agents_draw_the_ten_largest_weights_and_others()
        {
            var agents = Enumerable.Range(0, 25).Select(i => new FairAgent("agent-" + i, 1 + i % 7)).ToArray();
            var tasks = Enumerable.Range(0, 3000).Select(i => new FairTask("t" + i)).ToArray();
            var report = new FairnessReport(null, ReportInputs.GeneratedAt);
            report.AddRun(RunFigures.Of(Allocator.Allocate(tasks, agents, new FairnessPolicy("p"))));
            var html = report.ToHtml();
            Check(html, RunSections);
            var chart = Svgs(html).Single(s => s.Root!.Attribute("aria-labelledby")!.Value.StartsWith("run-1-over-run-chart"));
            var series = chart.Descendants().Where(e => e.Name.LocalName == "g" && ((string?)e.Attribute("class") ?? "").StartsWith("series")).ToList();
            Assert.Equal(11, series.Count);
            // Weights 7 (agents 6, 13, 20), 6 (5, 12, 19), 5 (4, 11, 18) and the first of weight 4 (3), in agent order.
            Assert.Equal(new[] { "agent-3", "agent-4", "agent-5", "agent-6", "agent-11", "agent-12", "agent-13", "agent-18", "agent-19", "agent-20", "others (15 agents)" },
                series.Select(g => g.Elements().First().Value));
            Assert.All(series, g => Assert.Equal(1000, g.Elements().Single(e => e.Name.LocalName == "polyline").Attribute("points")!.Value.Split(' ').Length));
        }

        [Fact]
        public void A_million_decisions_give_a_report_of_at_most_3_MB_that_passes_the_checks()
        {
            var run = ReportInputs.MillionRun();
            var report = new FairnessReport("A million decisions", ReportInputs.GeneratedAt);
            report.AddRun(RunFigures.Of(run));
            var bytes = ReportInputs.Bytes(report);
            Assert.True(bytes.Length <= 3 * 1024 * 1024, "the report is " + bytes.Length + " bytes");
            var html = Encoding.UTF8.GetString(bytes);
            var doc = Check(html, RunSections);
            Assert.Equal(1000, doc.QuerySelectorAll("[data-section='agents'] tbody tr").Length);
            var bars = Svgs(html).Single(s => s.Root!.Attribute("aria-labelledby")!.Value.StartsWith("run-1-agents-chart"));
            Assert.Equal(ReportDocument.MaxAgentBars, bars.Descendants().Count(e => e.Name.LocalName == "rect"));
            foreach (var poly in Svgs(html).SelectMany(s => s.Descendants().Where(e => e.Name.LocalName == "polyline")))
                Assert.True(poly.Attribute("points")!.Value.Split(' ').Length <= 1000);
        }
    }
}
