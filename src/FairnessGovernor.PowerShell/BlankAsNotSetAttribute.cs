using System.Management.Automation;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// A blank or white-space text binds as "not set" (null), as SPEC.md 1.6 promises for objects: an empty cell of an
    /// Import-Csv row piped into New-Fair* leaves the parameter at its default instead of converting to 0.
    /// </summary>
    internal sealed class BlankAsNotSetAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is string text && text.Trim().Length == 0 ? null : inputData;
        }
    }
}
