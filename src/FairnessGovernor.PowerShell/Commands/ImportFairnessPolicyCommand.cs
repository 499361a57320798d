using System.Collections.Generic;
using System.Management.Automation;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads and validates a fairness policy from a JSON/YAML file or an object.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "FairnessPolicy", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.Model.FairnessPolicy")]
    public sealed class ImportFairnessPolicyCommand : ImportCommandBase
    {
        /// <inheritdoc />
        protected override void WriteFromFile(string path) => WriteObject(Inputs.Policy(path, null));

        /// <inheritdoc />
        protected override void WriteFromObjects(IReadOnlyList<object?> objects)
        {
            foreach (var o in objects) WriteObject(Inputs.Policy(null, o, "InputObject"));
        }
    }
}
