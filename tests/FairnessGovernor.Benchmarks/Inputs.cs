using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using FairnessGovernor.Model;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>Seeded, deterministic inputs for the benchmarks.</summary>
    public static class Inputs
    {
        private static readonly TaskPriority[] Levels = { TaskPriority.High, TaskPriority.Normal, TaskPriority.Normal, TaskPriority.Low };

        public static FairTask[] Tasks(int n, int seed = 8)
        {
            var rng = new Random(seed);
            var tasks = new FairTask[n];
            for (int i = 0; i < n; i++) tasks[i] = new FairTask("task-" + (i + 1).ToString("D7", CultureInfo.InvariantCulture), Levels[rng.Next(4)]);
            return tasks;
        }

        /// <summary>
        /// Agents under a capacity pressure: "none" = weights 1-4, unlimited; "heavy" = weights 1-1000, unlimited (large
        /// weights); "full" = 90% of agents have capacity 1 (they fill at once and stay full), the rest unlimited. Two more
        /// weight spreads, unlimited: "scaled" = the weights of "none" times 1,000,000 (same classes, larger numbers);
        /// "wide" = weights 1-1,000,000 (nearly every agent its own weight); "distinct" = 1 + 7,919 i mod 1,000,003 (every
        /// agent its own weight, up to 1,000,003 agents).
        /// </summary>
        public static FairAgent[] Agents(int m, string pressure, int seed = 9)
        {
            var rng = new Random(seed);
            var agents = new FairAgent[m];
            for (int i = 0; i < m; i++)
            {
                string id = "agent-" + (i + 1).ToString("D6", CultureInfo.InvariantCulture);
                switch (pressure)
                {
                    case "heavy": agents[i] = new FairAgent(id, 1 + rng.Next(1000)); break;
                    case "scaled": agents[i] = new FairAgent(id, (1 + rng.Next(4)) * 1_000_000); break;
                    case "wide": agents[i] = new FairAgent(id, 1 + rng.Next(1_000_000)); break;
                    case "distinct": agents[i] = new FairAgent(id, 1 + (int)(i * 7919L % 1_000_003)); break;
                    case "full": agents[i] = new FairAgent(id, 1 + rng.Next(4), i % 10 == 0 ? (int?)null : 1); break;
                    default: agents[i] = new FairAgent(id, 1 + rng.Next(4)); break;
                }
            }
            return agents;
        }

        /// <summary>
        /// <paramref name="open"/> unlimited agents and <paramref name="full"/> agents of capacity 1 (full after their first task),
        /// all with weights 1-4; the unlimited ones spread evenly (every ((open + full) / open)-th agent).
        /// </summary>
        public static FairAgent[] AgentsWithFull(int open, int full, int seed = 9)
        {
            var rng = new Random(seed);
            int m = open + full, every = m / open;
            var agents = new FairAgent[m];
            for (int i = 0; i < m; i++)
            {
                string id = "agent-" + (i + 1).ToString("D6", CultureInfo.InvariantCulture);
                bool unlimited = i % every == 0 && i / every < open;
                agents[i] = new FairAgent(id, 1 + rng.Next(4), unlimited ? (int?)null : 1);
            }
            return agents;
        }

        public static string TaskFile(int n, string extension)
        {
            var path = Path.Combine(Path.GetTempPath(), "fg-bench-tasks-" + n + extension);
            if (File.Exists(path)) return path;
            var rng = new Random(8);
            string[] names = { "high", "normal", "normal", "low" };
            var tmp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false), 1 << 16))
            {
                bool json = extension == ".json";
                if (json) w.Write("[\n");
                for (int i = 1; i <= n; i++)
                {
                    string id = "task-" + i.ToString("D7", CultureInfo.InvariantCulture);
                    string p = names[rng.Next(4)];
                    if (json) w.Write("  { \"id\": \"" + id + "\", \"priority\": \"" + p + (i == n ? "\" }\n" : "\" },\n"));
                    else w.Write("- id: " + id + "\n  priority: " + p + "\n");
                }
                if (json) w.Write("]\n");
            }
            File.Move(tmp, path, true);
            return path;
        }
    }
}
