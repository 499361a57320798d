using System;
using System.Globalization;

namespace FairnessGovernor.Canonical
{
    /// <summary>
    /// Formats doubles the way the prototype (Python's repr) writes them in JSON: shortest
    /// round-trip digits, always with a decimal point or exponent (3.0, 1.5, 1e+16).
    /// </summary>
    public static class PythonNumber
    {
        /// <summary>The Python repr of a finite double.</summary>
        public static string Format(double value)
        {
            if (double.IsNaN(value)) return "NaN";
            if (double.IsPositiveInfinity(value)) return "Infinity";
            if (double.IsNegativeInfinity(value)) return "-Infinity";
            if (value == 0) return (1 / value) < 0 ? "-0.0" : "0.0";
            // A whole number below 1e16 is what Python's repr writes as its digits and ".0" (durations, arrivals, quotas):
            // the general layout below gives the same text, with more work.
            if (Math.Abs(value) < 1e16 && value == Math.Floor(value)) return ((long)value).ToString(CultureInfo.InvariantCulture) + ".0";
            var r = value.ToString("R", CultureInfo.InvariantCulture);
            // Split into digits and exponent, then lay out as Python does.
            string mantissa = r;
            int exp = 0;
            int e = r.IndexOfAny(new[] { 'E', 'e' });
            if (e >= 0)
            {
                mantissa = r.Substring(0, e);
                exp = int.Parse(r.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            }
            bool negative = mantissa.StartsWith("-", StringComparison.Ordinal);
            if (negative) mantissa = mantissa.Substring(1);
            int dot = mantissa.IndexOf('.');
            string digits = dot < 0 ? mantissa : mantissa.Substring(0, dot) + mantissa.Substring(dot + 1);
            int pointPos = (dot < 0 ? mantissa.Length : dot) + exp; // digits before the decimal point
            int lead = 0;
            while (lead < digits.Length - 1 && digits[lead] == '0') { lead++; pointPos--; }
            digits = digits.Substring(lead).TrimEnd('0');
            if (digits.Length == 0) digits = "0";
            int decimalExponent = pointPos - 1; // scientific exponent
            string body;
            if (decimalExponent < -4 || decimalExponent >= 16)
            {
                body = digits.Substring(0, 1) + (digits.Length > 1 ? "." + digits.Substring(1) : "") + "e" + (decimalExponent < 0 ? "-" : "+") + Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture);
            }
            else if (pointPos <= 0)
            {
                body = "0." + new string('0', -pointPos) + digits;
            }
            else if (pointPos >= digits.Length)
            {
                body = digits + new string('0', pointPos - digits.Length) + ".0";
            }
            else
            {
                body = digits.Substring(0, pointPos) + "." + digits.Substring(pointPos);
            }
            return negative ? "-" + body : body;
        }
    }
}
