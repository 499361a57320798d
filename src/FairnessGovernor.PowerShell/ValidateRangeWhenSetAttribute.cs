using System;
using System.Globalization;
using System.Management.Automation;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// ValidateRange for an optional parameter that <see cref="BlankAsNotSetAttribute"/> may leave unset: null passes (the
    /// default applies), any other value must lie in [min, max] (ParameterArgumentValidationError otherwise, as
    /// ValidateRange gives).
    /// </summary>
    internal sealed class ValidateRangeWhenSetAttribute : ValidateArgumentsAttribute
    {
        private readonly double _min;
        private readonly double _max;

        public ValidateRangeWhenSetAttribute(double min, double max)
        {
            _min = min;
            _max = max;
        }

        /// <inheritdoc />
        protected override void Validate(object? arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (value == null) return;
            double v = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (double.IsNaN(v) || v < _min || v > _max)
                throw new ValidationMetadataException("The " + value.ToString() + " argument is outside the range " +
                    _min.ToString(CultureInfo.InvariantCulture) + " to " + _max.ToString(CultureInfo.InvariantCulture) + ".");
        }
    }
}
