using System.Collections.Generic;
using FairnessGovernor.Input;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>Builds an input value from bound parameters, so New-* objects pass the same rules as files.</summary>
    internal static class ParameterItem
    {
        public static InputValue From(IEnumerable<KeyValuePair<string, object?>> fields)
        {
            var props = new List<KeyValuePair<string, InputValue>>();
            foreach (var f in fields)
                if (f.Value != null) props.Add(new KeyValuePair<string, InputValue>(f.Key, ObjectInput.ToValue(f.Value)));
            return InputValue.Object(props);
        }

        public static InputSource Source(string cmdlet) => new InputSource(cmdlet + " parameters", false, false);
    }
}
