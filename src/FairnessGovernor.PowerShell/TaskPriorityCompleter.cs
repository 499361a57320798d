using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using FairnessGovernor.Model;

namespace FairnessGovernor.PowerShell
{
    /// <summary>Completes New-FairTask -Priority with the priority names (high, normal, low).</summary>
    public sealed class TaskPriorityCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            foreach (var name in TaskPriorityNames.All)
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
        }
    }
}
