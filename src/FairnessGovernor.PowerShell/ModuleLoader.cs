using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// Loads the engine and its third-party assemblies from the module's dependencies/ folder so they
    /// never clash with other versions in the session. On PowerShell 7+ (.NET) they load into a private
    /// AssemblyLoadContext created by reflection (this assembly targets netstandard2.0); on Windows
    /// PowerShell 5.1 they load side by side from that folder. The default context never probes the
    /// folder: the only way in is the resolver below, which answers just for the names found there.
    /// Load order: the resolver must be registered before the runtime first needs an engine type. Import-Module
    /// calls <see cref="OnImport"/>; a host that adds the cmdlet types to a session without importing the module
    /// reaches <see cref="Register"/> through FairnessCmdlet's static constructor, which runs before any cmdlet
    /// code. The runtime resolves engine types lazily (a reference-typed field or a method signature loads its
    /// assembly only when code using it first runs), so cmdlets may keep engine objects in typed fields; what
    /// must not exist is engine code reached from this assembly before either registration.
    /// </summary>
    public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();
        private static bool _registered;
        private static string? _dependencyDir;
        private static object? _loadContext;
        private static MethodInfo? _loadFromPath;
        private static readonly Dictionary<string, Assembly> Loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        // On .NET the runtime's own System.Text.Json and netstandard helpers are newer than ours and must be
        // shared (their types cross assembly boundaries); only these groups load privately, each group together
        // (so its members bind to each other whatever else is loaded) and only when one of them is first needed:
        // the PostgreSQL store group when a store is first used (SPEC.md 10), never by a run without one.
        private static readonly string[][] PrivateGroups =
        {
            new[] { "FairnessGovernor", "YamlDotNet" },
            new[] { "FairnessGovernor.Store.Postgres", "Npgsql", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Bcl.HashCode" },
        };

        /// <summary>Called by Import-Module.</summary>
        public void OnImport() => Register();

        /// <summary>Called by Remove-Module.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (!_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                _registered = false;
            }
        }

        /// <summary>Registers the resolver once; safe to call repeatedly.</summary>
        internal static void Register()
        {
            lock (Gate)
            {
                if (_registered) return;
                _dependencyDir ??= Path.Combine(Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location) ?? ".", "dependencies");
                if (_loadContext == null && IsCoreClr())
                {
                    var alcType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", false)
                        ?? Type.GetType("System.Runtime.Loader.AssemblyLoadContext", false);
                    if (alcType != null)
                    {
                        var ctor = alcType.GetConstructor(new[] { typeof(string), typeof(bool) });
                        _loadContext = ctor?.Invoke(new object[] { "FairnessGovernor", false });
                        _loadFromPath = alcType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
                    }
                }
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                _registered = true;
            }
        }

        private static string[]? GroupOf(string name)
        {
            foreach (var g in PrivateGroups)
                foreach (var n in g)
                    if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return g;
            return null;
        }

        private static bool IsCoreClr() => !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (name == null || _dependencyDir == null) return null;
            lock (Gate)
            {
                if (Loaded.TryGetValue(name, out var done)) return done;
                var path = Path.Combine(_dependencyDir, name + ".dll");
                if (!File.Exists(path)) return null;
                Assembly assembly;
                if (_loadContext != null && _loadFromPath != null)
                {
                    // Anything else of ours reaches here only when the default context lacks it (a host without pwsh's
                    // Microsoft.Bcl.AsyncInterfaces, say): nobody else shares it, so it loads privately too.
                    var group = GroupOf(name) ?? new[] { name };
                    foreach (var own in group)
                    {
                        if (Loaded.ContainsKey(own)) continue;
                        var ownPath = Path.Combine(_dependencyDir, own + ".dll");
                        if (File.Exists(ownPath)) Loaded[own] = (Assembly)_loadFromPath.Invoke(_loadContext, new object[] { ownPath })!;
                    }
                    return Loaded.TryGetValue(name, out var a) ? a : null;
                }
                // Windows PowerShell 5.1: any version asked for (Npgsql's dependencies ask for their own) binds to the bundled copy.
                assembly = Assembly.LoadFrom(path);
                Loaded[name] = assembly;
                return assembly;
            }
        }
    }
}
