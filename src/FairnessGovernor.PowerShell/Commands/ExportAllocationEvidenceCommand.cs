using System;
using System.IO;
using System.Management.Automation;
using FairnessGovernor.Errors;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes a policy's evidence chain from a store as a JSONL evidence log.</para>
    /// <para>SPEC.md 10: the lines exactly as chained, so Test-AllocationEvidence -Path verifies the file, entry number = line number.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "AllocationEvidence", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportAllocationEvidenceCommand : FairnessCmdlet
    {
        /// <summary>A store from New-FairnessStore.</summary>
        [Parameter(Mandatory = true)]
        public object? Store { get; set; }

        /// <summary>The policy whose chain to export.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string PolicyId { get; set; } = "";

        /// <summary>The JSONL file to write (replaced atomically).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("PSPath", "LiteralPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Refuse to overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Emit the file written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var path = ResolvePaths(Path, true, "Path", mustExist: false)[0];
            if (Directory.Exists(path))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Path '" + path + "' is a directory; expected a file."), "EvidencePathIsDirectory", ErrorCategory.InvalidArgument, path));
            if (NoClobber && File.Exists(path))
                ThrowTerminatingError(new ErrorRecord(new IOException("The file '" + path + "' exists and -NoClobber was given."), "OutFileExists", ErrorCategory.ResourceExists, path));
            if (!ShouldProcess(path, "Export the evidence chain of policy '" + PolicyId + "'")) return;
            int count = 0;
            try
            {
                WriteFileAtomically(path, stream => count = StoreCommands.Export(this, Store!, PolicyId, stream));
            }
            catch (FairnessException ex)
            {
                ThrowEngineError(ex);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException("Cannot write '" + path + "': " + ex.Message, ex), "OutFileWriteFailed", ErrorCategory.WriteError, path));
            }
            WriteVerbose("Exported " + count + " entries of policy '" + PolicyId + "' to " + path + ".");
            if (PassThru) WriteObject(new FileInfo(path));
        }
    }
}
