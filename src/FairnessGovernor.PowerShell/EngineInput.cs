using System.Collections.Generic;
using FairnessGovernor.Input;
using FairnessGovernor.Model;

namespace FairnessGovernor.PowerShell
{
    /// <summary>Reads tasks, agents and policies from resolved paths or objects through the engine's loaders.</summary>
    internal static class EngineInput
    {
        public static IReadOnlyList<FairTask> Tasks(string? path, IReadOnlyList<object?>? objects, string parameterName) =>
            path != null ? TaskLoader.FromFile(path) : ObjectItems.Tasks(objects ?? new object?[0], ObjectInput.Source(parameterName), ObjectInput.ToItem);

        public static IReadOnlyList<FairAgent> Agents(string? path, IReadOnlyList<object?>? objects, string parameterName) =>
            path != null ? AgentLoader.FromFile(path) : ObjectItems.Agents(objects ?? new object?[0], ObjectInput.Source(parameterName), ObjectInput.ToItem);

        public static FairnessPolicy Policy(string? path, object? value, string parameterName)
        {
            if (path != null) return PolicyLoader.FromFile(path);
            if (value == null) return FairnessPolicy.Default;
            var baseObject = value is System.Management.Automation.PSObject p ? p.BaseObject : value;
            if (baseObject is FairnessPolicy policy) return policy;
            return PolicyLoader.FromDocument(ObjectInput.ToItem(value), ObjectInput.Source(parameterName));
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
