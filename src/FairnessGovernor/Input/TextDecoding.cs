using System.Text;

namespace FairnessGovernor.Input
{
    /// <summary>Byte-order marks and encodings accepted for input files.</summary>
    internal static class TextDecoding
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>
        /// Returns UTF-8 bytes and the offset past any UTF-8 BOM. UTF-16 (LE or BE) with a BOM is
        /// transcoded. Invalid UTF-8 is rejected with InvalidEncoding.
        /// </summary>
        public static byte[] ToUtf8(byte[] bytes, string source, out int start)
        {
            start = 0;
            if (bytes.Length >= 4 && ((bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0) || (bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF)))
                throw new FairnessInputException("InvalidEncoding", source, null, null,
                    "the file starts with a UTF-32 " + (bytes[0] == 0 ? "BE" : "LE") + " byte-order mark; UTF-32 is not read: " + SaveAs);
            if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            {
                var enc = bytes[0] == 0xFF ? (Encoding)new UnicodeEncoding(false, true, true) : new UnicodeEncoding(true, true, true);
                try
                {
                    return StrictUtf8.GetBytes(enc.GetString(bytes, 2, bytes.Length - 2));
                }
                catch (DecoderFallbackException ex)
                {
                    throw new FairnessInputException("InvalidEncoding", source, null, null, "the file starts with a UTF-16 byte-order mark but is not valid UTF-16.", 0, 0, ex);
                }
            }
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) start = 3;
            ValidateUtf8(bytes, start, source);
            return bytes;
        }

        /// <summary>Decodes to a string, accepting the same encodings as <see cref="ToUtf8"/>.</summary>
        public static string ToText(byte[] bytes, string source)
        {
            var utf8 = ToUtf8(bytes, source, out int start);
            return StrictUtf8.GetString(utf8, start, utf8.Length - start);
        }

        private static void ValidateUtf8(byte[] bytes, int start, string source)
        {
            int line = 1, col = 1;
            int i = start;
            while (i < bytes.Length)
            {
                byte b = bytes[i];
                if (b < 0x80)
                {
                    if (b == 0) throw Nul(bytes, start, source, line, col, i);
                    if (b == (byte)'\n') { line++; col = 1; } else col++;
                    i++;
                    continue;
                }
                int need; int min;
                if ((b & 0xE0) == 0xC0) { need = 1; min = 0x80; }
                else if ((b & 0xF0) == 0xE0) { need = 2; min = 0x800; }
                else if ((b & 0xF8) == 0xF0) { need = 3; min = 0x10000; }
                else throw Bad(source, line, col, i);
                int cp = b & (0x3F >> need);
                for (int k = 1; k <= need; k++)
                {
                    if (i + k >= bytes.Length) throw Bad(source, line, col, i);
                    byte c = bytes[i + k];
                    if ((c & 0xC0) != 0x80) throw Bad(source, line, col, i);
                    cp = (cp << 6) | (c & 0x3F);
                }
                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) throw Bad(source, line, col, i);
                i += need + 1;
                col++;
            }
        }

        private const string SaveAs = "save the file as UTF-8 (with or without BOM) or as UTF-16 with a BOM.";

        private static FairnessInputException Bad(string source, int line, int col, int offset) =>
            new FairnessInputException("InvalidEncoding", source, null, null,
                "invalid UTF-8 at byte offset " + offset + "; " + SaveAs, line, col);

        /// <summary>
        /// A NUL byte: JSON and YAML text never holds one, so the file is in another encoding. Text that is mostly
        /// ASCII shows which by where its zero bytes fall in the first four bytes (UTF-16 without a BOM: every other
        /// byte; UTF-32: three of every four), so the message names the likely encoding instead of a parser's
        /// "'0x00' is an invalid start of a value".
        /// </summary>
        private static FairnessInputException Nul(byte[] bytes, int start, string source, int line, int col, int offset)
        {
            string guess = "";
            if (bytes.Length - start >= 4)
            {
                bool z0 = bytes[start] == 0, z1 = bytes[start + 1] == 0, z2 = bytes[start + 2] == 0, z3 = bytes[start + 3] == 0;
                if (z0 && z1 && z2 && !z3) guess = "UTF-32 BE";
                else if (!z0 && z1 && z2 && z3) guess = "UTF-32 LE";
                else if (z0 && !z1 && z2 && !z3) guess = "UTF-16 BE";
                else if (!z0 && z1 && !z2 && z3) guess = "UTF-16 LE";
            }
            else if (bytes.Length - start >= 2)
            {
                if (bytes[start] == 0 && bytes[start + 1] != 0) guess = "UTF-16 BE";
                else if (bytes[start] != 0 && bytes[start + 1] == 0) guess = "UTF-16 LE";
            }
            var what = guess.Length > 0
                ? "the file looks like " + guess + " text without a byte-order mark (a NUL byte at byte offset " + offset + ")"
                : "the file holds a NUL byte at byte offset " + offset + ", which JSON and YAML text never holds: it is binary, or text in an encoding other than UTF-8 or UTF-16 with a BOM";
            return new FairnessInputException("InvalidEncoding", source, null, null, what + "; " + SaveAs, line, col);
        }
    }
}
