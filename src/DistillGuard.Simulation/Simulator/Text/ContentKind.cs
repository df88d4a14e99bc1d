namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>What kind of answer a prompt calls for; decides how long the model thinks and what its answer starts with.</summary>
internal enum ContentKind
{
    /// <summary>Explanations, advice, essays.</summary>
    Prose,

    /// <summary>Calculations and proofs.</summary>
    Math,

    /// <summary>Programs and code changes.</summary>
    Code,

    /// <summary>Role-play and creative writing.</summary>
    Creative,

    /// <summary>A one-word label.</summary>
    Label,

    /// <summary>Structured data (JSON).</summary>
    Json,

    /// <summary>A one- or two-sentence answer.</summary>
    Short,
}
