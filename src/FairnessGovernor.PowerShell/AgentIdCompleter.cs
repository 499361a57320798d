using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Language;
using FairnessGovernor.Input;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// Completes -ExcludeAgent with the agent ids of the file named by -AgentPath (wildcards allowed, when they match
    /// exactly one file, as the run requires) or -LiteralAgentPath on the same command line, leaving out the ids
    /// already given to -ExcludeAgent.
    /// </summary>
    public sealed class AgentIdCompleter : IArgumentCompleter
    {
        private static readonly char[] NeedsQuotes = { ' ', '\'', '"', ',', ';', '(', ')', '{', '}', '$', '@', '#', '`' };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var results = new List<CompletionResult>();
            var literal = fakeBoundParameters["LiteralAgentPath"] as string;
            var raw = fakeBoundParameters["AgentPath"] as string ?? literal;
            if (string.IsNullOrEmpty(raw)) return results;
            try
            {
                // Resolve against the session's current location (completers run on the pipeline thread): -AgentPath
                // as the run resolves it (wildcards, exactly one match), -LiteralAgentPath as written.
                var resolved = literal != null && fakeBoundParameters["AgentPath"] == null
                    ? ScriptBlock.Create("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($args[0])").Invoke(raw)
                    : ScriptBlock.Create("$p = $null; $r = $ExecutionContext.SessionState.Path.GetResolvedProviderPathFromPSPath($args[0], [ref]$p); if ($p.Name -eq 'FileSystem') { $r }").Invoke(raw);
                if (resolved.Count != 1 || !(resolved[0]?.BaseObject is string path)) return results;
                if (!File.Exists(path)) return results;
                var typed = AlreadyTyped(commandAst, wordToComplete, fakeBoundParameters);
                var prefix = (wordToComplete ?? "").Trim('\'', '"');
                foreach (var agent in AgentLoader.FromFile(path))
                {
                    if (!agent.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || typed.Contains(agent.Id)) continue;
                    var text = agent.Id.IndexOfAny(NeedsQuotes) >= 0 ? "'" + agent.Id.Replace("'", "''") + "'" : agent.Id;
                    results.Add(new CompletionResult(text, agent.Id, CompletionResultType.ParameterValue, "weight " + agent.Weight + (agent.Capacity.HasValue ? ", capacity " + agent.Capacity : "")));
                }
            }
            catch (FairnessInputException) { }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is RuntimeException) { }
            return results;
        }

        /// <summary>
        /// The ids already given to -ExcludeAgent (<c>-ExcludeAgent a, b, </c>), other than the word being completed:
        /// from the bound value where PowerShell gives one, and from the command's syntax tree, which holds the list
        /// as typed so far.
        /// </summary>
        private static HashSet<string> AlreadyTyped(CommandAst commandAst, string? wordToComplete, IDictionary fakeBoundParameters)
        {
            var typed = new HashSet<string>(StringComparer.Ordinal);
            var value = fakeBoundParameters["ExcludeAgent"];
            if (value is string one) typed.Add(one);
            else if (value is IEnumerable bound)
            {
                foreach (var v in bound)
                    if (v != null) typed.Add((v is PSObject p ? p.BaseObject : v)?.ToString() ?? "");
            }
            var elements = commandAst.CommandElements;
            for (int i = 0; i < elements.Count; i++)
            {
                if (!(elements[i] is CommandParameterAst parameter) || !"ExcludeAgent".StartsWith(parameter.ParameterName, StringComparison.OrdinalIgnoreCase) || parameter.ParameterName.Length < 2) continue;
                // A list, a single id, or (with a trailing comma: "a, ") the parser's error node holding the ids so far.
                var argument = parameter.Argument ?? (i + 1 < elements.Count ? elements[i + 1] : null);
                if (argument == null || argument is CommandParameterAst) continue;
                foreach (var found in argument.FindAll(a => a is StringConstantExpressionAst, true))
                    typed.Add(((StringConstantExpressionAst)found).Value);
            }
            var word = (wordToComplete ?? "").Trim('\'', '"');
            if (word.Length > 0) typed.Remove(word);
            return typed;
        }
    }
}
