namespace FairnessGovernor.Files
{
    /// <summary>Why <see cref="FileLock.Acquire"/> could not take a lock (SPEC.md 5.4 and 7.5).</summary>
    internal enum FileLockFailure
    {
        /// <summary>.NET was told not to lock files in this process, so the lock would protect nothing.</summary>
        Disabled,

        /// <summary>The lock file could not be created (missing or read-only folder, bad path).</summary>
        Unwritable,

        /// <summary>Another process held the lock for the whole timeout.</summary>
        Locked,
    }
}
