using FairnessGovernor.Model;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// The ranges of an agent's fields (SPEC.md 1.4), shared by <see cref="AgentLoader"/> and the JSON fast path;
    /// the error ids and messages are <see cref="ItemReader"/>'s number errors (InvalidWeight, InvalidCapacity,
    /// InvalidMaxShare).
    /// </summary>
    internal static class AgentRules
    {
        /// <summary>The weight of an agent that gives none.</summary>
        public const long DefaultWeight = 1;

        /// <summary>The accepted range of <c>weight</c>.</summary>
        public const long MinWeight = 0, MaxWeight = FairAgent.MaxWeight;

        /// <summary>The accepted range of <c>capacity</c>.</summary>
        public const long MinCapacity = 0, MaxCapacity = FairAgent.MaxWeight;

        /// <summary>The accepted range of <c>max_share</c>.</summary>
        public const double MinMaxShare = 0, MaxMaxShare = 1;
    }
}
