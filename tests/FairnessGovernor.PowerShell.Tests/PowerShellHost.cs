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

        public PowerShellHost(string? workingDirectory = null, bool importModule = true)
        {
            var iss = InitialSessionState.CreateDefault2();
            if (importModule) iss.ImportPSModule(new[] { ModuleManifest });
            _runspace = RunspaceFactory.CreateRunspace(iss);
            _runspace.Open();
            // Set-Location lives in Microsoft.PowerShell.Management, which this engine package lacks: use the API.
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
