using System;
using System.IO;

namespace FairnessGovernor.Tests
{
    /// <summary>Locates the repository and makes scratch files.</summary>
    internal static class TestPaths
    {
        public static string RepoRoot { get; } = FindRoot();

        public static string Fixture(string name) => Path.Combine(RepoRoot, "fixtures", name);

        /// <summary>A file written by FairnessGovernor 0.1.0 (tests/fixtures-0.1.0/README.md).</summary>
        public static string Release010(string name) => Path.Combine(RepoRoot, "tests", "fixtures-0.1.0", name);

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "FairnessGovernor.PowerShell.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root from " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A scratch folder removed when disposed.</summary>
    internal sealed class ScratchFolder : IDisposable
    {
        public ScratchFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fg-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Write(string name, string content)
        {
            var p = System.IO.Path.Combine(Path, name);
            File.WriteAllText(p, content);
            return p;
        }

        public string WriteBytes(string name, byte[] content)
        {
            var p = System.IO.Path.Combine(Path, name);
            File.WriteAllBytes(p, content);
            return p;
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
