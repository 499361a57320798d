using System;
using System.Collections.Generic;
using FairnessGovernor.Model;

namespace FairnessGovernor.Input
{
    /// <summary>Builds a validated <see cref="FairnessPolicy"/> from a file or an input value.</summary>
    public static class PolicyLoader
    {
        /// <summary>Reads a policy file: a JSON/YAML object (optionally wrapped as {"policy": {...}}).</summary>
        public static FairnessPolicy FromFile(string path, InputLimits? limits = null)
        {
            limits ??= InputLimits.Default;
            return FromDocument(InputFile.Read(path, limits), new InputSource(path, true, false), limits);
        }

        /// <summary>Builds the policy from a parsed document or object value.</summary>
        public static FairnessPolicy FromDocument(InputValue root, InputSource source, InputLimits? limits = null)
        {
            if (root.Kind == InputValueKind.Object && root.Get("policy_id") == null)
            {
                var inner = root.Get("policy");
                if (inner != null && inner.Kind == InputValueKind.Object) root = inner;
                else if (inner != null && inner.Kind != InputValueKind.Null)
                    throw new FairnessInputException("InvalidDocumentShape", source.Name, null, "policy", "expected a policy object under 'policy', got " + inner.Describe() + ".", inner.Line, inner.Column);
            }
            if (root.Kind != InputValueKind.Object)
                throw new FairnessInputException("InvalidDocumentShape", source.Name, null, null, "expected a policy object, got " + root.Describe() + ".", root.Line, root.Column);
            var r = new ItemReader(root, source, "policy");
            var idValue = r.Raw("policy_id");
            string policyId = FairnessPolicy.DefaultPolicyId;
            if (idValue != null && idValue.Kind != InputValueKind.Null)
                policyId = r.ReadId("policy_id", (limits ?? InputLimits.Default).MaxIdLength);
            var respect = r.ReadBool("respect_priority") ?? true;
            var maxSkew = r.ReadNumber("max_skew_ratio", 1, FairnessPolicy.MaxMaxSkewRatio) ?? FairnessPolicy.DefaultMaxSkewRatio;
            string strategy = FairnessStrategies.WeightedRoundRobin;
            var sv = r.Raw("strategy");
            if (sv != null && sv.Kind != InputValueKind.Null)
            {
                if (sv.Kind != InputValueKind.String || !FairnessStrategies.TryParse(sv.Text, out strategy))
                    throw r.Error("InvalidStrategy", "strategy", "expected one of " + string.Join(", ", FairnessStrategies.All) + ", got " + sv.Describe() + ".", sv);
            }
            var maxBypass = r.ReadWhole("max_bypass", 0, int.MaxValue);
            List<KeyValuePair<string, int>>? quotas = null;
            var qv = r.Raw("group_quotas");
            if (qv != null && qv.Kind != InputValueKind.Null)
            {
                if (qv.Kind != InputValueKind.Object)
                    throw r.Error("InvalidGroupQuotas", "group_quotas", "expected an object of group names to whole numbers from 0 to 2147483647, got " + qv.Describe() + ".", qv);
                quotas = new List<KeyValuePair<string, int>>();
                var groups = new HashSet<string>(StringComparer.Ordinal);
                foreach (var kv in qv.Properties!)
                {
                    // Files cannot repeat a key (DuplicateKey), but host dictionaries can once keys become text (1 and "1").
                    if (!groups.Add(kv.Key))
                        throw r.Error("InvalidGroupQuotas", "group_quotas", "group '" + kv.Key + "' is given twice; each group may have one quota.", kv.Value);
                    var qr = new ItemReader(qv, source, "policy");
                    long? limit;
                    try { limit = qr.ReadWhole(kv.Key, 0, int.MaxValue); }
                    catch (FairnessInputException)
                    {
                        throw r.Error("InvalidGroupQuotas", "group_quotas", "group '" + kv.Key + "': expected a whole number from 0 to 2147483647, got " + kv.Value.Describe() + ".", kv.Value);
                    }
                    if (limit == null)
                        throw r.Error("InvalidGroupQuotas", "group_quotas", "group '" + kv.Key + "': expected a whole number from 0 to 2147483647, got null.", kv.Value);
                    if (kv.Key.Trim().Length == 0)
                        throw r.Error("InvalidGroupQuotas", "group_quotas", "a group name must not be empty or white space.", kv.Value);
                    quotas.Add(new KeyValuePair<string, int>(kv.Key, (int)limit.Value));
                }
            }
            TimeSpan? halfLife = null;
            var hv = r.Raw("usage_half_life");
            if (hv != null && hv.Kind != InputValueKind.Null)
            {
                TimeSpan parsed;
                bool ok = hv.Kind == InputValueKind.Number
                    ? double.TryParse(hv.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds) && HalfLifeText.FromSeconds(seconds, out parsed)
                    : HalfLifeText.TryParse(hv.Kind == InputValueKind.String ? hv.Text : null, out parsed);
                if (!ok || parsed <= TimeSpan.Zero || parsed > FairnessPolicy.MaxUsageHalfLife)
                    throw r.Error("InvalidUsageHalfLife", "usage_half_life", "expected " + HalfLifeText.Expected + ", got " + hv.Describe() + ".", hv);
                halfLife = parsed;
            }
            var maxCatchUp = r.ReadWhole("max_catch_up", 0, int.MaxValue);
            return new FairnessPolicy(policyId, respect, maxSkew, strategy, maxBypass.HasValue ? (int?)maxBypass.Value : null, quotas,
                halfLife, maxCatchUp.HasValue ? (int?)maxCatchUp.Value : null);
        }
    }
}
