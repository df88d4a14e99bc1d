namespace DistillGuard.Core.Exchanges;

/// <summary>What the provider answered (<c>response</c>).</summary>
public sealed record ResponseInfo
{
    /// <summary>Gets the HTTP status returned.</summary>
    public required int Status { get; init; }

    /// <summary>Gets why generation stopped: <c>stop</c>, <c>length</c>, <c>content_filter</c>, <c>tool_calls</c>.</summary>
    public string? FinishReason { get; init; }

    /// <summary>Gets the prompt tokens counted.</summary>
    public int? PromptTokens { get; init; }

    /// <summary>Gets the completion tokens counted (reasoning tokens included, as OpenAI counts them).</summary>
    public int? CompletionTokens { get; init; }

    /// <summary>Gets the reasoning tokens counted, where the model reasons.</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Gets the answer's text, where the provider logs it.</summary>
    public string? OutputText { get; init; }

    /// <summary>Gets the time to the last token.</summary>
    public double? LatencyMs { get; init; }
}
