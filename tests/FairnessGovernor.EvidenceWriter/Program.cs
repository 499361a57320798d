using System;
using System.Diagnostics;
using FairnessGovernor.Allocation;
using FairnessGovernor.Evidence;
using FairnessGovernor.Model;

// Usage: FairnessGovernor.EvidenceWriter <log path> <count> <writer tag> [key hex]
// Appends <count> evidence lines for a small run whose policy id is "writer-<tag>".
// Exit code 0 on success; 2 on bad arguments; 3 on an EvidenceLogException (message on stderr).
if (args.Length < 3 || !int.TryParse(args[1], out int count))
{
    Console.Error.WriteLine("usage: FairnessGovernor.EvidenceWriter <log path> <count> <writer tag> [key hex]");
    return 2;
}
string path = args[0];
string tag = args[2];
byte[]? key = args.Length > 3 ? Convert.FromHexString(args[3]) : null;
var tasks = new[] { new FairTask("t1", TaskPriority.High), new FairTask("t2"), new FairTask("t3", TaskPriority.Low), new FairTask("t4") };
var agents = new[] { new FairAgent("agent-a", 2), new FairAgent("agent-b", 1, 1) };
var result = Allocator.Allocate(tasks, agents, new FairnessPolicy("writer-" + tag));
var options = new EvidenceAppendOptions { Key = key };
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
