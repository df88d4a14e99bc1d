using System.Runtime.CompilerServices;
using DistillGuard.Core.Exchanges;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>
/// A small direct-mapped cache of <see cref="ChatRequest"/> objects by their values, for requests whose messages are
/// not kept (<see cref="DgExchangeParser.TryParseWithFeatures"/>): what remains, the model and the sampling parameters,
/// is an application's fixed configuration, so most requests share an instance instead of allocating one.
/// </summary>
/// <remarks>
/// A hit requires every value to be equal (strings by value, the messages list by reference), so it returns an object
/// equal to the one that would have been built; requests are immutable records and are shared between exchanges.
/// Slots are picked by the strings' identities (the parser's string cache hands out one instance per recent value):
/// an equal string of another instance only misses. Not thread-safe; one per parser.
/// </remarks>
internal sealed class ChatRequestCache
{
    private const int SizeBits = 10;

    private readonly ChatRequest?[] _slots = new ChatRequest?[1 << SizeBits];

    /// <summary>
    /// Gets a request with these values: when sharing, a cached one or a new one that is cached; otherwise (a request
    /// with its messages, which no other line shares) a new one, leaving the cache alone.
    /// </summary>
    /// <returns>The request.</returns>
    public ChatRequest Get(
        bool share,
        string model,
        IReadOnlyList<ChatMessage> messages,
        double? temperature,
        double? topP,
        int? n,
        int? maxTokens,
        int? maxCompletionTokens,
        bool? logprobs,
        int? topLogprobs,
        long? seed,
        string? reasoningEffort,
        bool? stream,
        bool hasTools,
        string? responseFormat,
        string? user)
    {
        if (!share)
        {
            return Create();
        }

        var hash = new HashCode();
        hash.Add(RuntimeHelpers.GetHashCode(model));
        hash.Add(temperature);
        hash.Add(topP);
        hash.Add(n);
        hash.Add(maxTokens);
        hash.Add(maxCompletionTokens);
        hash.Add(logprobs);
        hash.Add(topLogprobs);
        hash.Add(seed);
        hash.Add(reasoningEffort is null ? 0 : RuntimeHelpers.GetHashCode(reasoningEffort));
        hash.Add(stream);
        hash.Add(hasTools);
        hash.Add(responseFormat is null ? 0 : RuntimeHelpers.GetHashCode(responseFormat));
        hash.Add(user is null ? 0 : RuntimeHelpers.GetHashCode(user));
        var slot = (int)((uint)hash.ToHashCode() >> (32 - SizeBits));

        if (_slots[slot] is { } cached
            && ReferenceEquals(cached.Messages, messages)
            && string.Equals(cached.Model, model, StringComparison.Ordinal)
            && Nullable.Equals(cached.Temperature, temperature)
            && Nullable.Equals(cached.TopP, topP)
            && cached.N == n
            && cached.MaxTokens == maxTokens
            && cached.MaxCompletionTokens == maxCompletionTokens
            && cached.Logprobs == logprobs
            && cached.TopLogprobs == topLogprobs
            && cached.Seed == seed
            && string.Equals(cached.ReasoningEffort, reasoningEffort, StringComparison.Ordinal)
            && cached.Stream == stream
            && cached.HasTools == hasTools
            && string.Equals(cached.ResponseFormat, responseFormat, StringComparison.Ordinal)
            && string.Equals(cached.User, user, StringComparison.Ordinal))
        {
            return cached;
        }

        var request = Create();
        _slots[slot] = request;
        return request;

        ChatRequest Create() => new()
        {
            Model = model,
            Messages = messages,
            Temperature = temperature,
            TopP = topP,
            N = n,
            MaxTokens = maxTokens,
            MaxCompletionTokens = maxCompletionTokens,
            Logprobs = logprobs,
            TopLogprobs = topLogprobs,
            Seed = seed,
            ReasoningEffort = reasoningEffort,
            Stream = stream,
            HasTools = hasTools,
            ResponseFormat = responseFormat,
            User = user,
        };
    }
}
