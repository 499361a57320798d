using System.Collections.Generic;
using System.Management.Automation;
using FairnessGovernor.Errors;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>Shared shape of the Import-Fair* cmdlets: -Path (wildcards), -LiteralPath, or -InputObject from the pipeline.</summary>
    public abstract class ImportCommandBase : InputLimitsCmdlet
    {
        private readonly List<object?> _objects = new List<object?>();
        private InputSources? _inputs;
        private bool _filesPiped; // files came down the pipeline as -InputObject

        /// <summary>Input files; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
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

        /// <summary>Reads files and objects under the command's input limits.</summary>
        private protected InputSources Inputs => _inputs ??= new InputSources(this, GetLimits());

        /// <summary>Reads one resolved file and writes its items.</summary>
        protected abstract void WriteFromFile(string path);

        /// <summary>Converts and writes the collected objects.</summary>
        protected abstract void WriteFromObjects(IReadOnlyList<object?> objects);

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == "InputObject")
            {
                // A file from Get-ChildItem binds here (ValueFromPipeline comes before -LiteralPath by PSPath): read
                // it as -LiteralPath would, as Import-Csv does.
                if ((InputObject is PSObject wrapped ? wrapped.BaseObject : InputObject) is System.IO.FileSystemInfo item)
                {
                    _filesPiped = true;
                    ReadFiles(new[] { item.FullName }, literal: true);
                }
                else _objects.Add(InputObject);
                return;
            }
            bool literal = ParameterSetName == "LiteralPath";
            ReadFiles(literal ? LiteralPath : Path, literal);
        }

        private void ReadFiles(IEnumerable<string> paths, bool literal)
        {
            foreach (var p in paths)
                foreach (var file in ResolvePaths(p, literal, literal ? "LiteralPath" : "Path", mustExist: true))
                {
                    try { WriteFromFile(file); }
                    catch (FairnessException ex) { ThrowEngineError(ex, file); }
                }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (ParameterSetName != "InputObject" || (_filesPiped && _objects.Count == 0)) return;
            try { WriteFromObjects(_objects); }
            catch (FairnessException ex) { ThrowEngineError(ex); }
        }
    }
}
