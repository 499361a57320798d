using System;
using System.Collections.Generic;
using System.Text;
using FairnessGovernor.Evidence;
using FairnessGovernor.Metrics;
using FairnessGovernor.Model;

namespace FairnessGovernor.Report
{
    /// <summary>
    /// Builds the report's HTML (SPEC.md 9.2): a header, then per run its headline, per-agent, over-the-run, waits and
    /// decisions sections, then the evidence history and the state. Every chart has a title, a description and its numbers
    /// in a table under &lt;details&gt;.
    /// </summary>
    internal sealed class ReportDocument
    {
        /// <summary>Charts show at most this many agents (those with the largest |lag|); the tables show all.</summary>
        public const int MaxAgentBars = 40;

        /// <summary>Series of the over-the-run chart: the agents of largest weight, the rest summed as "others".</summary>
        public const int MaxSeries = 10;

        /// <summary>Points per series at most.</summary>
        public const int MaxPoints = 1000;

        private static readonly string[] PriorityNames = { "high", "normal", "low" };

        private readonly FairnessReport _report;
        private readonly StringBuilder _b = new StringBuilder(1 << 16);

        public ReportDocument(FairnessReport report) => _report = report;

        public string Build()
        {
            var b = _b;
            b.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
             .Append("<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"FairnessGovernor ").Append(ReportText.Escape(EvidenceEntry.CurrentModuleVersion)).Append("\">\n")
             .Append("<title>").Append(ReportText.Escape(_report.Title)).Append("</title>\n<style>\n").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n");
            b.Append("<header>\n<h1>").Append(ReportText.Escape(_report.Title)).Append("</h1>\n<p class=\"meta\">Generated ").Append(ReportText.Time(_report.GeneratedAt))
             .Append(" by FairnessGovernor ").Append(ReportText.Escape(EvidenceEntry.CurrentModuleVersion)).Append(". ").Append(Summary()).Append("</p>\n");
            Contents();
            b.Append("</header>\n<main>\n");
            for (int i = 0; i < _report.Runs.Count; i++) Run(_report.Runs[i], i + 1);
            if (_report.History != null) History(_report.History);
            if (_report.State != null) State(_report.State);
            b.Append("</main>\n<footer><p class=\"meta\">Figures as defined in the module's SPEC.md (sections 3 and 6.6): entitlement is each agent's weighted max-min fair share of the assigned tasks within its capacity and max_share; lag = assigned - entitlement; Jain's index is 1 for an even spread; weighted figures divide counts by weights.</p></footer>\n</body>\n</html>\n");
            return b.ToString();
        }

        private string Summary()
        {
            var parts = new List<string>();
            if (_report.Runs.Count > 0) parts.Add(_report.Runs.Count == 1 ? "one run" : _report.Runs.Count + " runs");
            if (_report.History != null) parts.Add("the evidence log " + ReportText.Escape(_report.History.Source) + " (" + ReportText.Count(_report.History.Entries.Count) + " entries)");
            if (_report.State != null) parts.Add(_report.State.Source == null ? "a governor state" : "the state " + ReportText.Escape(_report.State.Source));
            return parts.Count == 0 ? "Nothing to show." : "Shows " + string.Join(", ", parts.ToArray()) + ".";
        }

        private void Contents()
        {
            _b.Append("<nav aria-label=\"Contents\"><ol>\n");
            for (int i = 0; i < _report.Runs.Count; i++)
            {
                var r = _report.Runs[i];
                _b.Append("<li><a href=\"#run-").Append(i + 1).Append("\">Run ").Append(i + 1).Append(": ").Append(ReportText.Escape(r.Policy.PolicyId)).Append(" <code>")
                 .Append(ReportText.Escape(r.RunId)).Append("</code></a></li>\n");
            }
            if (_report.History != null) _b.Append("<li><a href=\"#history\">Evidence history</a></li>\n");
            if (_report.State != null) _b.Append("<li><a href=\"#state\">State across runs</a></li>\n");
            _b.Append("</ol></nav>\n");
        }

        // ---- tables ----

        private void Table(string summary, string[] headers, IEnumerable<string[]> rows)
        {
            var b = _b;
            b.Append("<details><summary>").Append(ReportText.Escape(summary)).Append("</summary>\n<div class=\"scroll\"><table>\n<thead><tr>");
            foreach (var h in headers) b.Append("<th scope=\"col\">").Append(ReportText.Escape(h)).Append("</th>");
            b.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in rows)
            {
                b.Append("<tr>");
                for (int i = 0; i < row.Length; i++)
                {
                    if (i == 0) b.Append("<th scope=\"row\">").Append(ReportText.Escape(row[i])).Append("</th>");
                    else b.Append("<td>").Append(ReportText.Escape(row[i])).Append("</td>");
                }
                b.Append("</tr>\n");
            }
            b.Append("</tbody>\n</table></div></details>\n");
        }

        private void Figure(Action chart, string caption)
        {
            _b.Append("<figure>\n");
            chart();
            _b.Append("<figcaption>").Append(caption).Append("</figcaption>\n</figure>\n");
        }

        private void OpenSection(string id, string kind, string heading)
        {
            _b.Append("<section id=\"").Append(id).Append("\" data-section=\"").Append(kind).Append("\">\n<h3>").Append(ReportText.Escape(heading)).Append("</h3>\n");
        }

        private static string Verdict(string label) => "<span class=\"verdict " + ReportText.Escape(label) + "\">" + ReportText.Escape(label) + "</span>";

        private void Figure(string term, string valueHtml)
        {
            _b.Append("<div><dt>").Append(ReportText.Escape(term)).Append("</dt><dd>").Append(valueHtml).Append("</dd></div>\n");
        }

        // ---- a run ----

        private void Run(RunFigures run, int number)
        {
            string id = "run-" + number;
            var m = run.Metrics;
            _b.Append("<section id=\"").Append(id).Append("\" class=\"run\">\n<h2>Run ").Append(number).Append(": ").Append(ReportText.Escape(run.Policy.PolicyId)).Append("</h2>\n");

            OpenSection(id + "-headline", "headline", "Headline");
            _b.Append("<dl class=\"figures\">\n");
            Figure("Policy", ReportText.Escape(run.Policy.PolicyId));
            Figure("Strategy", ReportText.Escape(run.Policy.Strategy));
            Figure("Run id", "<code>" + ReportText.Escape(run.RunId) + "</code>" + (run.Streamed ? " (stream)" : ""));
            Figure("Report time", ReportText.Time(_report.GeneratedAt));
            Figure("Tasks", ReportText.Count(m.TaskCount) + (m.UnassignedCount > 0 ? " (" + ReportText.Count(m.UnassignedCount) + " unassigned)" : ""));
            Figure("Agents", ReportText.Count(m.AgentCount));
            Figure("Fairness label", Verdict(m.FairnessLabel) + " skew " + ReportText.Num(m.SkewRatio));
            Figure("Weighted label", Verdict(m.WeightedFairnessLabel) + " skew " + ReportText.Num(m.WeightedSkewRatio));
            Figure("Jain index", ReportText.Num(m.JainIndex));
            Figure("Weighted Jain index", ReportText.Num(m.WeightedJainIndex));
            Figure("MaxAbsLag", ReportText.Num(m.MaxAbsLag) + " tasks");
            Figure("Wait mean / p95 / max", ReportText.Num(m.WaitMean, 2) + " / " + ReportText.Num(m.WaitP95, 2) + " / " + ReportText.Num(m.WaitMax, 2));
            _b.Append("</dl>\n</section>\n");

            AgentsSection(run, id);
            OverRunSection(run, id);
            WaitsSection(run, id);
            DecisionsSection(run, id);
            _b.Append("</section>\n");
        }

        private static string Limit(FairAgent a, int taskCount)
        {
            long limit = Math.Min(a.Capacity ?? long.MaxValue, a.ShareLimit(taskCount));
            return limit == long.MaxValue ? "none" : ReportText.Count(limit);
        }

        private void AgentsSection(RunFigures run, string id)
        {
            var m = run.Metrics;
            var counts = m.TaskCounts;
            var ent = m.GetEntitlements();
            var lag = m.GetLags();
            int n = run.Agents.Count;
            var shown = LargestLags(lag, MaxAgentBars);
            OpenSection(id + "-agents", "agents", "Per agent: assigned tasks against entitlement");
            var bars = new List<Svg.Bar>();
            foreach (int i in shown)
            {
                var a = run.Agents[i];
                long limit = Math.Min(a.Capacity ?? long.MaxValue, a.ShareLimit(m.TaskCount));
                bars.Add(new Svg.Bar(a.Id, counts[i], a.Id + ": " + counts[i] + " assigned, entitlement " + ReportText.Num(ent[i]) + ", lag " + ReportText.Signed(lag[i]) +
                    ", weight " + a.Weight + ", limit " + Limit(a, m.TaskCount))
                {
                    Mark = ent[i],
                    Limit = limit == long.MaxValue ? (double?)null : limit,
                    Note = "lag " + ReportText.Signed(lag[i], 2),
                    Style = 0,
                });
            }
            string scope = shown.Length == n ? "every agent" : "the " + shown.Length + " of " + ReportText.Count(n) + " agents with the largest |lag| (every agent is in the table)";
            Figure(() => Svg.Bars(_b, id + "-agents-chart", "Assigned tasks against entitlement per agent",
                    "Horizontal bars for " + scope + ": the bar is the tasks assigned, the black tick the entitlement, a dashed red line the capacity or max_share limit, the text on the right the lag (assigned - entitlement). MaxAbsLag is " + ReportText.Num(m.MaxAbsLag) + ".",
                    "tasks", bars, "entitlement", "capacity / max_share limit"),
                "Bars: tasks assigned; tick: entitlement; dashed: limit (drawn when within the scale). Showing " + ReportText.Escape(scope) + ".");
            var rows = new List<string[]>(n);
            for (int i = 0; i < n; i++)
            {
                var a = run.Agents[i];
                rows.Add(new[] { a.Id, a.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Capacity.HasValue ? ReportText.Count(a.Capacity.Value) : "none",
                    a.MaxShare.HasValue ? ReportText.Num(a.MaxShare.Value) : "none", ReportText.Count(counts[i]), ReportText.Num(ent[i]), ReportText.Signed(lag[i]) });
            }
            Table("Numbers: " + ReportText.Count(n) + " agents", new[] { "Agent", "Weight", "Capacity", "Max share", "Assigned", "Entitlement", "Lag" }, rows);
            _b.Append("</section>\n");
        }

        /// <summary>Indexes of at most <paramref name="max"/> items with the largest |value| (ties: lower index), in index order.</summary>
        private static int[] LargestLags(IReadOnlyList<double> values, int max)
        {
            int n = values.Count;
            var idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            if (n <= max) return idx;
            Array.Sort(idx, (x, y) =>
            {
                int c = Math.Abs(values[y]).CompareTo(Math.Abs(values[x]));
                return c != 0 ? c : x.CompareTo(y);
            });
            var top = new int[max];
            Array.Copy(idx, top, max);
            Array.Sort(top);
            return top;
        }

        private void OverRunSection(RunFigures run, string id)
        {
            int m = run.Agents.Count, n = run.DecisionCount;
            // The agents of largest weight (ties: agent order); past MaxSeries agents the rest are summed as "others".
            var order = new int[m];
            for (int i = 0; i < m; i++) order[i] = i;
            Array.Sort(order, (x, y) =>
            {
                int c = run.Agents[y].Weight.CompareTo(run.Agents[x].Weight);
                return c != 0 ? c : x.CompareTo(y);
            });
            bool others = m > MaxSeries;
            int named = others ? MaxSeries : m;
            var chosen = new int[named];
            Array.Copy(order, chosen, named);
            Array.Sort(chosen);
            var seriesOf = new int[m];
            for (int i = 0; i < m; i++) seriesOf[i] = named; // "others"
            for (int s = 0; s < named; s++) seriesOf[chosen[s]] = s;
            int seriesCount = named + (others ? 1 : 0);

            int points = Math.Min(n, MaxPoints);
            var xs = new double[points];
            var ys = new double[seriesCount][];
            for (int s = 0; s < seriesCount; s++) ys[s] = new double[points];
            var counts = new long[seriesCount];
            long assigned = 0;
            var seq = run.AgentSequence;
            int k = 0;
            for (int p = 0; p < points; p++)
            {
                int until = (int)(((long)(p + 1) * n + points - 1) / points); // ceil((p+1) n / points): the last point is n
                for (; k < until; k++)
                {
                    int a = seq[k];
                    if (a < 0) continue;
                    counts[seriesOf[a]]++;
                    assigned++;
                }
                xs[p] = until;
                for (int s = 0; s < seriesCount; s++) ys[s][p] = assigned == 0 ? double.NaN : (double)counts[s] / assigned;
            }
            long totalWeight = 0;
            foreach (var a in run.Agents) totalWeight += a.Weight;
            var weightShare = new double[seriesCount];
            for (int i = 0; i < m; i++) weightShare[seriesOf[i]] += totalWeight == 0 ? 0 : (double)run.Agents[i].Weight / totalWeight;
            // Past MaxSeries agents each named share is small beside "others": draw every series relative to its weighted
            // share instead (1 = exactly its share), so the named agents' lines are not flat at the bottom.
            bool relative = others && totalWeight > 0;
            if (relative)
                for (int s = 0; s < seriesCount; s++)
                    for (int p = 0; p < points; p++)
                        ys[s][p] = weightShare[s] > 0 ? ys[s][p] / weightShare[s] : double.NaN;
            var series = new List<Svg.Series>();
            var names = new string[seriesCount];
            for (int s = 0; s < seriesCount; s++)
            {
                names[s] = s < named ? run.Agents[chosen[s]].Id : "others (" + ReportText.Count(m - named) + " agents)";
                series.Add(new Svg.Series(names[s], xs, ys[s], s < named ? s : 10, totalWeight == 0 ? (double?)null : relative ? 1.0 : weightShare[s]));
            }
            OpenSection(id + "-over-run", "over-run", "Over the run: each agent's cumulative share");
            string who = others ? "the " + MaxSeries + " agents of largest weight and the other " + ReportText.Count(m - named) + " agents together" : "each agent";
            string at = " at " + ReportText.Count(points) + " points of the " + ReportText.Count(n) + " decisions.";
            if (relative)
                Figure(() => Svg.LineChart(_b, id + "-over-run-chart", "Cumulative share of assigned tasks over the dispatch sequence, relative to the weighted share",
                        "Lines for " + who + ": the share of the tasks assigned so far divided by the weighted share (weight / total weight), so 1 is exactly the weighted share," + at +
                        " Values above 3 are drawn at 3.", "decisions made", "share / weighted share", series, null, null, 3.0),
                    "Each line is the cumulative share divided by the weighted share (dotted line at 1). " + (n > points ? "Sampled at " + ReportText.Count(points) + " evenly spaced decisions; each point is exact at its decision." : "Every decision is a point."));
            else
                Figure(() => Svg.LineChart(_b, id + "-over-run-chart", "Cumulative share of assigned tasks over the dispatch sequence",
                        "Lines for " + who + ": the share of the tasks assigned so far," + at + " Dotted lines are the weighted shares (weight / total weight) the lines should approach.",
                        "decisions made", "share of assigned tasks", series),
                    "Solid and dashed lines: cumulative share; dotted: weighted share. " + (n > points ? "Sampled at " + ReportText.Count(points) + " evenly spaced decisions; each point is exact at its decision." : "Every decision is a point."));
            var rows = new List<string[]>(points);
            for (int p = 0; p < points; p++)
            {
                var row = new string[seriesCount + 1];
                row[0] = ReportText.Count((long)xs[p]);
                for (int s = 0; s < seriesCount; s++) row[s + 1] = double.IsNaN(ys[s][p]) ? "" : ReportText.Num(ys[s][p], 4);
                rows.Add(row);
            }
            var headers = new string[seriesCount + 1];
            headers[0] = "Decision";
            for (int s = 0; s < seriesCount; s++) headers[s + 1] = names[s];
            Table(relative ? "Numbers: share / weighted share after each sampled decision" : "Numbers: share after each sampled decision", headers, rows);
            _b.Append("</section>\n");
        }

        private void WaitsSection(RunFigures run, string id)
        {
            var boxes = new List<Svg.Box>();
            var rows = new List<string[]>();
            for (int p = 0; p < 3; p++)
            {
                var v = run.SortedWaitsByLevel[p];
                if (v.Length == 0)
                {
                    boxes.Add(new Svg.Box(PriorityNames[p], 0, 0, 0, 0, 0, 0, 0));
                    rows.Add(new[] { PriorityNames[p], "0", "", "", "", "", "", "", "" });
                    continue;
                }
                double sum = 0;
                foreach (var x in v) sum += x;
                var box = new Svg.Box(PriorityNames[p], v.Length, v[0], WaitStatistics.NearestRank(v, 25), WaitStatistics.NearestRank(v, 50), WaitStatistics.NearestRank(v, 75),
                    WaitStatistics.NearestRank(v, 95), v[v.Length - 1]);
                boxes.Add(box);
                rows.Add(new[] { PriorityNames[p], ReportText.Count(v.Length), ReportText.Num(box.Min, 2), ReportText.Num(box.Q1, 2), ReportText.Num(box.Median, 2), ReportText.Num(sum / v.Length, 2),
                    ReportText.Num(box.Q3, 2), ReportText.Num(box.P95, 2), ReportText.Num(box.Max, 2) });
            }
            OpenSection(id + "-waits", "waits", "Waits per priority");
            Figure(() => Svg.Boxes(_b, id + "-waits-chart", "Waits of assigned tasks per priority",
                    "A box plot per priority (high, normal, low): whiskers from the shortest to the longest wait, the box from the 25th to the 75th percentile, a line at the median and a diamond at the 95th percentile (nearest rank). Wait = start - arrival on the chosen agent.",
                    "wait (start - arrival)", boxes),
                "Whiskers: min to max; box: p25 to p75; line: median; diamond: p95.");
            Table("Numbers: waits per priority", new[] { "Priority", "Tasks", "Min", "P25", "Median", "Mean", "P75", "P95", "Max" }, rows);
            _b.Append("</section>\n");
        }

        private void DecisionsSection(RunFigures run, string id)
        {
            var bars = new List<Svg.Bar>();
            var rows = new List<string[]>();
            int n = Math.Max(1, run.DecisionCount);
            // Assigned first, then unassigned; each in ordinal order of the reason.
            foreach (var pass in new[] { "Assigned: ", "Unassigned: " })
                foreach (var o in run.Outcomes)
                {
                    if (!o.Key.StartsWith(pass, StringComparison.Ordinal)) continue;
                    bars.Add(new Svg.Bar(o.Key, o.Value, o.Key + ": " + o.Value + " decisions (" + ReportText.Percent((double)o.Value / n) + ")")
                    {
                        Note = ReportText.Percent((double)o.Value / n),
                        Style = pass == "Assigned: " ? 0 : 5,
                    });
                    int colon = o.Key.IndexOf(':');
                    rows.Add(new[] { o.Key.Substring(0, colon), o.Key.Substring(colon + 2), ReportText.Count(o.Value), ReportText.Percent((double)o.Value / n) });
                }
            OpenSection(id + "-decisions", "decisions", "Decisions by status and reason");
            Figure(() => Svg.Bars(_b, id + "-decisions-chart", "Decisions by status and reason",
                    "Horizontal bars, one per status and reason (rotation, smooth_wrr, lag_bounded_deadline for assigned tasks; capacity, max_share, group_quota, no_agents for unassigned ones; +max_bypass when the starvation guard moved a task forward), with the share of all " +
                    ReportText.Count(run.DecisionCount) + " decisions.", "decisions", bars),
                "Blue: assigned; vermillion: unassigned.");
            Table("Numbers: decisions by status and reason", new[] { "Status", "Reason", "Decisions", "Share" }, rows);
            _b.Append("</section>\n");
        }

        // ---- evidence history ----

        private void History(EvidenceHistory h)
        {
            var e = h.Entries;
            int n = e.Count;
            _b.Append("<section id=\"history\" class=\"history\" data-section=\"history\">\n<h2>Evidence history</h2>\n<p class=\"note\">")
             .Append(ReportText.Count(n)).Append(" runs from the evidence log <code>").Append(ReportText.Escape(h.Source)).Append("</code>")
             .Append(h.Selection == null ? "" : " (" + ReportText.Escape(h.Selection) + ")");
            if (n > 0) _b.Append(", from ").Append(ReportText.Time(e[0].Timestamp)).Append(" to ").Append(ReportText.Time(e[n - 1].Timestamp));
            _b.Append(". Runs are numbered oldest first.</p>\n");
            int points = Math.Min(n, MaxPoints);
            var pick = new int[points];
            for (int p = 0; p < points; p++) pick[p] = (int)(((long)(p + 1) * n + points - 1) / points) - 1;
            var xs = new double[points];
            for (int p = 0; p < points; p++) xs[p] = pick[p] + 1;
            Func<Func<EvidenceEntry, double>, double[]> column = f =>
            {
                var v = new double[points];
                for (int p = 0; p < points; p++) v[p] = f(e[pick[p]]);
                return v;
            };
            Func<EvidenceEntry, string, double> extra = (entry, name) => entry.GetExtraMetric(name) ?? double.NaN;
            var cumulativeTasks = new double[n];
            var cumulativeAssigned = new double[n];
            double tasks = 0, assigned = 0;
            for (int i = 0; i < n; i++)
            {
                tasks += e[i].TaskCount;
                assigned += e[i].AssignedCount ?? double.NaN;
                cumulativeTasks[i] = tasks;
                cumulativeAssigned[i] = assigned;
            }
            string sampled = n > points ? " Sampled at " + ReportText.Count(points) + " evenly spaced runs." : "";
            string tableScope = n > points ? ReportText.Count(points) + " sampled runs" : "every run";
            Func<int, string> runNo = i => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

            OpenSection("history-fairness", "history-fairness", "Fairness of each run");
            Figure(() => Svg.LineChart(_b, "history-jain-chart", "Jain and weighted Jain index of each run",
                    "Lines over the " + ReportText.Count(n) + " runs, oldest first: Jain's index of the counts and of count / weight (1 is an even spread). Gaps are runs logged without these figures.",
                    "run", "index", new[]
                    {
                        new Svg.Series("Jain index", xs, column(x => extra(x, "jain_index")), 0),
                        new Svg.Series("weighted Jain index", xs, column(x => extra(x, "weighted_jain_index")), 1),
                    }, 1.0),
                "Jain's index per run (1 = even)." + sampled);
            var rows = new List<string[]>(points);
            foreach (int i in pick)
                rows.Add(new[] { runNo(i), ReportText.PreciseTime(e[i].Timestamp), e[i].PolicyId, ReportText.Count(e[i].TaskCount), ReportText.Count(e[i].AgentCount),
                    Opt(e[i].GetExtraMetric("jain_index")), Opt(e[i].GetExtraMetric("weighted_jain_index")) });
            Table("Numbers: " + tableScope, new[] { "Run", "Timestamp", "Policy", "Tasks", "Agents", "Jain", "Weighted Jain" }, rows);
            Figure(() => Svg.LineChart(_b, "history-lag-chart", "MaxAbsLag of each run",
                    "A line over the " + ReportText.Count(n) + " runs, oldest first: the largest |lag| (assigned - entitlement) of any agent, in tasks. Gaps are runs logged without it.",
                    "run", "tasks", new[] { new Svg.Series("MaxAbsLag", xs, column(x => extra(x, "max_abs_lag")), 2) }),
                "The largest |lag| per run, in tasks." + sampled);
            rows = new List<string[]>(points);
            foreach (int i in pick) rows.Add(new[] { runNo(i), Opt(e[i].GetExtraMetric("max_abs_lag")) });
            Table("Numbers: " + tableScope, new[] { "Run", "MaxAbsLag" }, rows);
            Figure(() => Svg.LineChart(_b, "history-skew-chart", "Skew of each run",
                    "Lines over the " + ReportText.Count(n) + " runs, oldest first: the prototype's skew ratio (max / min tasks) and the weighted skew ratio (over count / weight).",
                    "run", "ratio", new[]
                    {
                        new Svg.Series("skew ratio", xs, column(x => x.SkewRatio), 5),
                        new Svg.Series("weighted skew ratio", xs, column(x => extra(x, "weighted_skew_ratio")), 4),
                    }),
                "Skew ratios as the prototype and SPEC 6.6 define them." + sampled);
            rows = new List<string[]>(points);
            foreach (int i in pick) rows.Add(new[] { runNo(i), ReportText.Num(e[i].SkewRatio), e[i].FairnessLabel, Opt(e[i].GetExtraMetric("weighted_skew_ratio")) });
            Table("Numbers: " + tableScope, new[] { "Run", "Skew", "Label", "Weighted skew" }, rows);
            _b.Append("</section>\n");

            OpenSection("history-cumulative", "history-cumulative", "Cumulative tasks");
            var ct = new double[points];
            var ca = new double[points];
            for (int p = 0; p < points; p++) { ct[p] = cumulativeTasks[pick[p]]; ca[p] = cumulativeAssigned[pick[p]]; }
            _b.Append("<p class=\"note\">An evidence line records each run's totals, not its per-agent counts, so this chart counts all agents together; a report of the state (<code>-StatePath</code>) shows each agent's cumulative count.</p>\n");
            Figure(() => Svg.LineChart(_b, "history-cumulative-chart", "Cumulative tasks over the runs",
                    "Lines over the " + ReportText.Count(n) + " runs, oldest first: all tasks logged so far and the tasks assigned so far.",
                    "run", "tasks", new[] { new Svg.Series("all tasks", xs, ct, 0), new Svg.Series("assigned", xs, ca, 2) }),
                "Running totals of task_count and assigned_count." + sampled);
            rows = new List<string[]>(points);
            foreach (int i in pick)
                rows.Add(new[] { runNo(i), ReportText.Count(e[i].TaskCount), e[i].AssignedCount is { } logged ? ReportText.Count(logged) : "",
                    ReportText.Count((long)cumulativeTasks[i]), double.IsNaN(cumulativeAssigned[i]) ? "" : ReportText.Count((long)cumulativeAssigned[i]) });
            Table("Numbers: " + tableScope, new[] { "Run", "Tasks", "Assigned", "Cumulative tasks", "Cumulative assigned" }, rows);
            _b.Append("</section>\n</section>\n");
        }

        private static string Opt(double? v) => v.HasValue ? ReportText.Num(v.Value) : "";

        // ---- state ----

        private void State(StateFigures s)
        {
            bool decayed = s.HasDecayedCounts;
            _b.Append("<section id=\"state\" class=\"state\" data-section=\"state\">\n<h2>State across runs</h2>\n<dl class=\"figures\">\n");
            Figure("State", s.Source == null ? "in memory" : "<code>" + ReportText.Escape(s.Source) + "</code>");
            Figure("Strategy", ReportText.Escape(s.Strategy ?? "none yet"));
            Figure("Runs", ReportText.Count(s.Runs));
            Figure("Tasks", ReportText.Count(s.TotalTasks));
            Figure("Assigned", ReportText.Count(s.AssignedTasks));
            Figure("Agents", ReportText.Count(s.Agents.Count));
            if (s.AsOf.HasValue) Figure("Decayed to", ReportText.Time(s.AsOf.Value.ToUniversalTime()));
            _b.Append("</dl>\n");
            var lags = new double[s.Agents.Count];
            for (int i = 0; i < lags.Length; i++) lags[i] = s.Agents[i].Lag;
            var shown = LargestLags(lags, MaxAgentBars);
            var bars = new List<Svg.Bar>();
            foreach (int i in shown)
            {
                var a = s.Agents[i];
                bars.Add(new Svg.Bar(a.AgentId, a.Count, a.AgentId + ": " + a.Count + " assigned" + (a.DecayedCount.HasValue ? ", decayed " + ReportText.Num(a.DecayedCount.Value) : "") +
                    ", entitlement " + ReportText.Num(a.Entitlement) + ", lag " + ReportText.Signed(a.Lag) + ", weight " + a.Weight)
                {
                    Mark = a.Entitlement,
                    Second = decayed ? a.DecayedCount ?? 0 : (double?)null,
                    Note = "lag " + ReportText.Signed(a.Lag, 2),
                    Style = 0,
                });
            }
            string scope = shown.Length == s.Agents.Count ? "every agent" : "the " + shown.Length + " of " + ReportText.Count(s.Agents.Count) + " agents with the largest |lag| (every agent is in the table)";
            OpenSection("state-agents", "state-agents", "Cumulative count against entitlement per agent");
            Figure(() => Svg.Bars(_b, "state-chart", "Cumulative tasks against entitlement per agent",
                    "Horizontal bars for " + scope + ": the bar is the tasks assigned over every run carried, the black tick the entitlement (assigned tasks shared by the latest weights)" +
                    (decayed ? ", the thin orange bar the count after usage decay" : "") + ", the text on the right the lag.",
                    "tasks over all runs", bars, "entitlement", null, decayed ? "decayed count" : null),
                "Bars: cumulative count; tick: entitlement" + (decayed ? "; thin bar: decayed count" : "") + ". Showing " + ReportText.Escape(scope) + ".");
            var rows = new List<string[]>(s.Agents.Count);
            foreach (var a in s.Agents)
            {
                var row = new List<string> { a.AgentId, a.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture), ReportText.Count(a.Count) };
                if (decayed) row.Add(a.DecayedCount.HasValue ? ReportText.Num(a.DecayedCount.Value) : "");
                row.Add(ReportText.Num(a.Entitlement));
                row.Add(ReportText.Signed(a.Lag));
                rows.Add(row.ToArray());
            }
            Table("Numbers: " + ReportText.Count(s.Agents.Count) + " agents",
                decayed ? new[] { "Agent", "Weight", "Count", "Decayed count", "Entitlement", "Lag" } : new[] { "Agent", "Weight", "Count", "Entitlement", "Lag" }, rows);
            _b.Append("</section>\n</section>\n");
        }
    }
}
