using System.Globalization;
using System.IO;
using System.Text;

namespace FairnessGovernor.Timing
{
    /// <summary>Deterministic (seeded) task, agent and policy files for timing runs.</summary>
    public static class InputGenerator
    {
        /// <summary>A small linear congruential generator: the same seed gives the same files everywhere.</summary>
        private struct Lcg
        {
            private ulong _s;
            public Lcg(ulong seed) { _s = seed * 6364136223846793005UL + 1442695040888963407UL; }
            public int Next(int bound)
            {
                _s = _s * 6364136223846793005UL + 1442695040888963407UL;
                return (int)((_s >> 33) % (ulong)bound);
            }
        }

        private static readonly string[] Priorities = { "high", "normal", "normal", "low" };

        /// <summary>Tasks: one object per line, ids task-0000001..., priorities high/normal/low (1:2:1).</summary>
        public static void Tasks(string path, int count, ulong seed = 8)
        {
            var rng = new Lcg(seed);
            using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
            w.Write("[\n");
            for (int i = 1; i <= count; i++)
            {
                w.Write("  { \"id\": \"task-");
                w.Write(i.ToString("D7", CultureInfo.InvariantCulture));
                w.Write("\", \"priority\": \"");
                w.Write(Priorities[rng.Next(4)]);
                w.Write(i == count ? "\" }\n" : "\" },\n");
            }
            w.Write("]\n");
        }

        /// <summary>Agents: weights 1 to 4; every 10th agent has a capacity of <paramref name="smallCapacity"/> (so some fill up), the rest unlimited.</summary>
        public static void Agents(string path, int count, int smallCapacity, ulong seed = 9) => Agents(path, count, smallCapacity, 4, seed);

        /// <summary>
        /// Agents: weights 1 to <paramref name="maxWeight"/>; with <paramref name="smallCapacity"/> above 0 every 10th agent
        /// has that capacity, the rest unlimited (0: every agent unlimited).
        /// </summary>
        public static void Agents(string path, int count, int smallCapacity, int maxWeight, ulong seed = 9)
        {
            var rng = new Lcg(seed);
            using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
            w.Write("[\n");
            for (int i = 1; i <= count; i++)
            {
                w.Write("  { \"id\": \"agent-");
                w.Write(i.ToString("D6", CultureInfo.InvariantCulture));
                w.Write("\", \"weight\": ");
                w.Write((1 + rng.Next(maxWeight)).ToString(CultureInfo.InvariantCulture));
                if (smallCapacity > 0 && i % 10 == 0)
                {
                    w.Write(", \"capacity\": ");
                    w.Write(smallCapacity.ToString(CultureInfo.InvariantCulture));
                }
                w.Write(i == count ? " }\n" : " },\n");
            }
            w.Write("]\n");
        }

        /// <summary>The policy: the prototype's keys.</summary>
        public static void Policy(string path) =>
            File.WriteAllText(path, "{\n  \"policy_id\": \"timing\",\n  \"respect_priority\": true,\n  \"max_skew_ratio\": 2.0\n}\n", new UTF8Encoding(false));

        /// <summary>The prototype's keys and <paramref name="strategy"/>.</summary>
        public static void Policy(string path, string strategy) =>
            File.WriteAllText(path, "{\n  \"policy_id\": \"timing\",\n  \"respect_priority\": true,\n  \"max_skew_ratio\": 2.0,\n  \"strategy\": \"" + strategy + "\"\n}\n", new UTF8Encoding(false));
    }
}
