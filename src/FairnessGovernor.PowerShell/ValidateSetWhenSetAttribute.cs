using System;
using System.Management.Automation;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// ValidateSet for an optional text parameter that <see cref="BlankAsNotSetAttribute"/> may leave unset: null or
    /// blank passes (the default applies), any other text must be one of the values, ignoring case and surrounding white space
    /// (ParameterArgumentValidationError otherwise, as ValidateSet gives). Tab completion comes from
    /// <see cref="TaskPriorityCompleter"/>, since PowerShell completes only its own ValidateSet.
    /// </summary>
    internal sealed class ValidateSetWhenSetAttribute : ValidateArgumentsAttribute
    {
        private readonly string[] _values;

        public ValidateSetWhenSetAttribute(params string[] values) => _values = values;

        /// <inheritdoc />
        protected override void Validate(object? arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (value == null || (value is string blank && blank.Trim().Length == 0)) return;
            var text = value.ToString().Trim();
            foreach (var v in _values) if (string.Equals(v, text, StringComparison.OrdinalIgnoreCase)) return;
            throw new ValidationMetadataException("The argument \"" + text + "\" does not belong to the set \"" + string.Join(",", _values) +
                "\". Supply an argument that is in the set (or leave it blank for the default) and then try the command again.");
        }
    }
}
