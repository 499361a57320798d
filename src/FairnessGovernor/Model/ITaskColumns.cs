using System;

namespace FairnessGovernor.Model
{
    /// <summary>
    /// A task list read as columns (the tasks of SPEC.md 1.3; cost, 6.7): what the allocator, the digests, the metrics
    /// and the output read from a compact list without materialising a <see cref="FairTask"/> per task. Implemented
    /// by <see cref="TaskStore"/>; <see cref="TaskColumns.Of"/> finds it behind a task list.
    /// </summary>
    internal interface ITaskColumns
    {
        /// <summary>How many tasks.</summary>
        int Count { get; }

        /// <summary>The priority levels (TaskPriority values), one byte per task (the array may be longer than Count).</summary>
        byte[] Levels { get; }

        /// <summary>Task <paramref name="i"/>'s priority.</summary>
        TaskPriority Level(int i);

        /// <summary>Task <paramref name="i"/>'s group, or null.</summary>
        string? Group(int i);

        /// <summary>Task <paramref name="i"/>'s duration.</summary>
        double Duration(int i);

        /// <summary>Task <paramref name="i"/>'s arrival.</summary>
        double Arrival(int i);

        /// <summary>Task <paramref name="i"/>'s id as UTF-8 bytes.</summary>
        ReadOnlySpan<byte> IdUtf8(int i);

        /// <summary>Task <paramref name="i"/>'s id as a string.</summary>
        string Id(int i);
    }
}
