using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>
/// What a simulated client asks for (the request body) and what the engine needs to answer it plausibly (the kind of
/// answer, its language, how long an answer the prompt calls for).
/// </summary>
internal sealed record RequestSpec
{
    public required SimModel Model { get; init; }

    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? N { get; init; }

    public int? MaxTokens { get; init; }

    public int? MaxCompletionTokens { get; init; }

    public bool? Logprobs { get; init; }

    public int? TopLogprobs { get; init; }

    /// <summary>Gets the reasoning effort asked for; dropped for models that do not reason.</summary>
    public string? ReasoningEffort { get; init; }

    public bool? Stream { get; init; }

    public string? ResponseFormat { get; init; }

    public string? User { get; init; }

    public long? Seed { get; init; }

    public bool HasTools { get; init; }

    /// <summary>Gets whether the answer is a tool call (finish reason <c>tool_calls</c>), as in an agent's steps.</summary>
    public bool ToolCall { get; init; }

    /// <summary>Gets what kind of answer the prompt calls for.</summary>
    public ContentKind Kind { get; init; } = ContentKind.Prose;

    /// <summary>Gets the language of the prompt.</summary>
    public string Language { get; init; } = "en";

    /// <summary>Gets whether the prompt asks for an explanation or the steps (by any wording, benign or not).</summary>
    public bool Stepwise { get; init; }

    /// <summary>Gets the typical length, in tokens, of the visible answer the prompt calls for.</summary>
    public double AnswerTokens { get; init; } = 300;

    /// <summary>Gets the answer text to log, when the client's conversation already fixed it; otherwise the engine composes one.</summary>
    public string? Output { get; init; }

    /// <summary>Gets whether the provider logs the answer text (customers with zero data retention have it left out).</summary>
    public bool LogsOutput { get; init; } = true;
}
