using System;
using System.Diagnostics;
using System.IO;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Model;

// Usage: FairnessGovernor.EvidenceWriter <log path> <count> <writer tag> [key hex|-] [start barrier folder]
// Appends <count> evidence lines for a small run whose policy id is "writer-<tag>". With a barrier
// folder, it first creates <folder>/ready-<tag> and waits (up to 60 s) for <folder>/go, so that
// several writers start appending at the same moment.
// Exit code 0 on success; 2 on bad arguments; 3 on an EvidenceLogException (message on stderr).
// State mode: FairnessGovernor.EvidenceWriter state <state path> <runs> <tag> [barrier folder]: makes <runs> stateful
// allocations of the six sample tasks (GovernorStateFile.Update), 3 on a GovernorStateException.
if (args.Length >= 4 && args[0] == "state")
{
    if (!int.TryParse(args[2], out int runs)) return 2;
    if (args.Length > 4) WaitForGo(args[4], args[3]);
    var sample = new[] { new FairTask("t1"), new FairTask("t2", TaskPriority.High), new FairTask("t3"), new FairTask("t4", TaskPriority.Low), new FairTask("t5", TaskPriority.High), new FairTask("t6") };
    var weighted = new[] { new FairAgent("agent-a", 1), new FairAgent("agent-b", 2), new FairAgent("agent-c", 1) };
    try
    {
        for (int i = 0; i < runs; i++)
            FairnessGovernor.State.GovernorStateFile.Update(args[1], s =>
            {
                Allocator.Allocate(sample, weighted, new FairnessPolicy("state-" + args[3]), null, s, out var next);
                return next;
            }, TimeSpan.FromSeconds(60));
    }
    catch (FairnessGovernor.State.GovernorStateException ex)
    {
        Console.Error.WriteLine(ex.ErrorId + ": " + ex.Message);
        return 3;
    }
    Console.WriteLine(args[3] + " made " + runs + " stateful runs");
    return 0;
}
if (args.Length < 3 || !int.TryParse(args[1], out int count))
{
    Console.Error.WriteLine("usage: FairnessGovernor.EvidenceWriter <log path> <count> <writer tag> [key hex]");
    return 2;
}
string path = args[0];
string tag = args[2];
byte[]? key = args.Length > 3 && args[3] != "-" ? Convert.FromHexString(args[3]) : null;
string? barrier = args.Length > 4 ? args[4] : null;
var tasks = new[] { new FairTask("t1", TaskPriority.High), new FairTask("t2"), new FairTask("t3", TaskPriority.Low), new FairTask("t4") };
var agents = new[] { new FairAgent("agent-a", 2), new FairAgent("agent-b", 1, 1) };
var result = Allocator.Allocate(tasks, agents, new FairnessPolicy("writer-" + tag));
var options = new EvidenceAppendOptions { Key = key };
if (barrier != null && !WaitForGo(barrier, tag)) return 4;
var clock = Stopwatch.StartNew();
try
{
    for (int i = 0; i < count; i++) EvidenceLog.Append(path, EvidenceEntry.For(result, DateTime.UtcNow), options);
}
catch (EvidenceLogException ex)
{
    Console.Error.WriteLine(ex.ErrorId + ": " + ex.Message);
    return 3;
}
Console.WriteLine(tag + " appended " + count + " in " + clock.ElapsedMilliseconds + " ms");
return 0;

static bool WaitForGo(string barrier, string tag)
{
    File.WriteAllText(Path.Combine(barrier, "ready-" + tag), "");
    var wait = Stopwatch.StartNew();
    while (!File.Exists(Path.Combine(barrier, "go")))
    {
        if (wait.Elapsed > TimeSpan.FromSeconds(60)) { Console.Error.WriteLine("no go signal"); return false; }
        System.Threading.Thread.Sleep(1);
    }
    return true;
}
