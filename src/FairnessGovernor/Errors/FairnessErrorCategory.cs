namespace FairnessGovernor.Errors
{
    /// <summary>
    /// What kind of failure an engine error is, in the engine's own terms (the engine does not reference
    /// PowerShell); the cmdlet layer maps each value to one PowerShell ErrorCategory (SPEC.md 8.6).
    /// </summary>
    public enum FairnessErrorCategory
    {
        /// <summary>The content broke a rule: a bad field, a corrupt line, a foreign file.</summary>
        InvalidData,

        /// <summary>The command was pointed at the wrong thing: a directory, an unsupported format.</summary>
        InvalidArgument,

        /// <summary>A file that must exist does not.</summary>
        ObjectNotFound,

        /// <summary>A file exists but could not be read.</summary>
        ReadError,

        /// <summary>A file could not be written.</summary>
        WriteError,

        /// <summary>Another process holds the lock.</summary>
        ResourceBusy,

        /// <summary>Locking is switched off where it is needed.</summary>
        NotEnabled,

        /// <summary>The input exceeds a configured limit (size, depth, alias expansion).</summary>
        LimitsExceeded,

        /// <summary>A server the command needs cannot be reached (a database store, SPEC.md 10).</summary>
        ResourceUnavailable,
    }
}
