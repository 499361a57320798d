namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// A strategy's choice of agent, one task at a time. The allocator closes an agent when it can
    /// take no more tasks; a closed agent is never picked again in the run.
    /// </summary>
    internal interface IAgentSelector
    {
        /// <summary>The agent for the next task, or -1 when every agent is closed.</summary>
        int Pick();

        /// <summary>The agent is full (or otherwise out of the run) from now on.</summary>
        void Close(int agent);

        /// <summary>The reason code (<see cref="DecisionReasons"/>) of the last successful pick.</summary>
        int LastReason { get; }

        /// <summary>Explain mode: why the open agent <paramref name="agent"/> was not chosen by the last pick; null = not considered.</summary>
        string? WhyNot(int agent);
    }
}
