using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using FairnessGovernor.Files;
using FairnessGovernor.Errors;
using FairnessGovernor.Input;
using FairnessGovernor.State;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// What every FairnessGovernor cmdlet shares (SPEC.md 8.1 and 8.6): provider path resolution (FileSystem
    /// only), and stopping with an engine error as a terminating ErrorRecord whose ErrorId is the engine's.
    /// Its static constructor registers <see cref="ModuleLoader"/>'s resolver, so the engine is found even
    /// in a session that added the cmdlets without Import-Module.
    /// </summary>
    public abstract class FairnessCmdlet : PSCmdlet
    {
        static FairnessCmdlet() => ModuleLoader.Register();

        /// <summary>Resolves a -Path (wildcards allowed, exactly one existing file) or -LiteralPath value.</summary>
        internal string ResolveInputPath(string path, bool literal, string parameterName)
        {
            var list = ResolvePaths(path, literal, parameterName, mustExist: true);
            if (list.Count != 1)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                        "The value of -" + parameterName + " '" + path + "' matches " + list.Count + " files; it must name exactly one. Use a more specific path or -Literal" + parameterName + "."),
                    "AmbiguousPath", ErrorCategory.InvalidArgument, path));
            return list[0];
        }

        /// <summary>Resolves to FileSystem paths; with <paramref name="mustExist"/> false, a literal path may name a new file.</summary>
        internal List<string> ResolvePaths(string path, bool literal, string parameterName, bool mustExist)
        {
            var result = new List<string>();
            ProviderInfo provider;
            try
            {
                if (literal || !mustExist)
                {
                    var p = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
                    RequireFileSystem(provider, path, parameterName);
                    if (mustExist && !File.Exists(p) && !Directory.Exists(p)) ThrowNotFound(path, p);
                    result.Add(p);
                    return result;
                }
                var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
                RequireFileSystem(provider, path, parameterName);
                result.AddRange(resolved);
            }
            catch (ItemNotFoundException)
            {
                ThrowNotFound(path, path);
            }
            catch (System.Management.Automation.DriveNotFoundException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InputFileNotFound", ErrorCategory.ObjectNotFound, path));
            }
            catch (ProviderNotFoundException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "NotAFileSystemPath", ErrorCategory.InvalidArgument, path));
            }
            if (result.Count == 0) ThrowNotFound(path, path);
            return result;
        }

        private void RequireFileSystem(ProviderInfo provider, string path, string parameterName)
        {
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                        "-" + parameterName + " '" + path + "' is on the " + provider.Name + " provider; expected a file system path."),
                    "NotAFileSystemPath", ErrorCategory.InvalidArgument, path));
        }

        private void ThrowNotFound(string path, string resolved) =>
            ThrowEngineError(new FairnessInputException("InputFileNotFound", resolved, null, null, "no such file."), path);

        /// <summary>Stops the command with an engine error (SPEC.md 8.6): its ErrorId, category and message, as one mapping makes them.</summary>
        internal void ThrowEngineError(FairnessException ex, object? target = null) => ThrowTerminatingError(EngineErrors.ToErrorRecord(ex, target));

        /// <summary>
        /// Unwraps a -Governor value: a governor from New-FairnessGovernor, or an InvalidGovernor error. -Governor is typed
        /// object so that any other value reaches this error rather than a parameter-binding conversion error.
        /// </summary>
        internal Governor UnwrapGovernor(object value)
        {
            var o = value is PSObject p ? p.BaseObject : value;
            if (!(o is Governor governor))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Governor takes a governor from New-FairnessGovernor; got " + o.GetType().FullName + "."),
                    "InvalidGovernor", ErrorCategory.InvalidArgument, value));
                return null!;
            }
            return governor;
        }

        /// <summary>
        /// Writes a file atomically: a temporary file in the same folder, then a rename over the target, through a
        /// symbolic link and keeping the file's mode (<see cref="AtomicFile"/>).
        /// </summary>
        protected static void WriteFileAtomically(string path, Action<Stream> write) => AtomicFile.Replace(path, write);

        /// <summary>
        /// Whether this call only shows what it would do (-WhatIf, or $WhatIfPreference): then it must not create even a lock
        /// file (SPEC.md 7.5). ShouldProcess still says what would be done.
        /// </summary>
        internal bool IsWhatIf
        {
            get
            {
                if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound))
                    return bound is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(bound);
                return LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
            }
        }

        /// <summary>The warning for a state file that does not exist, which reads as the empty state (SPEC.md 7.9).</summary>
        internal void WarnMissingStateFile(string path) =>
            WriteWarning("There is no state file at '" + path + "': this is the empty state. Invoke-FairAllocation -StatePath creates the file; check the path if you expected one.");
    }
}
