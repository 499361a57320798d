using System;

namespace FairnessGovernor.Files
{
    /// <summary>
    /// A lock that <see cref="FileLock.Acquire"/> could not take. Internal: the evidence log and the state file
    /// each turn it into their own error with their own wording (SPEC.md 5.4 and 7.5).
    /// </summary>
    internal sealed class FileLockException : Exception
    {
        public FileLockException(FileLockFailure failure, string lockPath, TimeSpan timeout, Exception? inner)
            : base(failure + ": " + lockPath, inner)
        {
            Failure = failure;
            LockPath = lockPath;
            Timeout = timeout;
        }

        /// <summary>What went wrong.</summary>
        public FileLockFailure Failure { get; }

        /// <summary>The sidecar lock file.</summary>
        public string LockPath { get; }

        /// <summary>How long the lock was waited for.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>The message of the underlying I/O error ("" when there is none).</summary>
        public string Detail => InnerException?.Message ?? "";

        /// <summary>The timeout in seconds as the error messages write it (up to three decimals).</summary>
        public string TimeoutSeconds => Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
    }
}
