using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Language;
using FairnessGovernor.Input;

namespace FairnessGovernor.PowerShell
{
    /// <summary>Completes agent ids from the file named by -AgentPath / -LiteralAgentPath on the same command line.</summary>
    public sealed class AgentIdCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var results = new List<CompletionResult>();
            var raw = (fakeBoundParameters["AgentPath"] ?? fakeBoundParameters["LiteralAgentPath"]) as string;
            if (string.IsNullOrEmpty(raw)) return results;
            try
            {
                // Resolve against the session's current location (completers run on the pipeline thread).
                var resolved = ScriptBlock.Create("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($args[0])").Invoke(raw);
                if (resolved.Count != 1 || !(resolved[0]?.BaseObject is string path)) return results;
                if (!File.Exists(path)) return results;
                var prefix = (wordToComplete ?? "").Trim('\'', '"');
                foreach (var agent in AgentLoader.FromFile(path))
                {
                    if (!agent.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
                    var text = agent.Id.IndexOfAny(new[] { ' ', '\'', '"', ',', ';', '(', ')', '{', '}', '$', '@', '#', '`' }) >= 0 ? "'" + agent.Id.Replace("'", "''") + "'" : agent.Id;
                    results.Add(new CompletionResult(text, agent.Id, CompletionResultType.ParameterValue, "weight " + agent.Weight + (agent.Capacity.HasValue ? ", capacity " + agent.Capacity : "")));
                }
            }
            catch (FairnessInputException) { }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is RuntimeException) { }
            return results;
        }
    }
}
