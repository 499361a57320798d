using System;
using System.Collections.Generic;
using System.Management.Automation;
using FairnessGovernor.Input;
using FairnessGovernor.Model;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// The path-or-objects inputs of the cmdlets (SPEC.md 8.1 and 8.2): tasks, agents and a policy given as a
    /// file (-TaskPath with wildcards, -LiteralTaskPath) or as objects (-Task), checked so each comes from one
    /// source, resolved through the session's providers, and read by the engine's loaders under the command's
    /// input limits (SPEC.md 1.2). Engine input errors propagate as <see cref="FairnessInputException"/>.
    /// </summary>
    internal sealed class InputSources
    {
        private readonly FairnessCmdlet _cmdlet;

        public InputSources(FairnessCmdlet cmdlet, InputLimits limits)
        {
            _cmdlet = cmdlet;
            Limits = limits;
        }

        /// <summary>The limits every input of the command is read under, from files and objects alike.</summary>
        public InputLimits Limits { get; }

        /// <summary>Stops the command when both -{name}Path and -Literal{name}Path were given.</summary>
        public void CheckPathPair(string name, string? path, string? literalPath)
        {
            if (path != null && literalPath != null)
                Stop("ConflictingPathParameters", "Give -" + name + "Path or -Literal" + name + "Path, not both.");
        }

        /// <summary>
        /// Tasks come from a file or from objects (-Task or the pipeline): not both, and not neither. With a pipeline the
        /// conflict shows when the first object arrives, so call this again then with <paramref name="objects"/> true.
        /// </summary>
        public void CheckTaskSource(bool file, bool objects, bool piped = false)
        {
            if (file && objects)
                Stop("ConflictingTaskInput", "Give tasks either as a file (-TaskPath or -LiteralTaskPath) or as objects (-Task or the pipeline), not both.");
            if (!file && !objects && !piped)
                Stop("MissingTaskInput", "No tasks: give -TaskPath, -LiteralTaskPath, -Task, or pipe task objects in.");
        }

        /// <summary>Agents come from a file or from -Agent objects: not both, and not neither.</summary>
        public void CheckAgentSource(bool file, bool objects)
        {
            if (file && objects)
                Stop("ConflictingAgentInput", "Give agents either as a file (-AgentPath or -LiteralAgentPath) or as objects (-Agent), not both.");
            if (!file && !objects)
                Stop("MissingAgentInput", "No agents: give -AgentPath, -LiteralAgentPath or -Agent.");
        }

        /// <summary>The policy comes from a file or from a -Policy object, not both (neither is the default policy).</summary>
        public void CheckPolicySource(bool file, bool value)
        {
            if (file && value)
                Stop("ConflictingPolicyInput", "Give the policy either as a file (-PolicyPath or -LiteralPolicyPath) or as an object (-Policy), not both.");
        }

        /// <summary>The one file named by -{name}Path (wildcards) or -Literal{name}Path, resolved; null when neither was given.</summary>
        public string? File(string name, string? path, string? literalPath = null)
        {
            CheckPathPair(name, path, literalPath);
            if (path != null) return _cmdlet.ResolveInputPath(path, false, name + "Path");
            if (literalPath != null) return _cmdlet.ResolveInputPath(literalPath, true, "Literal" + name + "Path");
            return null;
        }

        /// <summary>The tasks of <paramref name="file"/>, or else of the objects given to -<paramref name="parameterName"/>.</summary>
        public IReadOnlyList<FairTask> Tasks(string? file, IEnumerable<object?>? objects, string parameterName = "Task") =>
            file != null ? TaskLoader.FromFile(file, Limits) : ObjectItems.Tasks(List(objects), ObjectInput.Source(parameterName), ObjectInput.ToItem, Limits);

        /// <summary>One task object as it arrives (-Stream); <paramref name="label"/> names it in errors, e.g. tasks[3].</summary>
        public FairTask Task(object? item, string label) =>
            (item is PSObject p ? p.BaseObject : item) as FairTask ?? TaskLoader.FromItem(ObjectInput.ToItem(item), ObjectInput.Source("Task"), label, Limits);

        /// <summary>The agents of <paramref name="file"/> or of the objects, minus those named in <paramref name="exclude"/> (an id that names no agent is UnknownAgent).</summary>
        public IReadOnlyList<FairAgent> Agents(string? file, IEnumerable<object?>? objects, string[]? exclude = null, string parameterName = "Agent")
        {
            var agents = file != null ? AgentLoader.FromFile(file, Limits) : ObjectItems.Agents(List(objects), ObjectInput.Source(parameterName), ObjectInput.ToItem, Limits);
            return Without(agents, exclude, file ?? "-" + parameterName + " objects");
        }

        /// <summary>The policy of <paramref name="file"/>, or of the object (a policy or a document), or the default policy.</summary>
        public FairnessPolicy Policy(string? file, object? value, string parameterName = "Policy")
        {
            if (file != null) return PolicyLoader.FromFile(file, Limits);
            if (value == null) return FairnessPolicy.Default;
            var baseObject = value is PSObject p ? p.BaseObject : value;
            if (baseObject is FairnessPolicy policy) return policy;
            return PolicyLoader.FromDocument(ObjectInput.ToItem(value), ObjectInput.Source(parameterName), Limits);
        }

        private IReadOnlyList<FairAgent> Without(IReadOnlyList<FairAgent> agents, string[]? exclude, string source)
        {
            if (exclude == null || exclude.Length == 0) return agents;
            var drop = new HashSet<string>(exclude, StringComparer.Ordinal);
            var kept = new List<FairAgent>(agents.Count);
            foreach (var a in agents)
                if (!drop.Remove(a.Id)) kept.Add(a);
            foreach (var id in exclude)
                if (drop.Contains(id)) UnknownExcludedAgent(id, agents, source);
            return kept;
        }

        /// <summary>
        /// -ExcludeAgent names an agent the input does not have: a parameter error (UnknownAgent), not a field of the
        /// agent file, so the recommended action is about the parameter and lists the agents it may name.
        /// </summary>
        private void UnknownExcludedAgent(string id, IReadOnlyList<FairAgent> agents, string source)
        {
            const int shown = 10;
            var ids = new List<string>();
            for (int i = 0; i < agents.Count && i < shown; i++) ids.Add("'" + agents[i].Id + "'");
            var list = agents.Count == 0 ? "there are none" : string.Join(", ", ids) + (agents.Count > shown ? " and " + (agents.Count - shown) + " more" : "");
            var message = "-ExcludeAgent names '" + id + "', which is not among the agents of " + source + ".";
            var record = new ErrorRecord(new ArgumentException(message), "UnknownAgent", ErrorCategory.InvalidArgument, id)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Leave '" + id + "' out of -ExcludeAgent, or name agents of " + source + " (" + list + ").",
                },
            };
            _cmdlet.ThrowTerminatingError(record);
        }

        // A parameter's object[] (each element possibly a collection from the pipeline) as a list of items.
        private static IReadOnlyList<object?> List(IEnumerable<object?>? values) =>
            values as IReadOnlyList<object?> ?? (values == null ? new List<object?>() : new List<object?>(values));

        private void Stop(string errorId, string message) =>
            _cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, null));
    }
}
