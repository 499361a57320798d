using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace FairnessGovernor.Timing
{
    /// <summary>Scripts timed taking turns in one session (a full GC before each), and the medians the harness reports.</summary>
    internal static class Turns
    {
        /// <summary>Runs each script <paramref name="runs"/> times in turn; per script, its seconds in run order. Prints each round.</summary>
        public static List<double>[] Time(Host ps, string[] scripts, string[] names, int runs)
        {
            var seconds = scripts.Select(_ => new List<double>()).ToArray();
            for (int r = 0; r < runs; r++)
            {
                for (int s = 0; s < scripts.Length; s++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    var sw = Stopwatch.StartNew();
                    ps.Run(scripts[s]);
                    seconds[s].Add(sw.Elapsed.TotalSeconds);
                }
                Console.WriteLine($"run {r + 1}: " + string.Join("; ", names.Select((n, i) => $"{n} {seconds[i][r]:F3} s")));
            }
            return seconds;
        }

        /// <summary>The median (the mean of the middle two for an even count).</summary>
        public static double Median(List<double> xs)
        {
            var s = xs.OrderBy(x => x).ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
    }
}
