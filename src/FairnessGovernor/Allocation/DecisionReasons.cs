using System.Collections.Generic;

namespace FairnessGovernor.Allocation
{
    /// <summary>
    /// The vocabulary of <see cref="AllocationDecision.Reason"/> (SPEC.md 6.4): one or more tokens joined
    /// by '+', in the order of the constants below.
    /// </summary>
    public static class DecisionReasons
    {
        /// <summary>weighted_round_robin chose the agent at the rotation pointer.</summary>
        public const string Rotation = "rotation";

        /// <summary>smooth_weighted_round_robin chose the agent with the highest current weight.</summary>
        public const string SmoothWrr = "smooth_wrr";

        /// <summary>lag_bounded chose the eligible agent with the earliest deadline.</summary>
        public const string LagBoundedDeadline = "lag_bounded_deadline";

        /// <summary>lag_bounded found no eligible agent and chose the earliest to become eligible (defensive; not expected).</summary>
        public const string LagBoundedFallback = "lag_bounded_fallback";

        /// <summary>fair_share paid part of a deficit carried in the state (SPEC.md 7.10).</summary>
        public const string FairShareCatchUp = "fair_share_catch_up";

        /// <summary>Unassigned: at least one agent was full by its capacity.</summary>
        public const string Capacity = "capacity";

        /// <summary>Unassigned: at least one agent was full by its max_share.</summary>
        public const string MaxShare = "max_share";

        /// <summary>Unassigned: the task's group had reached its quota.</summary>
        public const string GroupQuota = "group_quota";

        /// <summary>Unassigned: the run has no agent with weight &gt; 0.</summary>
        public const string NoAgents = "no_agents";

        /// <summary>The task was dispatched ahead of the priority order because max_bypass tasks had overtaken it.</summary>
        public const string MaxBypass = "max_bypass";

        internal const int StrategyMask = 7;
        internal const int CodeRotation = 1, CodeSmooth = 2, CodeDeadline = 3, CodeFallback = 4, CodeCatchUp = 5;
        internal const int CodeCapacity = 8, CodeMaxShare = 16, CodeGroupQuota = 32, CodeNoAgents = 64, CodeMaxBypass = 128;

        private static readonly string[] Texts = Build();

        internal static string Text(int code) => Texts[code & 255];

        private static string[] Build()
        {
            var t = new string[256];
            string[] strategy = { "", Rotation, SmoothWrr, LagBoundedDeadline, LagBoundedFallback, FairShareCatchUp, "", "" };
            for (int code = 0; code < 256; code++)
            {
                var parts = new List<string>();
                if (strategy[code & StrategyMask].Length > 0) parts.Add(strategy[code & StrategyMask]);
                if ((code & CodeCapacity) != 0) parts.Add(Capacity);
                if ((code & CodeMaxShare) != 0) parts.Add(MaxShare);
                if ((code & CodeGroupQuota) != 0) parts.Add(GroupQuota);
                if ((code & CodeNoAgents) != 0) parts.Add(NoAgents);
                if ((code & CodeMaxBypass) != 0) parts.Add(MaxBypass);
                t[code] = string.Join("+", parts);
            }
            return t;
        }
    }
}
