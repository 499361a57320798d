using System;
using System.Text;
using System.Text.Json;

namespace FairnessGovernor.Canonical
{
    /// <summary>
    /// JSON strings as Python's <c>json.dumps(..., ensure_ascii=False)</c> writes them (SPEC.md 4.1): <c>"</c> and
    /// <c>\</c> escaped, the control characters U+0000-U+001F as <c>\b \t \n \f \r</c> or <c>\u00xx</c> (lower-case
    /// hex), every other character as itself (UTF-8 in bytes: U+007F, U+0085, U+2028 and emoji included). One fixed
    /// rule, independent of any Unicode table, used by the output document, the evidence line and the canonical forms
    /// the digests hash. A lone surrogate (possible only in a .NET string, never in UTF-8 input) has no UTF-8 form; it
    /// is written as <c>\udxxx</c>, as Python's ensure_ascii=True writes it.
    /// </summary>
    internal static class PythonJson
    {
        private const string Hex = "0123456789abcdef";

        /// <summary>The character's escape, or null when it is written as itself.</summary>
        private static string? ShortEscape(char c)
        {
            switch (c)
            {
                case '"': return "\\\"";
                case '\\': return "\\\\";
                case '\n': return "\\n";
                case '\r': return "\\r";
                case '\t': return "\\t";
                case '\b': return "\\b";
                case '\f': return "\\f";
                default: return null;
            }
        }

        /// <summary>True when <paramref name="s"/> is written as itself between the quotes.</summary>
        public static bool IsPlain(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c < 0x20 || c == '"' || c == '\\') return false;
                if (char.IsSurrogate(c))
                {
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                    return false;
                }
            }
            return true;
        }

        /// <summary>Appends <paramref name="s"/> quoted and escaped.</summary>
        public static void AppendQuoted(StringBuilder sb, string s)
        {
            sb.Append('"');
            if (IsPlain(s)) sb.Append(s);
            else
            {
                for (int i = 0; i < s.Length; i++)
                {
                    char c = s[i];
                    var e = ShortEscape(c);
                    if (e != null) sb.Append(e);
                    else if (c < 0x20) AppendUnicodeEscape(sb, c);
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[i + 1]); i++; }
                    else if (char.IsSurrogate(c)) AppendUnicodeEscape(sb, c);
                    else sb.Append(c);
                }
            }
            sb.Append('"');
        }

        private static void AppendUnicodeEscape(StringBuilder sb, char c) =>
            sb.Append("\\u").Append(Hex[(c >> 12) & 0xF]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);

        /// <summary><paramref name="s"/> quoted and escaped.</summary>
        public static string Quote(string s)
        {
            var sb = new StringBuilder(s.Length + 2);
            AppendQuoted(sb, s);
            return sb.ToString();
        }

        /// <summary>The UTF-8 bytes of <see cref="Quote"/> (escapes are ASCII, so a lone surrogate never reaches the encoder).</summary>
        public static byte[] QuoteUtf8(string s) => Encoding.UTF8.GetBytes(Quote(s));

        /// <summary>
        /// Writes the quoted form of valid UTF-8 <paramref name="utf8"/> into <paramref name="buffer"/> at
        /// <paramref name="at"/> (grown when needed); returns the new end. Bytes of 0x80 and up are copied: UTF-8 text
        /// needs escapes only for <c>"</c>, <c>\</c> and the control characters, all ASCII.
        /// </summary>
        public static int QuoteUtf8(ReadOnlySpan<byte> utf8, ref byte[] buffer, int at)
        {
            int need = at + utf8.Length * 6 + 2;
            if (need > buffer.Length) Array.Resize(ref buffer, Math.Max(need, buffer.Length * 2));
            buffer[at++] = (byte)'"';
            int plain = 0;
            while (plain < utf8.Length)
            {
                byte b = utf8[plain];
                if (b < 0x20 || b == (byte)'"' || b == (byte)'\\') break;
                plain++;
            }
            if (plain == utf8.Length)
            {
                // The usual id: nothing to escape, one copy.
                utf8.CopyTo(new Span<byte>(buffer, at, utf8.Length));
                at += utf8.Length;
                buffer[at++] = (byte)'"';
                return at;
            }
            for (int i = 0; i < utf8.Length; i++)
            {
                byte b = utf8[i];
                if (b >= 0x20 && b != (byte)'"' && b != (byte)'\\') { buffer[at++] = b; continue; }
                var e = ShortEscape((char)b);
                if (e != null)
                {
                    buffer[at++] = (byte)e[0];
                    buffer[at++] = (byte)e[1];
                }
                else
                {
                    buffer[at++] = (byte)'\\';
                    buffer[at++] = (byte)'u';
                    buffer[at++] = (byte)'0';
                    buffer[at++] = (byte)'0';
                    buffer[at++] = (byte)Hex[b >> 4];
                    buffer[at++] = (byte)Hex[b & 0xF];
                }
            }
            buffer[at++] = (byte)'"';
            return at;
        }

        /// <summary>Writes <c>"name": value</c> with the value escaped by this rule (the name is one of the format's own ASCII keys).</summary>
        public static void WriteString(Utf8JsonWriter w, string name, string value)
        {
            w.WritePropertyName(name);
            WriteStringValue(w, value);
        }

        /// <summary>Writes a string value escaped by this rule, whatever the writer's own encoder.</summary>
        public static void WriteStringValue(Utf8JsonWriter w, string value)
        {
            var buffer = _buffer ??= new byte[256];
            int at;
            if (IsPlain(value))
            {
                int max = Encoding.UTF8.GetMaxByteCount(value.Length) + 2;
                if (max > buffer.Length) _buffer = buffer = new byte[Math.Max(max, buffer.Length * 2)];
                buffer[0] = (byte)'"';
                at = 1 + Encoding.UTF8.GetBytes(value, 0, value.Length, buffer, 1);
                buffer[at++] = (byte)'"';
            }
            else
            {
                var quoted = QuoteUtf8(value);
                w.WriteRawValue(quoted, skipInputValidation: true);
                return;
            }
            w.WriteRawValue(new ReadOnlySpan<byte>(buffer, 0, at), skipInputValidation: true);
        }

        [ThreadStatic] private static byte[]? _buffer;
    }
}
