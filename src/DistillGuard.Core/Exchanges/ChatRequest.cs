namespace DistillGuard.Core.Exchanges;

/// <summary>The request body in the OpenAI Chat Completions shape (<c>request</c>).</summary>
public sealed record ChatRequest
{
    /// <summary>Gets the model asked.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the conversation; text parts of a message are joined into <see cref="ChatMessage.Content"/>.</summary>
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    /// <summary>Gets the sampling temperature.</summary>
    public double? Temperature { get; init; }

    /// <summary>Gets the nucleus sampling mass.</summary>
    public double? TopP { get; init; }

    /// <summary>Gets how many choices were asked for.</summary>
    public int? N { get; init; }

    /// <summary>Gets the legacy output budget.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets the output budget including reasoning tokens.</summary>
    public int? MaxCompletionTokens { get; init; }

    /// <summary>Gets whether token log-probabilities were asked for.</summary>
    public bool? Logprobs { get; init; }

    /// <summary>Gets how many alternatives per token were asked for.</summary>
    public int? TopLogprobs { get; init; }

    /// <summary>Gets the sampling seed.</summary>
    public long? Seed { get; init; }

    /// <summary>Gets the reasoning effort, for example <c>low</c>, <c>medium</c>, <c>high</c>.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Gets whether the answer was streamed.</summary>
    public bool? Stream { get; init; }

    /// <summary>Gets whether the request offered tools.</summary>
    public bool HasTools { get; init; }

    /// <summary>Gets the response format's type, for example <c>json_object</c>.</summary>
    public string? ResponseFormat { get; init; }

    /// <summary>Gets the request's <c>user</c> (or <c>safety_identifier</c>) field.</summary>
    public string? User { get; init; }

    /// <summary>Gets the output budget asked for: <see cref="MaxCompletionTokens"/>, else <see cref="MaxTokens"/>.</summary>
    public int? OutputBudget => MaxCompletionTokens ?? MaxTokens;
}
