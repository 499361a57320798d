using System;
using System.Diagnostics;
using System.IO;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// Debian's chromium-headless-shell, for the report tests: found on PATH, else installed by tools/install-browser.sh
    /// (apt-get). A browser that cannot be had fails the tests (in CI and elsewhere): they never skip.
    /// </summary>
    internal static class ReportBrowser
    {
        private static readonly object Gate = new object();
        private static string? _path;

        public static string Path
        {
            get
            {
                lock (Gate)
                {
                    if (_path != null) return _path;
                    var found = Find();
                    if (found == null)
                    {
                        var script = System.IO.Path.Combine(TestPaths.RepoRoot, "tools", "install-browser.sh");
                        var (code, output) = Run("bash", "\"" + script + "\"", TimeSpan.FromMinutes(6));
                        found = Find();
                        if (found == null)
                            throw new InvalidOperationException("chromium-headless-shell is missing and tools/install-browser.sh could not install it (exit " + code + "; CI=" +
                                Environment.GetEnvironmentVariable("CI") + "):\n" + output + "\nInstall it with: apt-get update && apt-get install chromium-headless-shell");
                    }
                    return _path = found;
                }
            }
        }

        private static string? Find()
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
            {
                if (dir.Length == 0) continue;
                var candidate = System.IO.Path.Combine(dir, "chromium-headless-shell");
                if (File.Exists(candidate)) return candidate;
            }
            const string debian = "/usr/lib/chromium-headless-shell/chromium-headless-shell";
            return File.Exists(debian) ? debian : null;
        }

        /// <summary>Renders <paramref name="htmlPath"/> to <paramref name="pngPath"/> in a window of the given size.</summary>
        public static void Screenshot(string htmlPath, string pngPath, int width = 1280, int height = 2000, string? extraArgs = null) =>
            Render(htmlPath, pngPath, "--screenshot=\"" + pngPath + "\" --window-size=" + width + "," + height + (extraArgs == null ? "" : " " + extraArgs));

        /// <summary>Prints <paramref name="htmlPath"/> to a PDF (the page's own @page size applies).</summary>
        public static void PrintToPdf(string htmlPath, string pdfPath) => Render(htmlPath, pdfPath, "--no-pdf-header-footer --print-to-pdf=\"" + pdfPath + "\"");

        private static void Render(string htmlPath, string outPath, string mode)
        {
            var profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fg-chromium-" + Guid.NewGuid().ToString("N"));
            try
            {
                if (File.Exists(outPath)) File.Delete(outPath);
                var args = "--no-sandbox --hide-scrollbars --user-data-dir=\"" + profile + "\" " + mode + " \"file://" + System.IO.Path.GetFullPath(htmlPath) + "\"";
                var (code, output) = Run(Path, args, TimeSpan.FromMinutes(2));
                if (code != 0 || !File.Exists(outPath)) throw new InvalidOperationException("chromium-headless-shell failed (exit " + code + "):\n" + output);
            }
            finally
            {
                try { Directory.Delete(profile, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }

        private static (int, string) Run(string file, string args, TimeSpan timeout)
        {
            var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit((int)timeout.TotalMilliseconds))
            {
                try { p.Kill(true); } catch (InvalidOperationException) { }
                return (-1, "timed out after " + timeout);
            }
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
