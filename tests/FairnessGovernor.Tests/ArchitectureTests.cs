using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using FairnessGovernor.Model;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// The engine's folders are namespaces and its namespaces are layers (docs/design/architecture.md): no cycle
    /// among them, counting every type a type names in its signatures, fields, base types, attributes and method
    /// bodies (read from the compiled IL with Mono.Cecil); no reference to PowerShell; one public type per file.
    /// </summary>
    public class ArchitectureTests
    {
        private const string Root = "FairnessGovernor";

        private static readonly string EnginePath = typeof(FairTask).Assembly.Location;

        private static readonly string SourceRoot = Path.Combine(TestPaths.RepoRoot, "src", "FairnessGovernor");

        [Fact]
        public void EngineNamespacesHaveNoCycle()
        {
            var graph = NamespaceGraph.Of(EnginePath);
            Assert.True(graph.Edges.Count > 0, "no reference between the engine's namespaces was found: the reader is broken");
            var cycle = graph.FindCycle();
            Assert.True(cycle == null, cycle == null ? "" : "The engine's namespaces have a cycle:\n" + graph.Describe(cycle));
        }

        [Fact]
        public void EngineLayersGoOneWay()
        {
            // The order of docs/design/architecture.md, lowest first; a namespace may use only those before it.
            // The shared low-level folders (Errors, Canonical, Numerics, Sorting, Files) come first.
            string[] order = { "Errors", "Canonical", "Numerics", "Sorting", "Files", "Model", "Input", "Allocation", "Metrics", "State", "Evidence", "Output", "Report" };
            var graph = NamespaceGraph.Of(EnginePath);
            var rank = order.Select((name, i) => (name, i)).ToDictionary(p => Root + "." + p.name, p => p.i);
            var unknown = graph.Namespaces.Where(ns => !rank.ContainsKey(ns)).ToList();
            Assert.True(unknown.Count == 0, "namespaces missing from the layer order: " + string.Join(", ", unknown));
            var upward = graph.Edges.Keys.Where(e => rank[e.From] < rank[e.To]
                    && !(e.From == Root + ".Evidence" && e.To == Root + ".Output") && !(e.From == Root + ".Output" && e.To == Root + ".Evidence"))
                .Select(e => e.From + " -> " + e.To + " (" + graph.Edges[e] + ")").ToList();
            Assert.True(upward.Count == 0, "references to a higher layer:\n" + string.Join("\n", upward));
        }

        [Fact]
        public void CycleFinderNamesAPlantedCycle()
        {
            // The finder itself, on a graph with a cycle and one without (so the test above can fail).
            var graph = new NamespaceGraph();
            graph.Add("A.Model", "A.Input", "Input.Reader -> Model.Task");
            graph.Add("A.Input", "A.Allocation", "Allocation.Allocator -> Input.Reader");
            graph.Add("A.Allocation", "A.Model", "Model.Task -> Allocation.Allocator");
            graph.Add("A.Allocation", "A.Metrics", "Metrics.Tally -> Allocation.Allocator");
            var cycle = graph.FindCycle();
            Assert.NotNull(cycle);
            var text = graph.Describe(cycle!);
            Assert.Contains("A.Allocation -> A.Model -> A.Input -> A.Allocation", text);
            Assert.Contains("Model.Task -> Allocation.Allocator", text);

            var acyclic = new NamespaceGraph();
            acyclic.Add("A.Input", "A.Model", "x");
            acyclic.Add("A.Allocation", "A.Model", "y");
            acyclic.Add("A.Allocation", "A.Input", "z");
            Assert.Null(acyclic.FindCycle());
        }

        [Fact]
        public void EngineDoesNotReferencePowerShell()
        {
            using var module = ModuleDefinition.ReadModule(EnginePath);
            var assemblies = module.AssemblyReferences.Select(a => a.Name).Where(IsPowerShell).ToList();
            Assert.True(assemblies.Count == 0, "the engine references " + string.Join(", ", assemblies));
            var types = module.GetTypeReferences().Select(t => t.FullName).Where(IsPowerShell).ToList();
            Assert.True(types.Count == 0, "the engine names " + string.Join(", ", types));
            var members = module.GetMemberReferences().Select(m => m.DeclaringType?.FullName ?? "").Where(IsPowerShell).ToList();
            Assert.True(members.Count == 0, "the engine calls " + string.Join(", ", members));
        }

        [Fact]
        public void EachFolderIsItsNamespace()
        {
            var wrong = new List<string>();
            foreach (var file in SourceFiles())
            {
                var folder = Path.GetDirectoryName(Path.GetRelativePath(SourceRoot, file))!.Replace(Path.DirectorySeparatorChar, '.');
                var expected = folder.Length == 0 ? Root : Root + "." + folder;
                var declared = Regex.Matches(File.ReadAllText(file), @"^namespace\s+([\w.]+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
                // A compiler polyfill (an attribute the compiler looks up by its System name) lives in the root folder.
                bool polyfill = folder.Length == 0 && declared.Count > 0 && declared.All(n => n.StartsWith("System.", StringComparison.Ordinal));
                if (polyfill) continue;
                if (declared.Count != 1 || declared[0] != expected)
                    wrong.Add(Path.GetRelativePath(SourceRoot, file) + ": " + (declared.Count == 0 ? "no namespace" : string.Join(", ", declared)) + " (expected " + expected + ")");
            }
            Assert.True(wrong.Count == 0, "files whose namespace is not their folder:\n" + string.Join("\n", wrong));

            // And every engine type sits in a namespace that has a folder.
            using var module = ModuleDefinition.ReadModule(EnginePath);
            var folders = module.Types.Where(t => t.Namespace.StartsWith(Root + ".", StringComparison.Ordinal))
                .Select(t => t.Namespace).Distinct()
                .Where(ns => !Directory.Exists(Path.Combine(SourceRoot, ns.Substring(Root.Length + 1).Replace('.', Path.DirectorySeparatorChar)))).ToList();
            Assert.True(folders.Count == 0, "namespaces without a folder: " + string.Join(", ", folders));
            var rootTypes = module.Types.Where(t => t.Namespace == Root).Select(t => t.FullName).ToList();
            Assert.True(rootTypes.Count == 0, "types in the root namespace (give them a folder): " + string.Join(", ", rootTypes));
        }

        [Fact]
        public void OnePublicTypePerFile()
        {
            var top = new Regex(@"^    public\s+(?:(?:sealed|static|abstract|readonly|partial|unsafe|ref)\s+)*(?:class|struct|enum|interface|record|delegate)\b", RegexOptions.Multiline);
            var crowded = SourceFiles()
                .Select(f => (file: Path.GetRelativePath(SourceRoot, f), count: top.Matches(File.ReadAllText(f)).Count))
                .Where(p => p.count > 1).Select(p => p.file + " (" + p.count + ")").ToList();
            Assert.True(crowded.Count == 0, "files with more than one public type:\n" + string.Join("\n", crowded));
        }

        private static IEnumerable<string> SourceFiles() =>
            Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(SourceRoot, f).Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj"))
                .OrderBy(f => f, StringComparer.Ordinal);

        private static bool IsPowerShell(string name) => name.StartsWith("System.Management.Automation", StringComparison.Ordinal) || name.StartsWith("Microsoft.PowerShell", StringComparison.Ordinal);

        /// <summary>Which engine namespace names which, with one example reference per edge.</summary>
        internal sealed class NamespaceGraph
        {
            public readonly Dictionary<(string From, string To), string> Edges = new Dictionary<(string, string), string>();
            public readonly SortedSet<string> Namespaces = new SortedSet<string>(StringComparer.Ordinal);

            public void Add(string from, string to, string example)
            {
                Namespaces.Add(from);
                Namespaces.Add(to);
                if (from != to && !Edges.ContainsKey((from, to))) Edges[(from, to)] = example;
            }

            /// <summary>The graph of the engine assembly: every type's references, method bodies included.</summary>
            public static NamespaceGraph Of(string assemblyPath)
            {
                var graph = new NamespaceGraph();
                using var module = ModuleDefinition.ReadModule(assemblyPath);
                foreach (var type in module.Types)
                {
                    var from = OuterNamespace(type);
                    if (!IsEngine(from)) continue;
                    graph.Namespaces.Add(from);
                    foreach (var nested in WithNested(type))
                        foreach (var used in References(nested))
                            foreach (var leaf in Leaves(used))
                            {
                                var to = OuterNamespace(leaf);
                                if (IsEngine(to)) graph.Add(from, to, Outer(nested).FullName + " uses " + Outer(leaf).FullName);
                            }
                }
                return graph;
            }

            /// <summary>A shortest cycle (as namespaces, the first repeated at the end), or null when the graph has none.</summary>
            public List<string>? FindCycle()
            {
                List<string>? best = null;
                foreach (var start in Namespaces)
                {
                    // Breadth-first from start back to start.
                    var parent = new Dictionary<string, string>(StringComparer.Ordinal);
                    var queue = new Queue<string>();
                    queue.Enqueue(start);
                    bool found = false;
                    while (queue.Count > 0 && !found)
                    {
                        var node = queue.Dequeue();
                        foreach (var next in Successors(node))
                        {
                            if (next == start) { parent[start] = node; found = true; break; }
                            if (parent.ContainsKey(next)) continue;
                            parent[next] = node;
                            queue.Enqueue(next);
                        }
                    }
                    if (!found) continue;
                    var path = new List<string> { start };
                    for (var n = parent[start]; n != start; n = parent[n]) path.Add(n);
                    path.Add(start);
                    path.Reverse();
                    if (best == null || path.Count < best.Count) best = path;
                }
                return best;
            }

            /// <summary>The cycle as "A -> B -> A" and the reference behind each step.</summary>
            public string Describe(List<string> cycle)
            {
                var sb = new StringBuilder(string.Join(" -> ", cycle));
                for (int i = 0; i + 1 < cycle.Count; i++) sb.Append("\n  ").Append(cycle[i]).Append(" -> ").Append(cycle[i + 1]).Append(": ").Append(Edges[(cycle[i], cycle[i + 1])]);
                return sb.ToString();
            }

            private IEnumerable<string> Successors(string node) =>
                Edges.Keys.Where(e => e.From == node).Select(e => e.To).OrderBy(s => s, StringComparer.Ordinal);

            private static bool IsEngine(string ns) => ns == Root || ns.StartsWith(Root + ".", StringComparison.Ordinal);

            private static TypeReference Outer(TypeReference t)
            {
                while (t.DeclaringType != null) t = t.DeclaringType;
                return t;
            }

            private static string OuterNamespace(TypeReference t) => Outer(t).Namespace;

            private static IEnumerable<TypeDefinition> WithNested(TypeDefinition type)
            {
                yield return type;
                foreach (var n in type.NestedTypes)
                    foreach (var m in WithNested(n)) yield return m;
            }

            /// <summary>The named types behind a type reference: element types, generic arguments, function pointer signatures.</summary>
            private static IEnumerable<TypeReference> Leaves(TypeReference? t)
            {
                if (t == null || t is GenericParameter) yield break;
                switch (t)
                {
                    case GenericInstanceType g:
                        foreach (var x in Leaves(g.ElementType)) yield return x;
                        foreach (var a in g.GenericArguments)
                            foreach (var x in Leaves(a)) yield return x;
                        yield break;
                    case FunctionPointerType f:
                        foreach (var x in Leaves(f.ReturnType)) yield return x;
                        foreach (var p in f.Parameters)
                            foreach (var x in Leaves(p.ParameterType)) yield return x;
                        yield break;
                    case TypeSpecification s:
                        foreach (var x in Leaves(s.ElementType)) yield return x;
                        yield break;
                    default:
                        yield return t;
                        yield break;
                }
            }

            private static IEnumerable<TypeReference> References(TypeDefinition type)
            {
                if (type.BaseType != null) yield return type.BaseType;
                foreach (var i in type.Interfaces) yield return i.InterfaceType;
                foreach (var a in Attributes(type)) yield return a;
                foreach (var g in type.GenericParameters)
                    foreach (var c in g.Constraints) yield return c.ConstraintType;
                foreach (var f in type.Fields)
                {
                    yield return f.FieldType;
                    foreach (var a in Attributes(f)) yield return a;
                }
                foreach (var p in type.Properties)
                {
                    yield return p.PropertyType;
                    foreach (var a in Attributes(p)) yield return a;
                }
                foreach (var e in type.Events) yield return e.EventType;
                foreach (var m in type.Methods)
                    foreach (var r in MethodReferences(m)) yield return r;
            }

            private static IEnumerable<TypeReference> MethodReferences(MethodDefinition m)
            {
                yield return m.ReturnType;
                foreach (var a in Attributes(m)) yield return a;
                foreach (var p in m.Parameters) yield return p.ParameterType;
                foreach (var g in m.GenericParameters)
                    foreach (var c in g.Constraints) yield return c.ConstraintType;
                if (!m.HasBody) yield break;
                foreach (var v in m.Body.Variables) yield return v.VariableType;
                foreach (var h in m.Body.ExceptionHandlers)
                    if (h.CatchType != null) yield return h.CatchType;
                foreach (var ins in m.Body.Instructions)
                {
                    switch (ins.Operand)
                    {
                        case TypeReference t:
                            yield return t;
                            break;
                        case MethodReference mr:
                            yield return mr.DeclaringType;
                            yield return mr.ReturnType;
                            foreach (var p in mr.Parameters) yield return p.ParameterType;
                            if (mr is GenericInstanceMethod gm)
                                foreach (var a in gm.GenericArguments) yield return a;
                            break;
                        case FieldReference fr:
                            yield return fr.DeclaringType;
                            yield return fr.FieldType;
                            break;
                        case CallSite cs:
                            yield return cs.ReturnType;
                            foreach (var p in cs.Parameters) yield return p.ParameterType;
                            break;
                    }
                }
            }

            private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider)
            {
                foreach (var a in provider.CustomAttributes)
                {
                    yield return a.AttributeType;
                    foreach (var arg in a.ConstructorArguments)
                        if (arg.Value is TypeReference t) yield return t;
                }
            }
        }
    }
}
