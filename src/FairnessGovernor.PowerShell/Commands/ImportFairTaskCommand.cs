using System.Collections.Generic;
using System.Management.Automation;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads and validates tasks from JSON/YAML files or objects.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "FairTask", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.Model.FairTask")]
    public sealed class ImportFairTaskCommand : ImportCommandBase
    {
        /// <inheritdoc />
        protected override void WriteFromFile(string path) => WriteObject(Inputs.Tasks(path, null), true);

        /// <inheritdoc />
        protected override void WriteFromObjects(IReadOnlyList<object?> objects) => WriteObject(Inputs.Tasks(null, objects, "InputObject"), true);
    }
}
