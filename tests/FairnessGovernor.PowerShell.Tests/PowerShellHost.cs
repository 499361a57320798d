using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>Runs script text in a real PowerShell engine with output/FairnessGovernor imported.</summary>
    public sealed class PowerShellHost : IDisposable
    {
        public static string RepoRoot { get; } = FindRoot();

        public static string ModuleManifest => Path.Combine(RepoRoot, "output", "FairnessGovernor", "FairnessGovernor.psd1");

        private readonly Runspace _runspace;

        /// <summary>The assemblies of pwsh's Utility, Management and Security cmdlets (NuGet packages of the same names, 7.6.9),
        /// imported as binary modules: the packages ship no module manifests.</summary>
        public static string[] UtilityAssemblies { get; } =
        {
            typeof(Microsoft.PowerShell.Commands.ConvertToJsonCommand).Assembly.Location,
            typeof(Microsoft.PowerShell.Commands.GetContentCommand).Assembly.Location,
            typeof(Microsoft.PowerShell.Commands.ConvertToSecureStringCommand).Assembly.Location,
        };

        /// <param name="workingDirectory">The runspace's current location; the repository root when null.</param>
        /// <param name="importModule">Imports output/FairnessGovernor before the first script.</param>
        /// <param name="withUtilityCmdlets">Also loads the cmdlets of Microsoft.PowerShell.Utility, .Management and .Security
        /// (ConvertTo-Json, Export-Csv, Select-Object, Format-Table, Out-String, Join-Path, Get-Content, Set-Content, Test-Path,
        /// Get-FileHash, Push-Location, ConvertTo-SecureString, ...), as a real pwsh has them. Without it the engine has
        /// only the Core cmdlets (ForEach-Object, Where-Object, Import-Module, Get-Help, ...).</param>
        public PowerShellHost(string? workingDirectory = null, bool importModule = true, bool withUtilityCmdlets = false)
        {
            var iss = InitialSessionState.CreateDefault2();
            if (withUtilityCmdlets) iss.ImportPSModule(UtilityAssemblies);
            if (importModule) iss.ImportPSModule(new[] { ModuleManifest });
            _runspace = RunspaceFactory.CreateRunspace(iss);
            _runspace.Open();
            // Set-Location lives in Microsoft.PowerShell.Management, which the plain engine lacks: use the API.
            _runspace.SessionStateProxy.Path.SetLocation(workingDirectory ?? RepoRoot);
        }

        /// <summary>Runs script text; a terminating error throws (RuntimeException); non-terminating errors are in <see cref="LastErrors"/>.</summary>
        public Collection<PSObject> Run(string script, params object[] args)
        {
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            foreach (var a in args) ps.AddArgument(a);
            var result = ps.Invoke();
            LastErrors = ps.Streams.Error.ToList();
            return result;
        }

        /// <summary>Runs script text expecting a terminating error; returns its ErrorRecord.</summary>
        public ErrorRecord RunExpectingError(string script, params object[] args)
        {
            try
            {
                Run(script, args);
            }
            catch (RuntimeException ex)
            {
                return ex.ErrorRecord;
            }
            if (LastErrors.Count > 0) return LastErrors[0];
            throw new Xunit.Sdk.XunitException("Expected an error from: " + script);
        }

        public List<ErrorRecord> LastErrors { get; private set; } = new List<ErrorRecord>();

        public void Dispose() => _runspace.Dispose();

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "FairnessGovernor.PowerShell.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
        }
    }

    /// <summary>A scratch folder removed when disposed.</summary>
    public sealed class Scratch : IDisposable
    {
        public Scratch()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fg-ps-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public string Write(string name, string content)
        {
            var p = File(name);
            System.IO.File.WriteAllText(p, content);
            return p;
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
