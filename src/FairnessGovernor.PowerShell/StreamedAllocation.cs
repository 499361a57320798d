using System;
using System.Collections.Generic;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;
using FairnessGovernor.State;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// An Invoke-FairAllocation -Stream in progress (SPEC.md 7.7 and 8.3): the engine stream, and the state file
    /// lock or the governor it continues. Disposing it releases the lock without saving.
    /// </summary>
    internal sealed class StreamedAllocation : IDisposable
    {
        private readonly AllocationStream _stream;
        private readonly GovernorStateLock? _lock;
        private readonly Governor? _governor;
        private readonly InputSources _inputs;
        private int _index;

        /// <summary>
        /// Starts the stream; with <paramref name="statePath"/> it first takes the state file's lock (waiting up to
        /// <paramref name="timeout"/>), or, when <paramref name="whatIf"/>, only reads the state (no lock file is created,
        /// and nothing can be saved).
        /// </summary>
        public StreamedAllocation(IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationStreamOptions options, string? statePath, Governor? governor, TimeSpan timeout, InputSources inputs, bool whatIf = false)
        {
            _governor = governor;
            _inputs = inputs;
            GovernorState? fileState = null;
            if (statePath != null)
            {
                _readOnlyState = whatIf;
                if (whatIf) fileState = GovernorStateFile.Load(statePath);
                else _lock = GovernorStateFile.Open(statePath, timeout);
            }
            try
            {
                _stream = new AllocationStream(agents, policy, options, _lock?.State ?? fileState ?? _governor?.State);
            }
            catch
            {
                _lock?.Dispose();
                throw;
            }
        }

        /// <summary>Whether the stream continues a state file or a governor, to be saved when it completes.</summary>
        public bool HasState => _lock != null || _governor != null || _readOnlyState;

        private readonly bool _readOnlyState;

        /// <summary>The engine stream.</summary>
        public AllocationStream Engine => _stream;

        /// <summary>The tasks received so far.</summary>
        public int TaskCount => _stream.TaskCount;

        /// <summary>Adds the next task (a task object or an item to read as one); returns the decisions it releases.</summary>
        public IReadOnlyList<AllocationDecision> Add(object? item) => _stream.Add(_inputs.Task(item, "tasks[" + _index++ + "]"));

        /// <summary>Ends the input; returns the decisions still waiting in the window.</summary>
        public IReadOnlyList<AllocationDecision> Complete() => _stream.Complete();

        /// <summary>Saves the state after the stream into the state file or the governor.</summary>
        public void Save()
        {
            if (_readOnlyState) throw new InvalidOperationException("A -WhatIf stream read the state without its lock and saves nothing.");
            if (_lock != null) _lock.Save(_stream.NextState!);
            else _governor?.Commit(_stream);
        }

        /// <inheritdoc />
        public void Dispose() => _lock?.Dispose();
    }
}
