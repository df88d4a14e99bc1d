namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>A source of distillation-style questions a harvest sweeps through.</summary>
internal enum SweepStream
{
    /// <summary>Questions generated over the topic taxonomy.</summary>
    Taxonomy,

    /// <summary>GSM8K word problems, increasingly with fresh numbers.</summary>
    Gsm8k,

    /// <summary>HumanEval functions framed as coding instructions.</summary>
    HumanEval,

    /// <summary>Arena-Hard prompts.</summary>
    Arena,

    /// <summary>Self-Instruct seed and user-oriented tasks.</summary>
    SelfInstruct,

    /// <summary>MT-Bench questions with their follow-up turns.</summary>
    MtBench,
}
