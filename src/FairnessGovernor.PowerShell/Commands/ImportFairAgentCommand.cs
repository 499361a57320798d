using System.Collections.Generic;
using System.Management.Automation;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads and validates agents from JSON/YAML files or objects.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "FairAgent", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.Model.FairAgent")]
    public sealed class ImportFairAgentCommand : ImportCommandBase
    {
        /// <inheritdoc />
        protected override void WriteFromFile(string path) => WriteObject(Inputs.Agents(path, null), true);

        /// <inheritdoc />
        protected override void WriteFromObjects(IReadOnlyList<object?> objects) => WriteObject(Inputs.Agents(null, objects, parameterName: "InputObject"), true);
    }
}
