using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace FairnessGovernor.Timing
{
    /// <summary>
    /// The whole-cmdlet check of issue 18: <c>Invoke-FairAllocation ... -OutFile</c> with each strategy, in one hosted
    /// session, on the same tasks and agents (by default 1,000,000 tasks, 1,000 agents with weights 1-1,000, unlimited).
    /// The strategies take turns within each run, so a noisy neighbour slows all three alike; prints each run, the
    /// medians and smooth WRR's and lag_bounded's ratios to weighted_round_robin (the target: at most 2x).
    /// <code>dotnet run -c Release --project tests/FairnessGovernor.Timing -- --strategies [--tasks 1000000] [--agents 1000] [--max-weight 1000] [--runs 5] [--dir DIR]</code>
    /// </summary>
    internal static class StrategyTiming
    {
        private static readonly string[] Strategies = { "weighted_round_robin", "smooth_weighted_round_robin", "lag_bounded" };

        public static int Run(string dir, int taskCount, int agentCount, int maxWeight, int runs)
        {
            Directory.CreateDirectory(dir);
            string tasks = Path.Combine(dir, "tasks.json"), agents = Path.Combine(dir, "agents-w" + maxWeight + ".json");
            InputGenerator.Tasks(tasks, taskCount);
            InputGenerator.Agents(agents, agentCount, 0, maxWeight);
            var policies = Strategies.Select(s => Path.Combine(dir, "policy-" + s + ".json")).ToArray();
            for (int s = 0; s < Strategies.Length; s++) InputGenerator.Policy(policies[s], Strategies[s]);
            Console.WriteLine($"inputs: {taskCount:N0} tasks, {agentCount:N0} agents with weights 1-{maxWeight:N0}, unlimited, in {dir}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

            using var ps = new Host(Program.FindRoot(), dir);
            var scripts = new string[Strategies.Length];
            for (int s = 0; s < Strategies.Length; s++)
            {
                string output = Path.Combine(dir, "out-" + Strategies[s] + ".json");
                scripts[s] = "Invoke-FairAllocation -TaskPath '" + Q(tasks) + "' -AgentPath '" + Q(agents) + "' -PolicyPath '" + Q(policies[s]) + "' -OutFile '" + Q(output) + "'";
                ps.Run(scripts[s]); // warm-up: JIT each strategy's path once
            }
            var seconds = Turns.Time(ps, scripts, Strategies, runs);
            double wrr = Turns.Median(seconds[0]);
            Console.WriteLine();
            Console.WriteLine("| Invoke-FairAllocation -OutFile | median s | vs weighted_round_robin |");
            Console.WriteLine("| --- | ---: | ---: |");
            bool within = true;
            for (int s = 0; s < Strategies.Length; s++)
            {
                double m = Turns.Median(seconds[s]);
                within &= m <= 2 * wrr;
                Console.WriteLine($"| {Strategies[s]} | {m:F3} | {m / wrr:F2}x |");
            }
            Console.WriteLine(within ? "every strategy within 2x of weighted_round_robin" : "a strategy takes more than 2x weighted_round_robin's time");
            return within ? 0 : 1;
        }

        private static string Q(string s) => s.Replace("'", "''");
    }
}
