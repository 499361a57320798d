using System;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// Reads a duration as policy key <c>usage_half_life</c> takes it (SPEC.md 7.10): a number of seconds; a number and a
    /// unit (<c>"7d"</c>, <c>"36h"</c>, <c>"90m"</c>, <c>"45s"</c>, fractions allowed); ISO 8601 without years or months
    /// (<c>"P7D"</c>, <c>"PT36H"</c>, <c>"P1DT12H"</c>); or a .NET TimeSpan text (<c>"1.12:00:00"</c>, what a [TimeSpan]
    /// becomes).
    /// </summary>
    public static class HalfLifeText
    {
        /// <summary>What the error messages say is expected.</summary>
        public const string Expected = "a duration more than 0 and at most 36500 days: \"7d\", \"36h\", \"90m\", \"45s\", ISO 8601 (\"P7D\", \"PT36H\") or a number of seconds";

        private static readonly Regex UnitForm = new Regex(@"^([0-9]+(?:\.[0-9]+)?)\s*([dhms])$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>Parses <paramref name="text"/>; false when it is not one of the accepted forms (the range is not checked).</summary>
        public static bool TryParse(string? text, out TimeSpan value)
        {
            value = TimeSpan.Zero;
            if (text == null) return false;
            var t = text.Trim();
            if (t.Length == 0) return false;
            var m = UnitForm.Match(t);
            if (m.Success)
            {
                double n = double.Parse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                double seconds = n * (char.ToLowerInvariant(m.Groups[2].Value[0]) switch { 'd' => 86400.0, 'h' => 3600.0, 'm' => 60.0, _ => 1.0 });
                return FromSeconds(seconds, out value);
            }
            if (t[0] == 'P' || t[0] == 'p')
            {
                int tee = t.IndexOfAny(new[] { 'T', 't' });
                string date = tee < 0 ? t : t.Substring(0, tee);
                if (date.IndexOfAny(new[] { 'Y', 'y', 'M', 'm' }) >= 0) return false; // years and months have no fixed length
                try
                {
                    value = XmlConvert.ToTimeSpan(t.ToUpperInvariant());
                    return true;
                }
                catch (FormatException) { return false; }
                catch (OverflowException) { return false; }
            }
            if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double s)) return FromSeconds(s, out value);
            return TimeSpan.TryParseExact(t, "c", CultureInfo.InvariantCulture, out value);
        }

        /// <summary>A number of seconds as a TimeSpan (rounded to 100 ns); false when not finite or too large.</summary>
        public static bool FromSeconds(double seconds, out TimeSpan value)
        {
            value = TimeSpan.Zero;
            if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Abs(seconds) > TimeSpan.MaxValue.TotalSeconds / 2) return false;
            value = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            return true;
        }
    }
}
