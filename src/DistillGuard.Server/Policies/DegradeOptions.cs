namespace DistillGuard.Server.Policies;

/// <summary>What <c>degrade</c> does to a request.</summary>
public sealed class DegradeOptions
{
    /// <summary>Gets or sets the most output tokens a degraded request may ask for.</summary>
    /// <value>1024.</value>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>Gets or sets the reasoning effort a degraded request is lowered to.</summary>
    /// <value><c>low</c>.</value>
    public string ReasoningEffort { get; set; } = "low";

    /// <summary>Gets or sets whether raw reasoning is withheld (the request asks for a summary, not the trace).</summary>
    /// <value>True.</value>
    public bool WithholdReasoning { get; set; } = true;
}
