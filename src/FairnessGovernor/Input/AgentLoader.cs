using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Input
{
    /// <summary>Builds validated <see cref="FairAgent"/>s from files or input values (SPEC.md 1.1, 1.4; the ranges are <see cref="AgentRules"/>).</summary>
    public static class AgentLoader
    {
        /// <summary>Reads an agent file: a JSON/YAML array of agents, or an object with an 'agents' array.</summary>
        public static IReadOnlyList<FairAgent> FromFile(string path, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            if (JsonItemStream.Applies(path) && JsonItemStream.TryAgents(path, limits) is IReadOnlyList<FairAgent> fast) return fast;
            var source = new InputSource(path, true, false);
            return FromDocument(InputFile.Read(path, limits), source, limits);
        }

        /// <summary>Builds agents from a parsed document.</summary>
        public static IReadOnlyList<FairAgent> FromDocument(InputValue root, InputSource source, InputLimits? limits = null) =>
            FromItems(ItemList.Of(root, source, "agents", "agents"), source, limits);

        /// <summary>Builds agents from items (objects), checking every rule and that ids are unique.</summary>
        public static IReadOnlyList<FairAgent> FromItems(IReadOnlyList<InputValue> items, InputSource source, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            var l = limits;
            return UniqueItems.Build(items.Count, "agents", source, (i, label) => FromItem(items[i], source, label, l), a => a.Id, i => items[i].Get("id"));
        }

        /// <summary>Builds one agent from an object value.</summary>
        public static FairAgent FromItem(InputValue item, InputSource source, string label, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            ItemReader.RequireObject(item, source, label, "an agent");
            var r = new ItemReader(item, source, label);
            var id = r.ReadId("id", limits.MaxIdLength);
            var weight = r.ReadWhole("weight", AgentRules.MinWeight, AgentRules.MaxWeight) ?? AgentRules.DefaultWeight;
            var capacity = r.ReadWhole("capacity", AgentRules.MinCapacity, AgentRules.MaxCapacity);
            var maxShare = r.ReadNumber("max_share", AgentRules.MinMaxShare, AgentRules.MaxMaxShare);
            return new FairAgent(id, (int)weight, capacity.HasValue ? (int?)capacity.Value : null, maxShare);
        }
    }
}
