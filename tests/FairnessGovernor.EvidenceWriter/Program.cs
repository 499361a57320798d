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
if (barrier != null)
{
    File.WriteAllText(Path.Combine(barrier, "ready-" + tag), "");
    var wait = Stopwatch.StartNew();
    while (!File.Exists(Path.Combine(barrier, "go")))
    {
        if (wait.Elapsed > TimeSpan.FromSeconds(60)) { Console.Error.WriteLine("no go signal"); return 4; }
        System.Threading.Thread.Sleep(1);
    }
}
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
