using System;
using System.Runtime.CompilerServices;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// Lets the recursive document readers stop with InputTooDeep instead of overflowing the stack
    /// when a thread's stack is smaller than the depth limit needs (a stack overflow cannot be caught).
    /// </summary>
    internal static class StackGuard
    {
        /// <summary>True while the current thread has room for more recursion.</summary>
        public static bool HasRoom()
        {
            try
            {
                RuntimeHelpers.EnsureSufficientExecutionStack();
                return true;
            }
            catch (InsufficientExecutionStackException)
            {
                return false;
            }
        }
    }
}
