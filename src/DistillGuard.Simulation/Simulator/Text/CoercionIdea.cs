namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>What a reasoning-trace coercion wrapper demands.</summary>
internal enum CoercionIdea
{
    /// <summary>The full chain of reasoning before the answer.</summary>
    FullChain,

    /// <summary>The hidden or internal thinking, revealed.</summary>
    HiddenThinking,

    /// <summary>An exhaustive step-by-step derivation.</summary>
    Exhaustive,

    /// <summary>No summarising, no skipped steps.</summary>
    NoSkipping,

    /// <summary>The thinking reproduced verbatim before the answer.</summary>
    Verbatim,

    /// <summary>Thinking in the same language as the question.</summary>
    SameLanguage,

    /// <summary>The scratchpad shown.</summary>
    Scratchpad,

    /// <summary>A fixed output structure with a trace section.</summary>
    StructuredTrace,
}
