namespace DistillGuard.Ingest.Exchanges;

/// <summary>The property names of <c>dg-exchange/1</c> that the parser reads, whatever object they are in.</summary>
internal enum ExchangeField
{
    /// <summary>A property the parser skips.</summary>
    Unknown = 0,

    /// <summary><c>id</c>.</summary>
    Id,

    /// <summary><c>ts</c>.</summary>
    Ts,

    /// <summary><c>account_id</c>.</summary>
    AccountId,

    /// <summary><c>api_key_id</c>.</summary>
    ApiKeyId,

    /// <summary><c>end_user_id</c>.</summary>
    EndUserId,

    /// <summary><c>client</c>.</summary>
    Client,

    /// <summary><c>billing</c>.</summary>
    Billing,

    /// <summary><c>request</c>.</summary>
    Request,

    /// <summary><c>response</c>.</summary>
    Response,

    /// <summary><c>ip</c>.</summary>
    Ip,

    /// <summary><c>asn</c>.</summary>
    Asn,

    /// <summary><c>asn_org</c>.</summary>
    AsnOrg,

    /// <summary><c>network_type</c>.</summary>
    NetworkType,

    /// <summary><c>country</c>.</summary>
    Country,

    /// <summary><c>user_agent</c>.</summary>
    UserAgent,

    /// <summary><c>headers</c>.</summary>
    Headers,

    /// <summary><c>tls_fingerprint</c>.</summary>
    TlsFingerprint,

    /// <summary><c>payment_fingerprint</c>.</summary>
    PaymentFingerprint,

    /// <summary><c>email_domain</c>.</summary>
    EmailDomain,

    /// <summary><c>signup_ts</c>.</summary>
    SignupTs,

    /// <summary><c>plan</c>.</summary>
    Plan,

    /// <summary><c>model</c>.</summary>
    Model,

    /// <summary><c>messages</c>.</summary>
    Messages,

    /// <summary><c>temperature</c>.</summary>
    Temperature,

    /// <summary><c>top_p</c>.</summary>
    TopP,

    /// <summary><c>n</c>.</summary>
    N,

    /// <summary><c>max_tokens</c>.</summary>
    MaxTokens,

    /// <summary><c>max_completion_tokens</c>.</summary>
    MaxCompletionTokens,

    /// <summary><c>logprobs</c>.</summary>
    Logprobs,

    /// <summary><c>top_logprobs</c>.</summary>
    TopLogprobs,

    /// <summary><c>seed</c>.</summary>
    Seed,

    /// <summary><c>reasoning_effort</c>.</summary>
    ReasoningEffort,

    /// <summary><c>stream</c>.</summary>
    Stream,

    /// <summary><c>tools</c>.</summary>
    Tools,

    /// <summary><c>response_format</c>.</summary>
    ResponseFormat,

    /// <summary><c>user</c>.</summary>
    User,

    /// <summary><c>safety_identifier</c>.</summary>
    SafetyIdentifier,

    /// <summary><c>role</c>.</summary>
    Role,

    /// <summary><c>content</c>.</summary>
    Content,

    /// <summary><c>type</c>.</summary>
    Type,

    /// <summary><c>text</c>.</summary>
    Text,

    /// <summary><c>status</c>.</summary>
    Status,

    /// <summary><c>finish_reason</c>.</summary>
    FinishReason,

    /// <summary><c>usage</c>.</summary>
    Usage,

    /// <summary><c>output_text</c>.</summary>
    OutputText,

    /// <summary><c>latency_ms</c>.</summary>
    LatencyMs,

    /// <summary><c>prompt_tokens</c>.</summary>
    PromptTokens,

    /// <summary><c>completion_tokens</c>.</summary>
    CompletionTokens,

    /// <summary><c>reasoning_tokens</c>.</summary>
    ReasoningTokens,

    /// <summary><c>completion_tokens_details</c>.</summary>
    CompletionTokensDetails,
}
