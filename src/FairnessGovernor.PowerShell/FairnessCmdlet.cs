using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using FairnessGovernor.Input;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// What every FairnessGovernor cmdlet shares: provider path resolution (FileSystem only), and the
    /// translation of the engine's <see cref="FairnessInputException"/> into a terminating ErrorRecord
    /// whose ErrorId is the engine's stable id.
    /// </summary>
    public abstract class FairnessCmdlet : PSCmdlet
    {
        static FairnessCmdlet() => ModuleLoader.Register();

        /// <summary>Resolves a -Path (wildcards allowed, exactly one existing file) or -LiteralPath value.</summary>
        protected string ResolveInputPath(string path, bool literal, string parameterName)
        {
            var list = ResolvePaths(path, literal, parameterName, mustExist: true);
            if (list.Count != 1)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                        "The value of -" + parameterName + " '" + path + "' matches " + list.Count + " files; it must name exactly one. Use a more specific path or -Literal" + parameterName + "."),
                    "AmbiguousPath", ErrorCategory.InvalidArgument, path));
            return list[0];
        }

        /// <summary>Resolves to FileSystem paths; with <paramref name="mustExist"/> false, a literal path may name a new file.</summary>
        protected List<string> ResolvePaths(string path, bool literal, string parameterName, bool mustExist)
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

        private void ThrowNotFound(string path, string resolved)
        {
            var ex = new FairnessInputException("InputFileNotFound", resolved, null, null, "no such file.");
            ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.ObjectNotFound, path));
        }

        /// <summary>Stops the command with the engine error as a terminating ErrorRecord.</summary>
        protected void ThrowInputError(FairnessInputException ex, object? target = null)
        {
            ThrowTerminatingError(ToErrorRecord(ex, target));
        }

        /// <summary>The ErrorRecord for an engine input error.</summary>
        internal static ErrorRecord ToErrorRecord(FairnessInputException ex, object? target)
        {
            var record = new ErrorRecord(ex, ex.ErrorId, CategoryOf(ex.ErrorId), target ?? ex.SourceName);
            record.ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = ex.Field != null
                    ? "Correct the field '" + ex.Field + "'" + (ex.Item != null ? " of " + ex.Item : "") + " in " + ex.SourceName + " and run the command again."
                    : "Correct " + ex.SourceName + " and run the command again.",
            };
            return record;
        }

        private static ErrorCategory CategoryOf(string errorId)
        {
            switch (errorId)
            {
                case "InputFileNotFound": return ErrorCategory.ObjectNotFound;
                case "InputFileUnreadable": return ErrorCategory.ReadError;
                case "InputPathIsDirectory":
                case "InputNotAFile":
                case "UnsupportedInputFormat": return ErrorCategory.InvalidArgument;
                case "InputTooLarge":
                case "InputTooDeep":
                case "AliasExpansionLimit": return ErrorCategory.LimitsExceeded;
                default: return ErrorCategory.InvalidData;
            }
        }

        /// <summary>Stops the command with a state-file error (SPEC.md 7.5) whose ErrorId is the engine's.</summary>
        protected void ThrowStateError(FairnessGovernor.State.GovernorStateException ex)
        {
            ErrorCategory category;
            switch (ex.ErrorId)
            {
                case "StateFileLocked": category = ErrorCategory.ResourceBusy; break;
                case "StateFileUnreadable": category = ErrorCategory.ReadError; break;
                case "StateFileUnwritable": category = ErrorCategory.WriteError; break;
                case "StatePathIsDirectory": category = ErrorCategory.InvalidArgument; break;
                case "StateLockDisabled": category = ErrorCategory.NotEnabled; break;
                default: category = ErrorCategory.InvalidData; break;
            }
            var record = new ErrorRecord(ex, ex.ErrorId, category, ex.Path);
            record.ErrorDetails = new ErrorDetails(ex.Message);
            ThrowTerminatingError(record);
        }

        /// <summary>Unwraps a -Governor value: a governor from New-FairnessGovernor, or an InvalidGovernor error.</summary>
        internal object UnwrapGovernor(object value)
        {
            var o = value is PSObject p ? p.BaseObject : value;
            if (!(o is FairnessGovernor.State.Governor))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Governor takes a governor from New-FairnessGovernor; got " + o.GetType().FullName + "."),
                    "InvalidGovernor", ErrorCategory.InvalidArgument, value));
            return o;
        }

        /// <summary>Writes a file atomically: a temporary file in the same folder, then a rename over the target.</summary>
        protected static void WriteFileAtomically(string path, Action<Stream> write)
        {
            var full = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(full) ?? ".";
            var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    write(stream);
                    stream.Flush(true);
                }
                if (File.Exists(full)) File.Replace(temp, full, null);
                else File.Move(temp, full);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }
}
