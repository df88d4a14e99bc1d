namespace DistillGuard.Core.Exchanges;

/// <summary>
/// One API exchange: a request to a model and its answer, as the <c>dg-exchange/1</c> format describes it
/// (docs/spec/exchange-log.md). Readers convert every input format into this type.
/// </summary>
public sealed record Exchange
{
    /// <summary>Gets the unique id of the exchange; a second exchange with the same id is a duplicate.</summary>
    public required string Id { get; init; }

    /// <summary>Gets when the request arrived.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the billing account (organisation) that owns the API key.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the API key used, where known.</summary>
    public string? ApiKeyId { get; init; }

    /// <summary>Gets the end user's id passed through by an application or router, where known.</summary>
    public string? EndUserId { get; init; }

    /// <summary>Gets what the provider saw of the caller's network and client.</summary>
    public ClientInfo? Client { get; init; }

    /// <summary>Gets what the provider knows of the account's sign-up and payment.</summary>
    public BillingInfo? Billing { get; init; }

    /// <summary>Gets the request body in the OpenAI Chat Completions shape.</summary>
    public required ChatRequest Request { get; init; }

    /// <summary>Gets the response metadata.</summary>
    public required ResponseInfo Response { get; init; }
}
