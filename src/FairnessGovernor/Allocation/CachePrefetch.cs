using System;
using System.Reflection;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// Asks the processor to start loading a cache line that will be needed a few picks from now (SPEC.md 6.1.3). The engine
    /// targets netstandard2.0, which has no prefetch intrinsic; on a runtime that has one (.NET Core 3.0 on, x86 with SSE) it is
    /// found once by reflection and called through a function pointer, where the runtime compiles it to the single prefetch
    /// instruction. Elsewhere (Windows PowerShell's .NET Framework, Arm) <see cref="Line{T}"/> does nothing. A prefetch never
    /// faults and never changes a result: it only moves a load earlier.
    /// </summary>
    internal static unsafe class CachePrefetch
    {
        private static readonly delegate*<void*, void> Prefetch = Find();

        /// <summary>True when prefetches reach the processor.</summary>
        public static bool Available => Prefetch != null;

        /// <summary>Starts loading the line holding <paramref name="array"/>[<paramref name="index"/>] (an index in range).</summary>
        public static void Line<T>(T[] array, int index) where T : unmanaged
        {
            if (Prefetch == null) return;
            fixed (T* p = &array[index]) Prefetch(p);
        }

        private static delegate*<void*, void> Find()
        {
            try
            {
                var sse = Type.GetType("System.Runtime.Intrinsics.X86.Sse, System.Private.CoreLib", throwOnError: false);
                if (sse == null || !(sse.GetProperty("IsSupported", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is bool supported) || !supported)
                    return null;
                var method = sse.GetMethod("Prefetch0", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(void*) }, null);
                return method == null ? null : (delegate*<void*, void>)method.MethodHandle.GetFunctionPointer();
            }
            catch (Exception)
            {
                return null; // no prefetch: the same results, without the head start
            }
        }
    }
}
