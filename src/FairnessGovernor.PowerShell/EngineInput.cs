using System.Collections.Generic;
using FairnessGovernor.Input;
using FairnessGovernor.Model;

namespace FairnessGovernor.PowerShell
{
    /// <summary>Reads tasks, agents and policies from resolved paths or objects through the engine's loaders.</summary>
    internal static class EngineInput
    {
        public static IReadOnlyList<FairTask> Tasks(string? path, IReadOnlyList<object?>? objects, string parameterName, InputLimits? limits = null) =>
            path != null ? TaskLoader.FromFile(path, limits) : ObjectItems.Tasks(objects ?? new object?[0], ObjectInput.Source(parameterName), ObjectInput.ToItem, limits);

        public static IReadOnlyList<FairAgent> Agents(string? path, IReadOnlyList<object?>? objects, string parameterName, InputLimits? limits = null) =>
            path != null ? AgentLoader.FromFile(path, limits) : ObjectItems.Agents(objects ?? new object?[0], ObjectInput.Source(parameterName), ObjectInput.ToItem, limits);

        public static FairnessPolicy Policy(string? path, object? value, string parameterName, InputLimits? limits = null)
        {
            if (path != null) return PolicyLoader.FromFile(path, limits);
            if (value == null) return FairnessPolicy.Default;
            var baseObject = value is System.Management.Automation.PSObject p ? p.BaseObject : value;
            if (baseObject is FairnessPolicy policy) return policy;
            return PolicyLoader.FromDocument(ObjectInput.ToItem(value), ObjectInput.Source(parameterName), limits);
        }

        /// <summary>The agents minus those named in <paramref name="exclude"/>; an id that names no agent is an error.</summary>
        public static IReadOnlyList<FairAgent> Without(IReadOnlyList<FairAgent> agents, string[]? exclude, string source)
        {
            if (exclude == null || exclude.Length == 0) return agents;
            var drop = new HashSet<string>(exclude, System.StringComparer.Ordinal);
            var kept = new List<FairAgent>(agents.Count);
            foreach (var a in agents)
                if (!drop.Remove(a.Id)) kept.Add(a);
            foreach (var missing in drop)
                throw new FairnessInputException("UnknownAgent", source, null, "ExcludeAgent", "-ExcludeAgent names '" + missing + "', which is not among the agents.");
            return kept;
        }

        /// <summary>Flattens a parameter's object[] (each element possibly a collection from the pipeline) into items.</summary>
        public static List<object?> Flatten(IEnumerable<object?>? values)
        {
            var list = new List<object?>();
            if (values == null) return list;
            foreach (var v in values) list.Add(v);
            return list;
        }
    }
}
