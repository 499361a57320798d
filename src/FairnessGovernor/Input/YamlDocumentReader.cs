using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// Reads one YAML document into <see cref="InputValue"/>s. Plain scalars resolve by the YAML 1.2
    /// core schema (null, true/false, integers, floats); quoted scalars are strings. Aliases are
    /// shared, not copied, and what they add is counted against <see cref="InputLimits.MaxAliasExpansion"/>.
    /// </summary>
    public static class YamlDocumentReader
    {
        private static readonly Regex IntPattern = new Regex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex FloatPattern = new Regex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

        /// <summary>Parses the YAML text of <paramref name="bytes"/> (UTF-8 with or without BOM, or UTF-16 with BOM).</summary>
        /// <exception cref="FairnessInputException">InvalidYaml, DuplicateKey, InputTooDeep, AliasExpansionLimit, EmptyInput.</exception>
        public static InputValue Read(byte[] bytes, string sourceName, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            var text = TextDecoding.ToText(bytes, sourceName);
            return Read(text, sourceName, limits);
        }

        /// <summary>Parses YAML text.</summary>
        public static InputValue Read(string text, string sourceName, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            var state = new State(sourceName, limits);
            try
            {
                var parser = new Parser(new StringReader(text));
                parser.Consume<StreamStart>();
                if (parser.Accept<StreamEnd>(out _))
                    throw new FairnessInputException("EmptyInput", sourceName, null, null, "the file holds no YAML document; expected a sequence or a mapping.");
                parser.Consume<DocumentStart>();
                var root = ReadNode(parser, state, 0);
                parser.Consume<DocumentEnd>();
                if (!parser.Accept<StreamEnd>(out _))
                {
                    var next = parser.Current!;
                    throw new FairnessInputException("InvalidYaml", sourceName, null, null, "the file holds more than one YAML document; expected exactly one.", (int)next.Start.Line, (int)next.Start.Column);
                }
                if (root.Kind == InputValueKind.Null)
                    throw new FairnessInputException("EmptyInput", sourceName, null, null, "the YAML document is empty; expected a sequence or a mapping.", root.Line, root.Column);
                return root;
            }
            catch (YamlException ex)
            {
                var msg = ex.Message;
                int cut = msg.IndexOf("): ", StringComparison.Ordinal);
                if (msg.StartsWith("(", StringComparison.Ordinal) && cut > 0) msg = msg.Substring(cut + 3);
                if (TabIndent(text, (int)ex.Start.Line, out int tl, out int tc))
                    throw new FairnessInputException("InvalidYaml", sourceName, null, null, "not valid YAML: a tab indents this line; YAML indentation must use spaces (" + msg.TrimEnd('.') + ").", tl, tc, ex);
                throw new FairnessInputException("InvalidYaml", sourceName, null, null, "not valid YAML: " + msg, (int)ex.Start.Line, (int)ex.Start.Column, ex);
            }
            catch (Exception ex) when (FromYamlParser(ex))
            {
                // YamlDotNet's scanner throws InvalidOperationException (and the like) on some malformed input
                // instead of a YamlException (found by InputFuzzTests): it is still a syntax error of the file.
                throw new FairnessInputException("InvalidYaml", sourceName, null, null, "not valid YAML: the parser stopped at malformed input after this position (" + ex.Message.TrimEnd('.') + ").", state.Line, state.Column, ex);
            }
        }

        /// <summary>
        /// Streams the items of a document whose root is a plain sequence (no anchor on it) to
        /// <paramref name="onItem"/> as each is read, so no tree of the whole file is kept. Items are read exactly as
        /// <see cref="Read(string, string, InputLimits)"/> reads them (same depth, anchors, aliases and expansion
        /// count). False when the root is anything else; any exception means the caller must use the general path,
        /// which gives the canonical error.
        /// </summary>
        internal static bool TryStreamItems(string text, string sourceName, InputLimits limits, Action<InputValue> onItem)
        {
            if (limits.MaxDepth < 1) return false;
            var state = new State(sourceName, limits);
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _)) return false;
            if (!parser.TryConsume<SequenceStart>(out var root) || !root.Anchor.IsEmpty) return false;
            while (!parser.TryConsume<SequenceEnd>(out _)) onItem(ReadNode(parser, state, 1));
            parser.Consume<DocumentEnd>();
            return parser.Accept<StreamEnd>(out _);
        }

        /// <summary>
        /// The first line at or after <paramref name="fromLine"/> (or the line after it, where YamlDotNet
        /// reports the key before a tab-indented line) whose indentation holds a tab: the usual cause.
        /// </summary>
        private static bool TabIndent(string text, int fromLine, out int line, out int column)
        {
            line = 1;
            column = 0;
            int i = 0;
            while (i < text.Length)
            {
                int col = 1;
                int j = i;
                while (j < text.Length && (text[j] == ' ' || text[j] == '\t'))
                {
                    if (text[j] == '\t' && line >= fromLine && line <= fromLine + 1)
                    {
                        int k = j;
                        while (k < text.Length && (text[k] == ' ' || text[k] == '\t')) k++;
                        if (k < text.Length && text[k] != '\n' && text[k] != '\r' && text[k] != '#')
                        {
                            column = col;
                            return true;
                        }
                    }
                    j++;
                    col++;
                }
                if (line > fromLine + 1) return false;
                int nl = text.IndexOf('\n', i);
                if (nl < 0) return false;
                i = nl + 1;
                line++;
            }
            return false;
        }

        /// <summary>True for an exception other than ours thrown by YamlDotNet's own code.</summary>
        private static bool FromYamlParser(Exception ex) =>
            !(ex is FairnessInputException) && ex.TargetSite?.DeclaringType?.Assembly == typeof(Parser).Assembly;

        private sealed class State
        {
            public State(string source, InputLimits limits)
            {
                Source = source;
                Limits = limits;
            }

            public string Source { get; }
            public InputLimits Limits { get; }
            /// <summary>Where the last node read started: the position reported when the parser itself fails.</summary>
            public int Line, Column;
            public Dictionary<string, (InputValue Value, long Size)> Anchors { get; } = new Dictionary<string, (InputValue, long)>(StringComparer.Ordinal);
            public long Expanded;
        }

        private static InputValue ReadNode(IParser parser, State state, int depth)
        {
            return ReadNode(parser, state, depth, out _);
        }

        private static InputValue ReadNode(IParser parser, State state, int depth, out long size)
        {
            var ev = parser.Current!;
            int line = (int)ev.Start.Line, col = (int)ev.Start.Column;
            if (!StackGuard.HasRoom())
                throw new FairnessInputException("InputTooDeep", state.Source, null, null, "nesting too deep for the stack of this thread (" + depth + " levels); lower -MaxDepth or run on a thread with a larger stack.", line, col);
            state.Line = line;
            state.Column = col;
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!state.Anchors.TryGetValue(alias.Value.Value, out var target))
                    throw new FairnessInputException("InvalidYaml", state.Source, null, null, "alias *" + alias.Value.Value + " names no anchor defined before it.", line, col);
                state.Expanded += target.Size;
                if (state.Expanded > state.Limits.MaxAliasExpansion)
                    throw new FairnessInputException("AliasExpansionLimit", state.Source, null, null,
                        "YAML aliases expand to more than " + state.Limits.MaxAliasExpansion + " nodes (raise the limit with -MaxAliasExpansion / InputLimits.MaxAliasExpansion).", line, col);
                size = target.Size;
                return target.Value;
            }
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                size = 1;
                var value = Resolve(scalar, line, col);
                Remember(state, scalar.Anchor, value, size);
                return value;
            }
            if (depth >= state.Limits.MaxDepth)
                throw new FairnessInputException("InputTooDeep", state.Source, null, null, "nesting deeper than " + state.Limits.MaxDepth + " levels (raise the limit with -MaxDepth / InputLimits.MaxDepth).", line, col);
            if (parser.TryConsume<SequenceStart>(out var seqStart))
            {
                var items = new List<InputValue>();
                size = 1;
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, state, depth + 1, out long s));
                    size += s;
                }
                var value = InputValue.Array(items, line, col);
                Remember(state, seqStart.Anchor, value, size);
                return value;
            }
            if (parser.TryConsume<MappingStart>(out var mapStart))
            {
                var props = new List<KeyValuePair<string, InputValue>>();
                HashSet<string>? seen = null; // small mappings (a task, an agent) compare keys in a loop instead
                List<InputValue>? merged = null; // mappings named by merge keys (<<), earliest first
                size = 1;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    int kl = (int)keyEvent.Start.Line, kc = (int)keyEvent.Start.Column;
                    if (keyEvent is Scalar mergeKey && mergeKey.Style == ScalarStyle.Plain && mergeKey.Value == "<<")
                    {
                        parser.MoveNext();
                        var source = ReadNode(parser, state, depth + 1, out long ms);
                        size += ms;
                        AddMergeSources(source, merged ??= new List<InputValue>(), state, kl, kc);
                        continue;
                    }
                    var key = ReadNode(parser, state, depth + 1, out _);
                    if (key.Kind == InputValueKind.Object || key.Kind == InputValueKind.Array)
                        throw new FairnessInputException("InvalidYaml", state.Source, null, null, "a mapping key must be a scalar.", kl, kc);
                    string name = key.Text ?? "null";
                    if (!AddKey(props, ref seen, name))
                        throw new FairnessInputException("DuplicateKey", state.Source, null, name, "the key appears twice in one mapping; each key may appear once.", kl, kc);
                    var v = ReadNode(parser, state, depth + 1, out long s);
                    size += s;
                    props.Add(new KeyValuePair<string, InputValue>(name, v));
                }
                if (merged != null)
                {
                    // YAML merge keys: a merged mapping supplies the keys the mapping does not give itself; of
                    // several, the earlier wins.
                    foreach (var source in merged)
                        foreach (var p in source.Properties!)
                            if (AddKey(props, ref seen, p.Key)) props.Add(p);
                }
                var value = InputValue.Object(props, line, col);
                Remember(state, mapStart.Anchor, value, size);
                return value;
            }
            throw new FairnessInputException("InvalidYaml", state.Source, null, null, "unexpected YAML event " + ev.GetType().Name + ".", line, col);
        }

        /// <summary>The mappings a merge key (<c>&lt;&lt;</c>) names: one mapping, or a sequence of mappings (earliest first).</summary>
        private static void AddMergeSources(InputValue source, List<InputValue> merged, State state, int line, int column)
        {
            if (source.Kind == InputValueKind.Object) { merged.Add(source); return; }
            if (source.Kind == InputValueKind.Array)
            {
                bool all = true;
                foreach (var item in source.Items!) all &= item.Kind == InputValueKind.Object;
                if (all) { merged.AddRange(source.Items!); return; }
            }
            throw new FairnessInputException("InvalidYaml", state.Source, null, "<<", "a merge key takes a mapping or a sequence of mappings.", line, column);
        }

        /// <summary>False when <paramref name="name"/> is already a key of the mapping; a set is built past 8 keys.</summary>
        private static bool AddKey(List<KeyValuePair<string, InputValue>> props, ref HashSet<string>? seen, string name)
        {
            if (seen != null) return seen.Add(name);
            for (int i = 0; i < props.Count; i++)
                if (string.Equals(props[i].Key, name, StringComparison.Ordinal)) return false;
            if (props.Count >= 8)
            {
                seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in props) seen.Add(p.Key);
                seen.Add(name);
            }
            return true;
        }

        private static void Remember(State state, AnchorName anchor, InputValue value, long size)
        {
            if (!anchor.IsEmpty) state.Anchors[anchor.Value] = (value, size);
        }

        private static InputValue Resolve(Scalar scalar, int line, int col)
        {
            var v = scalar.Value;
            var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            if (tag == "tag:yaml.org,2002:str" || tag == "!") return InputValue.String(v, line, col);
            if (scalar.Style != ScalarStyle.Plain) return InputValue.String(v, line, col);
            switch (v)
            {
                case "": case "~": case "null": case "Null": case "NULL": return InputValue.Null(line, col);
                case "true": case "True": case "TRUE": return InputValue.Bool(true, line, col);
                case "false": case "False": case "FALSE": return InputValue.Bool(false, line, col);
                case ".nan": case ".NaN": case ".NAN": return InputValue.Number("NaN", line, col);
                case ".inf": case ".Inf": case ".INF": case "+.inf": case "+.Inf": case "+.INF": return InputValue.Number("Infinity", line, col);
                case "-.inf": case "-.Inf": case "-.INF": return InputValue.Number("-Infinity", line, col);
            }
            char first = v[0]; // every number form below starts with a digit, a sign or a dot: most text skips the patterns
            if (!(first >= '0' && first <= '9') && first != '-' && first != '+' && first != '.') return InputValue.String(v, line, col);
            if (IntPattern.IsMatch(v) || FloatPattern.IsMatch(v)) return InputValue.Number(v, line, col);
            if (v.StartsWith("0x", StringComparison.Ordinal) && v.Length > 2 && long.TryParse(v.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex))
                return InputValue.Number(hex, line, col);
            return InputValue.String(v, line, col);
        }
    }
}
