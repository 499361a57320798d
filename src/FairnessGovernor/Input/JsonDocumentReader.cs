using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace FairnessGovernor.Input
{
    /// <summary>Reads a JSON document into <see cref="InputValue"/>s with line and column of every value.</summary>
    public static class JsonDocumentReader
    {
        /// <summary>Parses UTF-8 (BOM optional) or BOM-marked UTF-16 JSON text.</summary>
        /// <exception cref="FairnessInputException">InvalidJson, DuplicateKey, InputTooDeep, InvalidEncoding.</exception>
        public static InputValue Read(byte[] bytes, string sourceName, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            var utf8 = TextDecoding.ToUtf8(bytes, sourceName, out int start);
            var span = new ReadOnlySpan<byte>(utf8, start, utf8.Length - start);
            var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = limits.MaxDepth + 1 };
            var reader = new Utf8JsonReader(span, options);
            var positions = new PositionTracker(utf8, start);
            if (IsBlank(span))
                throw new FairnessInputException("EmptyInput", sourceName, null, null, "the file holds no JSON value; expected an array or an object.");
            try
            {
                if (!reader.Read())
                    throw new FairnessInputException("EmptyInput", sourceName, null, null, "the file holds no JSON value; expected an array or an object.");
                var root = ReadValue(ref reader, positions, sourceName, limits, 0);
                if (reader.Read())
                {
                    positions.Locate(reader.TokenStartIndex, out int l, out int c);
                    throw new FairnessInputException("InvalidJson", sourceName, null, null, "unexpected content after the end of the JSON value.", l, c);
                }
                return root;
            }
            catch (JsonException ex)
            {
                int line = (int)(ex.LineNumber ?? -1) + 1;
                int col = (int)(ex.BytePositionInLine ?? -1) + 1;
                var text = ex.Message;
                int cut = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
                if (cut > 0) text = text.Substring(0, cut).TrimEnd();
                string id = text.IndexOf("maximum configured depth", StringComparison.OrdinalIgnoreCase) >= 0 ? "InputTooDeep" : "InvalidJson";
                string problem = id == "InputTooDeep"
                    ? "nesting deeper than " + limits.MaxDepth + " levels (raise the limit with -MaxDepth / InputLimits.MaxDepth)."
                    : "not valid JSON: " + text;
                throw new FairnessInputException(id, sourceName, null, null, problem, line, col, ex);
            }
            catch (InvalidOperationException ex)
            {
                positions.Locate(reader.TokenStartIndex, out int l, out int c);
                throw new FairnessInputException("InvalidEncoding", sourceName, null, null, "a string is not valid UTF-8 text: " + ex.Message, l, c, ex);
            }
        }

        private static InputValue ReadValue(ref Utf8JsonReader reader, PositionTracker positions, string source, InputLimits limits, int depth)
        {
            positions.Locate(reader.TokenStartIndex, out int line, out int col);
            if (!StackGuard.HasRoom())
                throw new FairnessInputException("InputTooDeep", source, null, null, "nesting too deep for the stack of this thread (" + depth + " levels); lower -MaxDepth or run on a thread with a larger stack.", line, col);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                {
                    if (depth >= limits.MaxDepth) throw TooDeep(source, limits, line, col);
                    var props = new List<KeyValuePair<string, InputValue>>();
                    HashSet<string>? seen = null;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        string key = reader.GetString()!;
                        positions.Locate(reader.TokenStartIndex, out int kl, out int kc);
                        seen ??= new HashSet<string>(StringComparer.Ordinal);
                        if (!seen.Add(key))
                            throw new FairnessInputException("DuplicateKey", source, null, key, "the key appears twice in one object; each key may appear once.", kl, kc);
                        reader.Read();
                        props.Add(new KeyValuePair<string, InputValue>(key, ReadValue(ref reader, positions, source, limits, depth + 1)));
                    }
                    return InputValue.Object(props, line, col);
                }
                case JsonTokenType.StartArray:
                {
                    if (depth >= limits.MaxDepth) throw TooDeep(source, limits, line, col);
                    var items = new List<InputValue>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        items.Add(ReadValue(ref reader, positions, source, limits, depth + 1));
                    return InputValue.Array(items, line, col);
                }
                case JsonTokenType.String: return InputValue.String(reader.GetString()!, line, col);
                case JsonTokenType.Number: return InputValue.Number(Encoding.UTF8.GetString(reader.ValueSpan.ToArray()), line, col);
                case JsonTokenType.True: return InputValue.Bool(true, line, col);
                case JsonTokenType.False: return InputValue.Bool(false, line, col);
                default: return InputValue.Null(line, col);
            }
        }

        private static bool IsBlank(ReadOnlySpan<byte> span)
        {
            foreach (var b in span)
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n') return false;
            return true;
        }

        private static FairnessInputException TooDeep(string source, InputLimits limits, int line, int col) =>
            new FairnessInputException("InputTooDeep", source, null, null, "nesting deeper than " + limits.MaxDepth + " levels (raise the limit with -MaxDepth / InputLimits.MaxDepth).", line, col);

        /// <summary>Turns byte offsets into 1-based line and column (in characters), scanning forward only.</summary>
        private sealed class PositionTracker
        {
            private readonly byte[] _bytes;
            private readonly int _start;
            private long _offset;
            private int _line = 1;
            private int _col = 1;

            public PositionTracker(byte[] bytes, int start)
            {
                _bytes = bytes;
                _start = start;
            }

            public void Locate(long tokenStart, out int line, out int column)
            {
                long target = tokenStart;
                if (target < _offset) { _offset = 0; _line = 1; _col = 1; }
                for (long i = _offset; i < target && _start + i < _bytes.Length; i++)
                {
                    byte b = _bytes[_start + i];
                    if (b == (byte)'\n') { _line++; _col = 1; }
                    else if ((b & 0xC0) != 0x80) _col++;
                }
                _offset = target;
                line = _line;
                column = _col;
            }
        }
    }
}
