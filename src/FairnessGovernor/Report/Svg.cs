using System;
using System.Collections.Generic;
using System.Text;

namespace FairnessGovernor.Report
{
    /// <summary>
    /// The report's chart shapes, written as inline SVG with a &lt;title&gt; and &lt;desc&gt; (line charts, horizontal bars,
    /// box plots). Colours come from CSS classes (<c>s0</c>..<c>s9</c>: the Okabe-Ito palette, safe for common colour
    /// blindness; <c>s10</c>: grey), so the page's style sheet can follow prefers-color-scheme.
    /// </summary>
    internal static class Svg
    {
        public const int Width = 900;
        private const int Left = 60, Right = 24, Top = 14;

        /// <summary>A series of a line chart: points (NaN y = gap), a style index, and a dotted reference level when known.</summary>
        internal sealed class Series
        {
            public Series(string name, double[] x, double[] y, int style, double? reference = null)
            {
                Name = name;
                X = x;
                Y = y;
                Style = style;
                Reference = reference;
            }

            public string Name { get; }
            public double[] X { get; }
            public double[] Y { get; }
            public int Style { get; }
            public double? Reference { get; }
        }

        /// <summary>A row of a horizontal bar chart.</summary>
        internal sealed class Bar
        {
            public Bar(string label, double value, string tooltip)
            {
                Label = label;
                Value = value;
                Tooltip = tooltip;
            }

            public string Label { get; }
            public double Value { get; }
            public string Tooltip { get; }
            /// <summary>A tick drawn across the bar (an entitlement).</summary>
            public double? Mark { get; set; }
            /// <summary>A dashed limit drawn across the row (a capacity).</summary>
            public double? Limit { get; set; }
            /// <summary>A thinner second bar under the first (a decayed count).</summary>
            public double? Second { get; set; }
            /// <summary>Text right of the bar (a lag).</summary>
            public string? Note { get; set; }
            /// <summary>Style index of the bar's colour.</summary>
            public int Style { get; set; }
        }

        /// <summary>A box of a box plot: five numbers and the 95th percentile.</summary>
        internal sealed class Box
        {
            public Box(string label, int count, double min, double q1, double median, double q3, double p95, double max)
            {
                Label = label;
                Count = count;
                Min = min;
                Q1 = q1;
                Median = median;
                Q3 = q3;
                P95 = p95;
                Max = max;
            }

            public string Label { get; }
            public int Count { get; }
            public double Min { get; }
            public double Q1 { get; }
            public double Median { get; }
            public double Q3 { get; }
            public double P95 { get; }
            public double Max { get; }
        }

        private static void Open(StringBuilder b, string id, int height, string title, string desc)
        {
            b.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").Append(Width).Append("\" height=\"").Append(height)
             .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height).Append("\" role=\"img\" aria-labelledby=\"")
             .Append(id).Append("-t ").Append(id).Append("-d\">\n<title id=\"").Append(id).Append("-t\">").Append(ReportText.Escape(title))
             .Append("</title>\n<desc id=\"").Append(id).Append("-d\">").Append(ReportText.Escape(desc)).Append("</desc>\n");
        }

        /// <summary>Up to about six round tick values from <paramref name="min"/> to at least <paramref name="max"/>; the last is the axis end.</summary>
        public static double[] Ticks(double min, double max)
        {
            if (!(max > min)) max = min + 1;
            double raw = (max - min) / 5;
            double mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double f = raw / mag;
            double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
            var ticks = new List<double>();
            double start = Math.Floor(min / step) * step;
            for (int i = 0; i < 20; i++)
            {
                double t = start + i * step;
                ticks.Add(Math.Round(t, 10));
                if (t >= max - step * 1e-9) break;
            }
            return ticks.ToArray();
        }

        private static string Tick(double v) => Math.Abs(v) >= 10000 ? ReportText.Count((long)Math.Round(v)) : ReportText.Num(v, 3);

        /// <summary>
        /// A line chart: the series over a shared x range (first to last x), y from 0 (or the smallest value) to the
        /// largest tick; dotted reference lines; a legend under the plot.
        /// </summary>
        public static void LineChart(StringBuilder b, string id, string title, string desc, string xLabel, string yLabel, IReadOnlyList<Series> series,
            double? yMaxFixed = null, Func<double, string>? xTickText = null, double? yClip = null)
        {
            double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity, yMax = 0;
            foreach (var s in series)
            {
                for (int i = 0; i < s.X.Length; i++)
                {
                    xMin = Math.Min(xMin, s.X[i]);
                    xMax = Math.Max(xMax, s.X[i]);
                    if (!double.IsNaN(s.Y[i])) yMax = Math.Max(yMax, s.Y[i]);
                }
                if (s.Reference.HasValue) yMax = Math.Max(yMax, s.Reference.Value);
            }
            if (double.IsInfinity(xMin)) { xMin = 0; xMax = 1; }
            if (yClip.HasValue && yMax > yClip.Value) yMax = yClip.Value;
            if (!(xMax > xMin)) xMax = xMin + 1;
            var yTicks = Ticks(0, yMaxFixed ?? (yMax > 0 ? yMax : 1));
            double yTop = yTicks[yTicks.Length - 1];
            const int plotH = 240;
            int legendRows = (series.Count + 3) / 4;
            int height = Top + plotH + 44 + legendRows * 18 + 6;
            double pw = Width - Left - Right;
            Func<double, double> X = x => Left + (x - xMin) / (xMax - xMin) * pw;
            Func<double, double> Y = y => Top + plotH - y / yTop * plotH;
            Open(b, id, height, title, desc);
            // grid and y axis
            foreach (var t in yTicks)
            {
                b.Append("<line class=\"grid\" x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(ReportText.Coord(Y(t)))
                 .Append("\" y2=\"").Append(ReportText.Coord(Y(t))).Append("\"/>");
                b.Append("<text class=\"tick\" x=\"").Append(Left - 6).Append("\" y=\"").Append(ReportText.Coord(Y(t) + 4)).Append("\" text-anchor=\"end\">")
                 .Append(Tick(t)).Append("</text>\n");
            }
            var xTicks = Ticks(xMin, xMax);
            foreach (var t in xTicks)
            {
                if (t < xMin - 1e-9 || t > xMax + 1e-9) continue;
                // The last label ends at its tick, so a long number is not cut at the right edge.
                b.Append("<text class=\"tick\" x=\"").Append(ReportText.Coord(X(t))).Append("\" y=\"").Append(Top + plotH + 16).Append(X(t) > Width - Right - 30 ? "\" text-anchor=\"end\">" : "\" text-anchor=\"middle\">")
                 .Append(ReportText.Escape(xTickText != null ? xTickText(t) : Tick(t))).Append("</text>");
            }
            b.Append("\n<line class=\"axis\" x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(Top + plotH).Append("\" y2=\"").Append(Top + plotH).Append("\"/>")
             .Append("<line class=\"axis\" x1=\"").Append(Left).Append("\" x2=\"").Append(Left).Append("\" y1=\"").Append(Top).Append("\" y2=\"").Append(Top + plotH).Append("\"/>\n");
            b.Append("<text class=\"label\" x=\"").Append(ReportText.Coord(Left + pw / 2)).Append("\" y=\"").Append(Top + plotH + 32).Append("\" text-anchor=\"middle\">").Append(ReportText.Escape(xLabel)).Append("</text>")
             .Append("<text class=\"label\" transform=\"translate(14 ").Append(Top + plotH / 2).Append(") rotate(-90)\" text-anchor=\"middle\">").Append(ReportText.Escape(yLabel)).Append("</text>\n");
            foreach (var s in series)
            {
                if (s.Reference.HasValue)
                    b.Append("<line class=\"ref s").Append(s.Style).Append("\" x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"")
                     .Append(ReportText.Coord(Y(s.Reference.Value))).Append("\" y2=\"").Append(ReportText.Coord(Y(s.Reference.Value))).Append("\"/>\n");
            }
            foreach (var s in series)
            {
                b.Append("<g class=\"series s").Append(s.Style).Append("\"><title>").Append(ReportText.Escape(s.Name)).Append("</title>");
                bool open = false;
                int points = 0;
                for (int i = 0; i < s.X.Length; i++)
                {
                    if (double.IsNaN(s.Y[i]))
                    {
                        if (open) { b.Append("\"/>"); open = false; }
                        continue;
                    }
                    if (!open) { b.Append("<polyline points=\""); open = true; }
                    else b.Append(' ');
                    b.Append(ReportText.Coord(X(s.X[i]))).Append(',').Append(ReportText.Coord(Y(Math.Min(s.Y[i], yTop))));
                    points++;
                }
                if (open) b.Append("\"/>");
                if (points == 1)
                    for (int i = 0; i < s.X.Length; i++)
                        if (!double.IsNaN(s.Y[i]))
                            b.Append("<circle r=\"3\" cx=\"").Append(ReportText.Coord(X(s.X[i]))).Append("\" cy=\"").Append(ReportText.Coord(Y(Math.Min(s.Y[i], yTop)))).Append("\"/>");
                b.Append("</g>\n");
            }
            int ly = Top + plotH + 48;
            for (int i = 0; i < series.Count; i++)
            {
                int lx = Left + (i % 4) * 205, row = ly + (i / 4) * 18;
                b.Append("<line class=\"key s").Append(series[i].Style).Append("\" x1=\"").Append(lx).Append("\" x2=\"").Append(lx + 22).Append("\" y1=\"").Append(row - 4).Append("\" y2=\"").Append(row - 4).Append("\"/>")
                 .Append("<text class=\"legend\" x=\"").Append(lx + 28).Append("\" y=\"").Append(row).Append("\">").Append(ReportText.Short(series[i].Name, 26)).Append("</text>\n");
            }
            b.Append("</svg>\n");
        }

        /// <summary>Horizontal bars, one row per item, scaled to the largest value, mark or limit (a limit far beyond the rest is not drawn).</summary>
        public static void Bars(StringBuilder b, string id, string title, string desc, string valueLabel, IReadOnlyList<Bar> bars, string? markLegend = null, string? limitLegend = null, string? secondLegend = null)
        {
            const int labelW = 150, noteW = 70, rowH = 20;
            double max = 0;
            bool anyLimit = false;
            foreach (var r in bars)
            {
                max = Math.Max(max, Math.Max(r.Value, Math.Max(r.Mark ?? 0, r.Second ?? 0)));
                anyLimit |= r.Limit.HasValue;
            }
            if (!anyLimit) limitLegend = null;
            double limitCap = max > 0 ? max * 1.5 : double.PositiveInfinity;
            foreach (var r in bars) if (r.Limit.HasValue && r.Limit.Value <= limitCap) max = Math.Max(max, r.Limit.Value);
            var ticks = Ticks(0, max > 0 ? max : 1);
            double top = ticks[ticks.Length - 1];
            int x0 = labelW + 8, pw = Width - x0 - noteW - Right;
            int keys = (markLegend != null ? 1 : 0) + (limitLegend != null ? 1 : 0) + (secondLegend != null ? 1 : 0);
            int plotTop = Top + (keys > 0 ? 20 : 0);
            int height = plotTop + bars.Count * rowH + 40;
            Func<double, double> X = v => x0 + v / top * pw;
            Open(b, id, height, title, desc);
            int kx = x0;
            if (markLegend != null)
            {
                b.Append("<line class=\"mark\" x1=\"").Append(kx + 4).Append("\" x2=\"").Append(kx + 4).Append("\" y1=\"").Append(Top - 2).Append("\" y2=\"").Append(Top + 12).Append("\"/>")
                 .Append("<text class=\"legend\" x=\"").Append(kx + 12).Append("\" y=\"").Append(Top + 10).Append("\">").Append(ReportText.Escape(markLegend)).Append("</text>");
                kx += 170;
            }
            if (limitLegend != null)
            {
                b.Append("<line class=\"limit\" x1=\"").Append(kx + 4).Append("\" x2=\"").Append(kx + 4).Append("\" y1=\"").Append(Top - 2).Append("\" y2=\"").Append(Top + 12).Append("\"/>")
                 .Append("<text class=\"legend\" x=\"").Append(kx + 12).Append("\" y=\"").Append(Top + 10).Append("\">").Append(ReportText.Escape(limitLegend)).Append("</text>");
                kx += 170;
            }
            if (secondLegend != null)
            {
                b.Append("<rect class=\"second\" x=\"").Append(kx).Append("\" y=\"").Append(Top + 2).Append("\" width=\"16\" height=\"6\"/>")
                 .Append("<text class=\"legend\" x=\"").Append(kx + 22).Append("\" y=\"").Append(Top + 10).Append("\">").Append(ReportText.Escape(secondLegend)).Append("</text>");
            }
            b.Append('\n');
            ValueAxis(b, ticks, X, plotTop, plotTop + bars.Count * rowH, x0 + pw / 2, valueLabel);
            for (int i = 0; i < bars.Count; i++)
            {
                var r = bars[i];
                int y = plotTop + i * rowH;
                bool second = r.Second.HasValue;
                int barH = second ? 9 : 14;
                b.Append("<g class=\"row\"><title>").Append(ReportText.Escape(r.Tooltip)).Append("</title>")
                 .Append("<text class=\"name\" x=\"").Append(labelW).Append("\" y=\"").Append(y + 14).Append("\" text-anchor=\"end\">").Append(ReportText.Short(r.Label, 22)).Append("</text>")
                 .Append("<rect class=\"bar s").Append(r.Style).Append("\" x=\"").Append(x0).Append("\" y=\"").Append(y + 3).Append("\" width=\"").Append(ReportText.Coord(Math.Max(0, X(r.Value) - x0)))
                 .Append("\" height=\"").Append(barH).Append("\"/>");
                if (second)
                    b.Append("<rect class=\"second\" x=\"").Append(x0).Append("\" y=\"").Append(y + 13).Append("\" width=\"").Append(ReportText.Coord(Math.Max(0, X(r.Second!.Value) - x0)))
                     .Append("\" height=\"5\"/>");
                if (r.Mark.HasValue)
                    b.Append("<line class=\"mark\" x1=\"").Append(ReportText.Coord(X(r.Mark.Value))).Append("\" x2=\"").Append(ReportText.Coord(X(r.Mark.Value))).Append("\" y1=\"").Append(y + 1)
                     .Append("\" y2=\"").Append(y + 19).Append("\"/>");
                if (r.Limit.HasValue && r.Limit.Value <= top)
                    b.Append("<line class=\"limit\" x1=\"").Append(ReportText.Coord(X(r.Limit.Value))).Append("\" x2=\"").Append(ReportText.Coord(X(r.Limit.Value))).Append("\" y1=\"").Append(y)
                     .Append("\" y2=\"").Append(y + 20).Append("\"/>");
                if (r.Note != null)
                    b.Append("<text class=\"note\" x=\"").Append(Width - Right).Append("\" y=\"").Append(y + 14).Append("\" text-anchor=\"end\">").Append(ReportText.Escape(r.Note)).Append("</text>");
                b.Append("</g>\n");
            }
            b.Append("</svg>\n");
        }

        /// <summary>The value axis of the horizontal charts: a grid line and tick label per tick from y1 to y2, and the axis label under them.</summary>
        private static void ValueAxis(StringBuilder b, double[] ticks, Func<double, double> X, int y1, int y2, int labelX, string valueLabel)
        {
            foreach (var t in ticks)
                b.Append("<line class=\"grid\" x1=\"").Append(ReportText.Coord(X(t))).Append("\" x2=\"").Append(ReportText.Coord(X(t))).Append("\" y1=\"").Append(y1)
                 .Append("\" y2=\"").Append(y2).Append("\"/><text class=\"tick\" x=\"").Append(ReportText.Coord(X(t))).Append("\" y=\"")
                 .Append(y2 + 14).Append("\" text-anchor=\"middle\">").Append(Tick(t)).Append("</text>");
            b.Append("\n<text class=\"label\" x=\"").Append(labelX).Append("\" y=\"").Append(y2 + 32).Append("\" text-anchor=\"middle\">")
             .Append(ReportText.Escape(valueLabel)).Append("</text>\n");
        }

        /// <summary>Horizontal box plots on one scale: whiskers min to max, box first to third quartile, median line, a diamond at p95.</summary>
        public static void Boxes(StringBuilder b, string id, string title, string desc, string valueLabel, IReadOnlyList<Box> boxes)
        {
            const int labelW = 110, rowH = 36, noteW = 90;
            double max = 0;
            foreach (var x in boxes) if (x.Count > 0) max = Math.Max(max, x.Max);
            var ticks = Ticks(0, max > 0 ? max : 1);
            double top = ticks[ticks.Length - 1];
            int x0 = labelW + 8, pw = Width - x0 - noteW - Right;
            int height = Top + boxes.Count * rowH + 40;
            Func<double, double> X = v => x0 + v / top * pw;
            Open(b, id, height, title, desc);
            ValueAxis(b, ticks, X, Top, Top + boxes.Count * rowH, x0 + pw / 2, valueLabel);
            for (int i = 0; i < boxes.Count; i++)
            {
                var x = boxes[i];
                int y = Top + i * rowH, mid = y + rowH / 2;
                b.Append("<g class=\"row s").Append(i).Append("\"><title>").Append(ReportText.Escape(x.Label + ": " + x.Count + " tasks" + (x.Count == 0 ? "" :
                    ", min " + ReportText.Num(x.Min) + ", median " + ReportText.Num(x.Median) + ", p95 " + ReportText.Num(x.P95) + ", max " + ReportText.Num(x.Max))))
                 .Append("</title><text class=\"name\" x=\"").Append(labelW).Append("\" y=\"").Append(mid + 4).Append("\" text-anchor=\"end\">").Append(ReportText.Escape(x.Label)).Append("</text>");
                if (x.Count == 0)
                    b.Append("<text class=\"note\" x=\"").Append(x0 + 4).Append("\" y=\"").Append(mid + 4).Append("\">no assigned task</text>");
                else
                {
                    b.Append("<line class=\"whisker\" x1=\"").Append(ReportText.Coord(X(x.Min))).Append("\" x2=\"").Append(ReportText.Coord(X(x.Max))).Append("\" y1=\"").Append(mid).Append("\" y2=\"").Append(mid).Append("\"/>")
                     .Append("<line class=\"whisker\" x1=\"").Append(ReportText.Coord(X(x.Min))).Append("\" x2=\"").Append(ReportText.Coord(X(x.Min))).Append("\" y1=\"").Append(mid - 6).Append("\" y2=\"").Append(mid + 6).Append("\"/>")
                     .Append("<line class=\"whisker\" x1=\"").Append(ReportText.Coord(X(x.Max))).Append("\" x2=\"").Append(ReportText.Coord(X(x.Max))).Append("\" y1=\"").Append(mid - 6).Append("\" y2=\"").Append(mid + 6).Append("\"/>")
                     .Append("<rect class=\"box\" x=\"").Append(ReportText.Coord(X(x.Q1))).Append("\" y=\"").Append(mid - 10).Append("\" width=\"").Append(ReportText.Coord(Math.Max(1, X(x.Q3) - X(x.Q1))))
                     .Append("\" height=\"20\"/>")
                     .Append("<line class=\"median\" x1=\"").Append(ReportText.Coord(X(x.Median))).Append("\" x2=\"").Append(ReportText.Coord(X(x.Median))).Append("\" y1=\"").Append(mid - 10).Append("\" y2=\"").Append(mid + 10).Append("\"/>")
                     .Append("<path class=\"p95\" d=\"M").Append(ReportText.Coord(X(x.P95))).Append(' ').Append(mid - 6).Append(" l5 6 l-5 6 l-5 -6 z\"/>");
                    b.Append("<text class=\"note\" x=\"").Append(Width - Right).Append("\" y=\"").Append(mid + 4).Append("\" text-anchor=\"end\">").Append(ReportText.Count(x.Count)).Append(x.Count == 1 ? " task</text>" : " tasks</text>");
                }
                b.Append("</g>\n");
            }
            b.Append("</svg>\n");
        }
    }
}
