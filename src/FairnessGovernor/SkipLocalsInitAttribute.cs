namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// netstandard2.0 lacks this attribute; the C# compiler recognises it by name. On a method or type it drops the zeroing
    /// of the stack frame's locals on entry (locals are still definitely assigned before use, so nothing reads the old bytes).
    /// Used only on the allocation hot paths whose struct temporaries made each call clear the frame.
    /// </summary>
    [AttributeUsage(AttributeTargets.Module | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Constructor | AttributeTargets.Method, Inherited = false)]
    internal sealed class SkipLocalsInitAttribute : Attribute
    {
    }
}
