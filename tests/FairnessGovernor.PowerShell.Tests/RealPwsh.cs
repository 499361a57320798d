using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// The real pwsh: PowerShell 7.6.9, the local dotnet tool of .config/dotnet-tools.json. The first use in a test run
    /// runs <c>dotnet tool restore</c> at the repository root (once, whichever test comes first; the others wait for
    /// it); if that fails, every test that needs pwsh fails with its output. Nothing is skipped.
    /// </summary>
    /// <remarks>
    /// pwsh is started as <c>dotnet &lt;tool&gt;/pwsh.dll</c>, the file the tool's shim starts, found by asking the tool
    /// itself once (<c>dotnet tool run pwsh</c> at the repository root, printing $PSHOME): where dotnet tool run takes it
    /// from is its own business (a resolver cache under ~/.dotnet remembers the first NuGet folder it was restored to,
    /// whatever NUGET_PACKAGES says now). Not dotnet tool run for every run: that finds the tool manifest from the
    /// current directory, and the tests run pwsh in scratch folders outside the repository; it also starts one process
    /// less. <see cref="RunToolCommand"/> runs <c>dotnet tool run pwsh</c> at the repository root, for the test that the
    /// command README gives works (it passes each argument on intact).
    /// </remarks>
    public static class RealPwsh
    {
        public sealed record Result(int ExitCode, string StdOut, string StdErr)
        {
            public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
        }

        /// <summary>Pester 5.9.1's manifest in the NuGet cache (the test project's PackageDownload).</summary>
        public static string PesterManifest
        {
            get
            {
                var path = Metadata("PesterManifest");
                if (!File.Exists(path)) throw new InvalidOperationException($"Pester is not where restore should have put it: {path}");
                return path;
            }
        }

        /// <summary>The dotnet muxer running this test host (or the one on PATH).</summary>
        public static string Dotnet { get; } = FindDotnet();

        private static readonly Lazy<string> s_pwshDll = new Lazy<string>(Restore, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The restored tool's pwsh.dll; restores the tool on first use.</summary>
        public static string PwshDll => s_pwshDll.Value;

        /// <summary>Runs <c>pwsh -NoProfile -NonInteractive -File script args...</c>.</summary>
        public static Result RunFile(string script, string workingDirectory, TimeSpan timeout, params string[] args) =>
            Run(new[] { "-File", script }.Concat(args), workingDirectory, timeout);

        /// <summary>Runs <c>pwsh -NoProfile -NonInteractive -File script args...</c> with these environment variables set (for example HOME).</summary>
        public static Result RunFile(string script, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args) =>
            RunProcess(Dotnet, new[] { PwshDll, "-NoProfile", "-NonInteractive", "-File", script }.Concat(args), workingDirectory, timeout, environment);

        /// <summary>Runs <c>pwsh -NoProfile -NonInteractive -Command command</c>.</summary>
        public static Result RunCommand(string command, string workingDirectory, TimeSpan timeout) =>
            Run(new[] { "-Command", command }, workingDirectory, timeout);

        /// <summary>Runs <c>pwsh -NoProfile -NonInteractive -Command command</c> with these environment variables set (for example TZ).</summary>
        public static Result RunCommand(string command, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment) =>
            RunProcess(Dotnet, new[] { PwshDll, "-NoProfile", "-NonInteractive", "-Command", command }, workingDirectory, timeout, environment);

        /// <summary>Runs pwsh -NoProfile -NonInteractive with these arguments, each passed as one argument.</summary>
        public static Result Run(IEnumerable<string> pwshArgs, string workingDirectory, TimeSpan timeout) =>
            RunProcess(Dotnet, new[] { PwshDll, "-NoProfile", "-NonInteractive" }.Concat(pwshArgs), workingDirectory, timeout);

        /// <summary>Runs <c>dotnet tool run pwsh args...</c> at the repository root, as README tells a reader to.</summary>
        public static Result RunToolCommand(TimeSpan timeout, params string[] args)
        {
            _ = PwshDll;
            return RunProcess(Dotnet, new[] { "tool", "run", "pwsh" }.Concat(args), PowerShellHost.RepoRoot, timeout);
        }

        private static string Restore()
        {
            var restore = RunProcess(Dotnet, new[] { "tool", "restore" }, PowerShellHost.RepoRoot, TimeSpan.FromMinutes(8));
            if (restore.ExitCode != 0)
                throw new InvalidOperationException($"`{Dotnet} tool restore` failed in {PowerShellHost.RepoRoot}:\n{restore}");

            var where = RunProcess(Dotnet, new[] { "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command", "Join-Path $PSHOME pwsh.dll" },
                PowerShellHost.RepoRoot, TimeSpan.FromMinutes(3));
            var dll = where.StdOut.Trim();
            if (where.ExitCode != 0 || !File.Exists(dll))
                throw new InvalidOperationException($"`dotnet tool run pwsh` did not show where pwsh.dll is:\n{where}\n--- dotnet tool restore\n{restore}");
            return dll;
        }

        private static Result RunProcess(string fileName, IEnumerable<string> args, string workingDirectory, TimeSpan timeout,
            IReadOnlyDictionary<string, string>? environment = null)
        {
            var psi = new ProcessStartInfo(fileName)
            {
                WorkingDirectory = workingDirectory,
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var a in args) psi.ArgumentList.Add(a);
            // The hosted engine of the other tests sets PSModulePath in this process: give pwsh its own.
            psi.Environment.Remove("PSModulePath");
            psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";
            psi.Environment["NO_COLOR"] = "1";
            if (environment != null) foreach (var pair in environment) psi.Environment[pair.Key] = pair.Value;

            using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start " + fileName);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                process.WaitForExit();
                throw new TimeoutException($"{fileName} {string.Join(" ", psi.ArgumentList)} did not finish in {timeout}:\n" +
                    new Result(-1, stdout.Result, stderr.Result));
            }
            process.WaitForExit();
            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }

        private static string Metadata(string key) =>
            typeof(RealPwsh).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"The test assembly has no AssemblyMetadata '{key}' (see the .csproj).");

        private static string FindDotnet()
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
            var self = Environment.ProcessPath;
            if (self != null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
            return "dotnet";
        }

        /// <summary>Copies a folder tree.</summary>
        public static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
            foreach (var d in Directory.GetDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
        }
    }
}
