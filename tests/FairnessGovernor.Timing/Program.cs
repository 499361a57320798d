using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation.Runspaces;
using FairnessGovernor.Allocation;
using FairnessGovernor.Input;
using FairnessGovernor.Metrics;
using FairnessGovernor.Output;

namespace FairnessGovernor.Timing
{
    /// <summary>
    /// Times, in one run on one machine: the Python baseline (the prototype's rules, a subprocess), the engine
    /// phases in memory, Invoke-FairAllocation -OutFile (file to file) and Invoke-FairAllocation | Get-FairnessMetrics
    /// (the per-object pipeline), both as script text a user would type in a hosted PowerShell 7.6 engine with
    /// output/FairnessGovernor imported. Prints the ratios and checks that the documents are byte-identical.
    /// <code>dotnet run -c Release --project tests/FairnessGovernor.Timing -- [--tasks 1000000] [--agents 1000] [--runs 3] [--dir DIR] [--python python3]</code>
    /// With <c>--strategies</c> it times the three strategies instead (<see cref="StrategyTiming"/>); with <c>--report</c>,
    /// Export-FairnessReport against Get-FairnessMetrics (<see cref="ReportTiming"/>).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var opt = Options.Parse(args);
            if (opt.MemoryChild != null) return MemoryChild(opt.MemoryChild);
            if (opt.Strategies) return StrategyTiming.Run(opt.Dir, opt.Tasks, opt.Agents, opt.MaxWeight, opt.Runs);
            if (opt.Report) return ReportTiming.Run(opt.Dir, opt.Tasks, opt.Agents, opt.Runs);
            Directory.CreateDirectory(opt.Dir);
            string tasks = Path.Combine(opt.Dir, "tasks.json"), agents = Path.Combine(opt.Dir, "agents.json"), policy = Path.Combine(opt.Dir, "policy.json");
            var gen = Stopwatch.StartNew();
            InputGenerator.Tasks(tasks, opt.Tasks);
            InputGenerator.Agents(agents, opt.Agents, Math.Max(1, opt.Tasks / opt.Agents / 4));
            InputGenerator.Policy(policy);
            long taskBytes = new FileInfo(tasks).Length;
            Console.WriteLine($"inputs: {opt.Tasks:N0} tasks ({taskBytes / 1e6:F1} MB), {opt.Agents:N0} agents, generated in {gen.Elapsed.TotalSeconds:F1} s in {opt.Dir}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

            string pyOut = Path.Combine(opt.Dir, "python-out.json");
            string cmdletOut = Path.Combine(opt.Dir, "cmdlet-out.json");
            string script = FindBaselineScript();

            using var ps = new Host(FindRoot(), opt.Dir);
            // Warm-up: JIT the module's paths once on the fixtures, as a session that has used the module would be.
            ps.Run("Invoke-FairAllocation -TaskPath '" + Q(tasks) + "' -AgentPath '" + Q(agents) + "' -PolicyPath '" + Q(policy) + "' -OutFile '" + Q(cmdletOut) + "'");

            string fileScript = "Invoke-FairAllocation -TaskPath '" + Q(tasks) + "' -AgentPath '" + Q(agents) + "' -PolicyPath '" + Q(policy) + "' -OutFile '" + Q(cmdletOut) + "'";
            string pipeScript = "Invoke-FairAllocation -TaskPath '" + Q(tasks) + "' -AgentPath '" + Q(agents) + "' -PolicyPath '" + Q(policy) + "' | Get-FairnessMetrics";

            var py = new List<double>(); var file = new List<double>(); var pipe = new List<double>();
            var load = new List<double>(); var alloc = new List<double>(); var write = new List<double>();
            string pyPhases = "";
            for (int r = 0; r < opt.Runs; r++)
            {
                var sw = Stopwatch.StartNew();
                pyPhases = RunPython(opt.Python, script, tasks, agents, policy, pyOut);
                py.Add(sw.Elapsed.TotalSeconds);

                Collect();
                sw.Restart();
                ps.Run(fileScript);
                file.Add(sw.Elapsed.TotalSeconds);

                Collect();
                sw.Restart();
                var metrics = ps.Run(pipeScript);
                pipe.Add(sw.Elapsed.TotalSeconds);
                if (metrics.Count != 1) throw new InvalidOperationException("expected one metrics object, got " + metrics.Count);

                Collect();
                EnginePhases(tasks, agents, policy, Path.Combine(opt.Dir, "engine-out.json"), load, alloc, write);
                Console.WriteLine($"run {r + 1}: python {py[r]:F3} s {pyPhases}; -OutFile {file[r]:F3} s; | Get-FairnessMetrics {pipe[r]:F3} s; engine load {load[r]:F3} allocate {alloc[r]:F3} write {write[r]:F3} s");
            }
            bool same = File.ReadAllBytes(pyOut).AsSpan().SequenceEqual(File.ReadAllBytes(cmdletOut));
            Console.WriteLine($"documents identical (python vs -OutFile): {same}");

            var mem = MemoryRun(tasks, agents, policy, Path.Combine(opt.Dir, "memory-out.json"));

            double pyM = Turns.Median(py), fileM = Turns.Median(file), pipeM = Turns.Median(pipe);
            Console.WriteLine();
            Console.WriteLine("| path | median s | vs Python baseline |");
            Console.WriteLine("| --- | ---: | ---: |");
            Console.WriteLine($"| Python baseline (json.load, rotation, json.dump) | {pyM:F3} | 1.0x |");
            Console.WriteLine($"| Invoke-FairAllocation -OutFile (file to file) | {fileM:F3} | {pyM / fileM:F1}x faster |");
            Console.WriteLine($"| Invoke-FairAllocation \\| Get-FairnessMetrics | {pipeM:F3} | {pyM / pipeM:F1}x faster |");
            Console.WriteLine($"| engine: load tasks+agents+policy | {Turns.Median(load):F3} | |");
            Console.WriteLine($"| engine: allocate | {Turns.Median(alloc):F3} | |");
            Console.WriteLine($"| engine: write document (prototype metrics) | {Turns.Median(write):F3} | |");
            Console.WriteLine($"| peak working set, engine file to file (separate process) | {mem / 1e6:F0} MB | {mem / (double)taskBytes:F2}x the task file |");
            return same ? 0 : 1;
        }

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        private static void EnginePhases(string tasks, string agents, string policy, string outFile, List<double> load, List<double> alloc, List<double> write)
        {
            var sw = Stopwatch.StartNew();
            var t = TaskLoader.FromFile(tasks);
            var a = AgentLoader.FromFile(agents);
            var p = PolicyLoader.FromFile(policy);
            load.Add(sw.Elapsed.TotalSeconds);
            sw.Restart();
            var result = Allocator.Allocate(t, a, p);
            alloc.Add(sw.Elapsed.TotalSeconds);
            sw.Restart();
            using (var fs = new FileStream(outFile, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                AllocationDocument.Write(fs, result);
            write.Add(sw.Elapsed.TotalSeconds);
        }

        /// <summary>Runs the engine file to file in a fresh process and returns its peak working set.</summary>
        private static long MemoryRun(string tasks, string agents, string policy, string outFile)
        {
            var self = typeof(Program).Assembly.Location;
            var psi = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(psi.FileName) == "dotnet") psi.ArgumentList.Add(self);
            foreach (var s in new[] { "--memory-child", tasks + "|" + agents + "|" + policy + "|" + outFile }) psi.ArgumentList.Add(s);
            using var p = Process.Start(psi)!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return long.Parse(text.Trim(), CultureInfo.InvariantCulture);
        }

        private static int MemoryChild(string arg)
        {
            var parts = arg.Split('|');
            var t = TaskLoader.FromFile(parts[0]);
            var a = AgentLoader.FromFile(parts[1]);
            var p = PolicyLoader.FromFile(parts[2]);
            var result = Allocator.Allocate(t, a, p);
            using (var fs = new FileStream(parts[3], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                AllocationDocument.Write(fs, result);
            GC.KeepAlive(result);
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine(self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
            return 0;
        }

        private static string RunPython(string python, string script, string tasks, string agents, string policy, string outFile)
        {
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var s in new[] { script, tasks, agents, policy, outFile }) psi.ArgumentList.Add(s);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEnd();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException("python failed: " + stderr);
            return stdout.Trim();
        }

        private static string Q(string s) => s.Replace("'", "''");

        private static string FindBaselineScript()
        {
            var local = Path.Combine(AppContext.BaseDirectory, "baseline", "prototype_allocate.py");
            return File.Exists(local) ? local : Path.Combine(FindRoot(), "tests", "FairnessGovernor.Timing", "baseline", "prototype_allocate.py");
        }

        internal static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "FairnessGovernor.PowerShell.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
        }

        private sealed class Options
        {
            public int Tasks = 1_000_000;
            public int Agents = 1_000;
            public int Runs = 3;
            public string Dir = Path.Combine(Path.GetTempPath(), "fairness-timing");
            public string Python = "python3";
            public string? MemoryChild;
            public bool Strategies;
            public bool Report;
            public int MaxWeight = 1_000;

            public static Options Parse(string[] args)
            {
                var o = new Options();
                for (int i = 0; i < args.Length; i++)
                {
                    switch (args[i])
                    {
                        case "--tasks": o.Tasks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                        case "--agents": o.Agents = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                        case "--runs": o.Runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                        case "--dir": o.Dir = Path.GetFullPath(args[++i]); break;
                        case "--python": o.Python = args[++i]; break;
                        case "--memory-child": o.MemoryChild = args[++i]; break;
                        case "--strategies": o.Strategies = true; break;
                        case "--report": o.Report = true; break;
                        case "--max-weight": o.MaxWeight = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                        default: throw new ArgumentException("unknown option " + args[i]);
                    }
                }
                return o;
            }
        }
    }

    /// <summary>A PowerShell 7.6 runspace with output/FairnessGovernor imported.</summary>
    internal sealed class Host : IDisposable
    {
        private readonly Runspace _runspace;

        public Host(string repoRoot, string workingDirectory)
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.ImportPSModule(new[] { Path.Combine(repoRoot, "output", "FairnessGovernor", "FairnessGovernor.psd1") });
            _runspace = RunspaceFactory.CreateRunspace(iss);
            _runspace.Open();
            _runspace.SessionStateProxy.Path.SetLocation(workingDirectory);
        }

        public System.Collections.ObjectModel.Collection<System.Management.Automation.PSObject> Run(string script)
        {
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            var result = ps.Invoke();
            if (ps.Streams.Error.Count > 0) throw new InvalidOperationException(ps.Streams.Error[0].ToString());
            return result;
        }

        public void Dispose() => _runspace.Dispose();
    }
}
