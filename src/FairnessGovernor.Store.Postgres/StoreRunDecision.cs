using System;
using FairnessGovernor.Evidence;
using FairnessGovernor.Model;

namespace FairnessGovernor.Store.Postgres
{
    /// <summary>What a run decided inside its transaction (<see cref="PostgresStore.Run"/>): the next state and its evidence entry, and whether to keep them.</summary>
    public sealed class StoreRunDecision
    {
        /// <summary>Creates the decision; <paramref name="keep"/> false (-WhatIf) rolls the run back.</summary>
        public StoreRunDecision(GovernorState nextState, EvidenceEntry entry, bool keep = true)
        {
            NextState = nextState ?? throw new ArgumentNullException(nameof(nextState));
            Entry = entry ?? throw new ArgumentNullException(nameof(entry));
            Keep = keep;
        }

        /// <summary>The state after the run.</summary>
        public GovernorState NextState { get; }

        /// <summary>The run's evidence entry, not yet chained.</summary>
        public EvidenceEntry Entry { get; }

        /// <summary>False to record nothing.</summary>
        public bool Keep { get; }
    }
}
