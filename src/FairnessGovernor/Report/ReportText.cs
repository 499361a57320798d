using System;
using System.Globalization;
using System.Text;

namespace FairnessGovernor.Report
{
    /// <summary>
    /// Text of the report: escaping for HTML and SVG (one escape serves both, so an inline SVG is also well-formed
    /// XML) and invariant-culture numbers, so the same input gives the same bytes on every machine.
    /// </summary>
    internal static class ReportText
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        /// <summary>
        /// Escapes &amp; &lt; &gt; " and '; characters XML does not allow (controls other than tab, line feed and carriage
        /// return, U+FFFE, U+FFFF, lone surrogates) become U+FFFD, so an id can never break the markup.
        /// </summary>
        public static string Escape(string? s)
        {
            if (string.IsNullOrEmpty(s)) return "";
            StringBuilder? b = null;
            for (int i = 0; i < s!.Length; i++)
            {
                char c = s[i];
                string? rep = null;
                switch (c)
                {
                    case '&': rep = "&amp;"; break;
                    case '<': rep = "&lt;"; break;
                    case '>': rep = "&gt;"; break;
                    case '"': rep = "&quot;"; break;
                    case '\'': rep = "&#39;"; break;
                    default:
                        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF' || (c >= 0x7F && c <= 0x9F)) rep = "\uFFFD";
                        else if (char.IsHighSurrogate(c))
                        {
                            if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                            {
                                b?.Append(c).Append(s[i + 1]);
                                i++;
                                continue;
                            }
                            rep = "\uFFFD";
                        }
                        else if (char.IsLowSurrogate(c)) rep = "\uFFFD";
                        break;
                }
                if (rep != null)
                {
                    if (b == null) b = new StringBuilder(s.Length + 16).Append(s, 0, i);
                    b.Append(rep);
                }
                else b?.Append(c);
            }
            return b == null ? s : b.ToString();
        }

        /// <summary><paramref name="s"/> cut to <paramref name="max"/> characters (an ellipsis marks the cut), escaped.</summary>
        public static string Short(string s, int max) =>
            Escape(s.Length <= max ? s : s.Substring(0, char.IsHighSurrogate(s[max - 2]) ? max - 2 : max - 1) + "\u2026");

        /// <summary>A figure with at most <paramref name="decimals"/> decimals, trailing zeros dropped: 0.857, 2, -0.5.</summary>
        public static string Num(double v, int decimals = 3)
        {
            if (double.IsNaN(v)) return "n/a";
            if (double.IsInfinity(v)) return v > 0 ? "\u221E" : "-\u221E";
            var text = Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', decimals), Inv);
            return text == "-0" ? "0" : text;
        }

        /// <summary>A whole number with thousands separators: 1,000,000.</summary>
        public static string Count(long v) => v.ToString("#,0", Inv);

        /// <summary>A signed figure: +0.5, -0.5, 0.</summary>
        public static string Signed(double v, int decimals = 3)
        {
            var text = Num(v, decimals);
            return text != "0" && text[0] != '-' && text != "n/a" ? "+" + text : text;
        }

        /// <summary>An SVG coordinate: one decimal.</summary>
        public static string Coord(double v)
        {
            var text = Math.Round(v, 1, MidpointRounding.AwayFromZero).ToString("0.#", Inv);
            return text == "-0" ? "0" : text;
        }

        /// <summary>A UTC time as ISO 8601 to the second: 2026-12-02T18:00:00Z.</summary>
        public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv);

        /// <summary>A UTC time with microseconds, as the evidence log writes it.</summary>
        public static string PreciseTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", Inv);

        /// <summary>A percentage of a share (0.25 gives 25%).</summary>
        public static string Percent(double share) => Num(share * 100, 1) + "%";
    }
}
