using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Engine;

/// <summary>
/// What the engine reads of one exchange: its time, who sent it, the request's parameters, the tokens produced and the
/// prompt's features. Never its texts or its id.
/// </summary>
/// <remarks>
/// A value, so that the batch reader can write it into its batches' arrays and the sequencer can hold it, without an
/// <see cref="Exchange"/>, a <see cref="ResponseInfo"/> or an id string made for every line. The references it holds
/// (account and end-user ids, client, billing, request) are the reader's cached objects, shared between the exchanges
/// that repeat them. <see cref="Of"/> makes one from an exchange.
/// </remarks>
public readonly record struct ExchangeObservation
{
    /// <summary>Gets when the exchange happened.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the hash of the exchange's id (<see cref="HashId"/>), by which the sequencer drops duplicates.</summary>
    public required ulong IdHash { get; init; }

    /// <summary>Gets the account that sent the exchange.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the end user behind the account, or null.</summary>
    public string? EndUserId { get; init; }

    /// <summary>Gets the client's network facts, or null.</summary>
    public ClientInfo? Client { get; init; }

    /// <summary>Gets the account's billing facts, or null.</summary>
    public BillingInfo? Billing { get; init; }

    /// <summary>Gets the request; only its model and parameters are read, so its messages may be empty.</summary>
    public required ChatRequest Request { get; init; }

    /// <summary>Gets the completion tokens the response used, or null when usage was not logged.</summary>
    public int? CompletionTokens { get; init; }

    /// <summary>Gets the reasoning tokens the response used, or null.</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Gets the features of the exchange's prompt.</summary>
    public required ExchangeFeatures Features { get; init; }

    /// <summary>Hashes an exchange's id, as <see cref="IdHash"/> and <see cref="ExchangeFeatures.IdHash"/> hold it.</summary>
    /// <param name="id">The id's text.</param>
    /// <returns>The hash.</returns>
    public static ulong HashId(ReadOnlySpan<char> id) => TextTokens.Hash(id);

    /// <summary>Makes the observation of an exchange.</summary>
    /// <param name="exchange">The exchange.</param>
    /// <param name="features">Its features, from <see cref="FeatureExtractor"/>; when their <see cref="ExchangeFeatures.IdHash"/>
    /// is 0, the exchange's id is hashed here.</param>
    /// <returns>The observation.</returns>
    public static ExchangeObservation Of(Exchange exchange, in ExchangeFeatures features)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return new ExchangeObservation
        {
            Timestamp = exchange.Timestamp,
            IdHash = features.IdHash != 0 ? features.IdHash : HashId(exchange.Id),
            AccountId = exchange.AccountId,
            EndUserId = exchange.EndUserId,
            Client = exchange.Client,
            Billing = exchange.Billing,
            Request = exchange.Request,
            CompletionTokens = exchange.Response.CompletionTokens,
            ReasoningTokens = exchange.Response.ReasoningTokens,
            Features = features,
        };
    }
}
