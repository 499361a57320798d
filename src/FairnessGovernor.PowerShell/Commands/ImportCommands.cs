using System.Collections.Generic;
using System.Management.Automation;
using FairnessGovernor.Input;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>Shared shape of the Import-Fair* cmdlets: -Path (wildcards), -LiteralPath, or -InputObject from the pipeline.</summary>
    public abstract class ImportCommandBase : InputLimitsCmdlet
    {
        private readonly List<object?> _objects = new List<object?>();

        /// <summary>Input files; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Input files taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "LiteralPath", ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        /// <summary>Objects to check and convert (hashtables, PSCustomObjects, Import-Csv rows).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        [AllowNull]
        public object? InputObject { get; set; }

        /// <summary>Reads one resolved file and writes its items.</summary>
        protected abstract void WriteFromFile(string path);

        /// <summary>Converts and writes the collected objects.</summary>
        protected abstract void WriteFromObjects(IReadOnlyList<object?> objects);

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == "InputObject")
            {
                _objects.Add(InputObject);
                return;
            }
            bool literal = ParameterSetName == "LiteralPath";
            foreach (var p in literal ? LiteralPath : Path)
                foreach (var file in ResolvePaths(p, literal, literal ? "LiteralPath" : "Path", mustExist: true))
                {
                    try { WriteFromFile(file); }
                    catch (FairnessInputException ex) { ThrowInputError(ex, file); }
                }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (ParameterSetName != "InputObject") return;
            try { WriteFromObjects(_objects); }
            catch (FairnessInputException ex) { ThrowInputError(ex); }
        }
    }

    /// <summary>
    /// <para type="synopsis">Reads and validates tasks from JSON/YAML files or objects.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "FairTask", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.Model.FairTask")]
    public sealed class ImportFairTaskCommand : ImportCommandBase
    {
        /// <inheritdoc />
        protected override void WriteFromFile(string path) => WriteObject(TaskLoader.FromFile(path, GetLimits()), true);

        /// <inheritdoc />
        protected override void WriteFromObjects(IReadOnlyList<object?> objects) => WriteObject(EngineInput.Tasks(null, objects, "InputObject", GetLimits()), true);
    }

    /// <summary>
    /// <para type="synopsis">Reads and validates agents from JSON/YAML files or objects.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "FairAgent", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.Model.FairAgent")]
    public sealed class ImportFairAgentCommand : ImportCommandBase
    {
        /// <inheritdoc />
        protected override void WriteFromFile(string path) => WriteObject(AgentLoader.FromFile(path, GetLimits()), true);

        /// <inheritdoc />
        protected override void WriteFromObjects(IReadOnlyList<object?> objects) => WriteObject(EngineInput.Agents(null, objects, "InputObject", GetLimits()), true);
    }

    /// <summary>
    /// <para type="synopsis">Reads and validates a fairness policy from a JSON/YAML file or an object.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "FairnessPolicy", DefaultParameterSetName = "Path")]
    [OutputType("FairnessGovernor.Model.FairnessPolicy")]
    public sealed class ImportFairnessPolicyCommand : ImportCommandBase
    {
        /// <inheritdoc />
        protected override void WriteFromFile(string path) => WriteObject(PolicyLoader.FromFile(path, GetLimits()));

        /// <inheritdoc />
        protected override void WriteFromObjects(IReadOnlyList<object?> objects)
        {
            foreach (var o in objects) WriteObject(EngineInput.Policy(null, o, "InputObject", GetLimits()));
        }
    }
}
