using System.Collections.Generic;

namespace FairnessGovernor.Store.Postgres
{
    /// <summary>A policy's head row as read with its chain: how many entries it records and the last one's hash.</summary>
    public sealed class StoreHead
    {
        internal StoreHead(long entryCount, string lastHash, IReadOnlyList<long>? entryNumbers = null)
        {
            EntryCount = entryCount;
            LastHash = lastHash;
            EntryNumbers = entryNumbers ?? new long[0];
        }

        /// <summary>Entries the head records.</summary>
        public long EntryCount { get; }

        /// <summary>The last entry's hash (64 zeros before the first).</summary>
        public string LastHash { get; }

        /// <summary>The entry numbers of the rows read, in order.</summary>
        public IReadOnlyList<long> EntryNumbers { get; }
    }
}
