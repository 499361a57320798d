using System;
using System.Globalization;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// The rules for ids and numbers that every reader applies (SPEC.md 1.3-1.6): <see cref="ItemReader"/> words
    /// their errors, the JSON fast path (<see cref="JsonItemStream"/>) leaves any failure to the general path, so the
    /// two accept exactly the same input.
    /// </summary>
    internal static class InputRules
    {
        /// <summary>What a check found.</summary>
        internal enum Outcome
        {
            /// <summary>The value is valid.</summary>
            Ok,

            /// <summary>An id that is empty or white space (MissingId).</summary>
            Blank,

            /// <summary>An id longer than the limit (InvalidId).</summary>
            TooLong,

            /// <summary>A literal that does not parse as a number.</summary>
            NotANumber,

            /// <summary>NaN or an infinity where a whole number is expected.</summary>
            NotFinite,

            /// <summary>A number with a fraction where a whole number is expected.</summary>
            Fraction,

            /// <summary>A number outside the accepted range (or, for a finite number, NaN or an infinity).</summary>
            OutOfRange,
        }

        /// <summary>An id: a string that is not empty or white space, of at most <paramref name="maxLength"/> characters.</summary>
        public static Outcome Id(string id, int maxLength) =>
            id.Trim().Length == 0 ? Outcome.Blank : id.Length > maxLength ? Outcome.TooLong : Outcome.Ok;

        /// <summary>
        /// A whole number from <paramref name="min"/> to <paramref name="max"/> written as <paramref name="literal"/>:
        /// an integer literal, or a floating-point one with no fraction (2.0).
        /// </summary>
        public static Outcome Whole(string literal, long min, long max, out long value)
        {
            value = 0;
            if (long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
            {
                if (whole < min || whole > max) return Outcome.OutOfRange;
                value = whole;
                return Outcome.Ok;
            }
            if (double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            {
                if (double.IsNaN(d) || double.IsInfinity(d)) return Outcome.NotFinite;
                if (d == Math.Floor(d) && d >= min && d <= max)
                {
                    value = (long)d;
                    return Outcome.Ok;
                }
                if (d != Math.Floor(d)) return Outcome.Fraction;
                return Outcome.OutOfRange;
            }
            return Outcome.NotANumber;
        }

        /// <summary>A finite number from <paramref name="min"/> to <paramref name="max"/> written as <paramref name="literal"/>.</summary>
        public static Outcome Finite(string literal, double min, double max, out double value)
        {
            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return Outcome.NotANumber;
            if (double.IsNaN(value) || double.IsInfinity(value) || value < min || value > max) return Outcome.OutOfRange;
            return Outcome.Ok;
        }

        /// <summary>The start of a whole-number error: "expected a whole number from MIN to MAX".</summary>
        public static string ExpectedWhole(long min, long max) =>
            "expected a whole number from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture);

        /// <summary>The start of a number error: "expected a finite number from MIN to MAX".</summary>
        public static string ExpectedFinite(double min, double max) =>
            "expected a finite number from " + min.ToString("R", CultureInfo.InvariantCulture) + " to " + max.ToString("R", CultureInfo.InvariantCulture);
    }
}
