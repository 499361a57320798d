using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace FairnessGovernor.PowerShell.Commands
{
    /// <summary>The HMAC-SHA256 key of the evidence cmdlets (SPEC.md 8.5), from -Key (a SecureString) or -KeyPath (a file's bytes).</summary>
    internal static class EvidenceKey
    {
        /// <summary>The key bytes, or null when neither -Key nor -KeyPath was given.</summary>
        public static byte[]? Read(FairnessCmdlet cmdlet, SecureString? key, string? keyPath)
        {
            if (key != null && keyPath != null)
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give -Key or -KeyPath, not both."), "ConflictingKeyParameters", ErrorCategory.InvalidArgument, null));
            if (key != null)
            {
                IntPtr p = IntPtr.Zero;
                try
                {
                    p = Marshal.SecureStringToGlobalAllocUnicode(key);
                    var bytes = Encoding.UTF8.GetBytes(Marshal.PtrToStringUni(p) ?? "");
                    if (bytes.Length == 0) cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Key is empty."), "EmptyEvidenceKey", ErrorCategory.InvalidArgument, null));
                    return bytes;
                }
                finally
                {
                    if (p != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(p);
                }
            }
            if (keyPath != null)
            {
                var path = cmdlet.ResolveInputPath(keyPath, false, "KeyPath");
                byte[] bytes;
                try { bytes = File.ReadAllBytes(path); }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "EvidenceKeyUnreadable", ErrorCategory.ReadError, path));
                    return null;
                }
                if (bytes.Length == 0) cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException("The key file '" + path + "' is empty."), "EmptyEvidenceKey", ErrorCategory.InvalidArgument, path));
                return bytes;
            }
            return null;
        }
    }
}
