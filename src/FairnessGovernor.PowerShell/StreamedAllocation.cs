using System;
using System.Collections.Generic;
using FairnessGovernor.Allocation;
using FairnessGovernor.Model;
using FairnessGovernor.State;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// An Invoke-FairAllocation -Stream in progress (SPEC.md 7.7 and 8.3): the engine stream, and the state file
    /// lock, the governor or the store run (SPEC.md 10: the policy's lock and an open transaction) it continues.
    /// Disposing it releases the lock without saving (a store run rolls back).
    /// </summary>
    internal sealed class StreamedAllocation : IDisposable
    {
        private readonly AllocationStream _stream;
        private readonly GovernorStateLock? _lock;
        private readonly Governor? _governor;
        private readonly IDisposable? _storeRun; // a PostgresStoreRun, typed so that this class loads no store code
        private readonly string _policyId;
        private readonly InputSources _inputs;
        private int _index;

        /// <summary>
        /// Starts the stream; with <paramref name="statePath"/> it first takes the state file's lock (waiting up to
        /// <paramref name="timeout"/>), or, when <paramref name="whatIf"/>, only reads the state (no lock file is created,
        /// and nothing can be saved); with <paramref name="store"/> it opens the store run (the policy's lock, SPEC.md 10.3).
        /// </summary>
        public StreamedAllocation(IReadOnlyList<FairAgent> agents, FairnessPolicy policy, AllocationStreamOptions options, string? statePath, Governor? governor, TimeSpan timeout, InputSources inputs,
            bool whatIf, FairnessCmdlet cmdlet, object? store, DateTime? asOf)
        {
            _governor = governor;
            _inputs = inputs;
            _policyId = policy.PolicyId;
            GovernorState? fileState = null;
            GovernorState? storeState = null;
            if (statePath != null)
            {
                _readOnlyState = whatIf;
                if (whatIf) fileState = GovernorStateFile.Load(statePath);
                else _lock = GovernorStateFile.Open(statePath, timeout);
            }
            else if (store != null)
            {
                // The run's time is -AsOf or the server's clock under the lock, not this host's (SPEC.md 7.10, 10.3).
                _storeRun = StoreCommands.OpenStream(cmdlet, store, policy.PolicyId, asOf, out storeState, out var runTime);
                options.AsOf = runTime;
            }
            try
            {
                _stream = new AllocationStream(agents, policy, options, _lock?.State ?? fileState ?? storeState ?? _governor?.State);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>The policy id of the stream.</summary>
        public string PolicyId => _policyId;

        /// <summary>Whether the stream continues a state file or a governor, to be saved when it completes.</summary>
        public bool HasState => _lock != null || _governor != null || _storeRun != null || _readOnlyState;

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
            else if (_storeRun != null) StoreCommands.CommitStream(_storeRun, _stream);
            else _governor?.Commit(_stream);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _lock?.Dispose();
            _storeRun?.Dispose();
        }
    }
}
