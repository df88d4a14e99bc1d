using System.Text.Json;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>Recognises a property name of <c>dg-exchange/1</c> with one switch on its length and at most a few comparisons.</summary>
/// <remarks>
/// A chain of <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> calls costs one call per candidate
/// name for every property of every line; switching on the length first leaves one or two comparisons.
/// </remarks>
internal static class ExchangeFields
{
    private const int MaxEscapedName = 128;

    /// <summary>Recognises the property name the reader is on.</summary>
    /// <param name="reader">A reader on a property name.</param>
    /// <returns>The field, or <see cref="ExchangeField.Unknown"/>.</returns>
    public static ExchangeField Classify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Classify(reader.ValueSpan);
        }

        if (reader.ValueSpan.Length > MaxEscapedName)
        {
            return ExchangeField.Unknown;
        }

        Span<byte> name = stackalloc byte[MaxEscapedName];
        return Classify(name[..reader.CopyString(name)]);
    }

    /// <summary>Recognises an unescaped property name.</summary>
    /// <param name="name">The name's UTF-8 bytes.</param>
    /// <returns>The field, or <see cref="ExchangeField.Unknown"/>.</returns>
    public static ExchangeField Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        1 => name.SequenceEqual("n"u8) ? ExchangeField.N : ExchangeField.Unknown,
        2 => name.SequenceEqual("id"u8) ? ExchangeField.Id : name.SequenceEqual("ts"u8) ? ExchangeField.Ts : name.SequenceEqual("ip"u8) ? ExchangeField.Ip : ExchangeField.Unknown,
        3 => name.SequenceEqual("asn"u8) ? ExchangeField.Asn : ExchangeField.Unknown,
        4 => name.SequenceEqual("plan"u8) ? ExchangeField.Plan : name.SequenceEqual("seed"u8) ? ExchangeField.Seed : name.SequenceEqual("user"u8) ? ExchangeField.User : name.SequenceEqual("role"u8) ? ExchangeField.Role : name.SequenceEqual("type"u8) ? ExchangeField.Type : name.SequenceEqual("text"u8) ? ExchangeField.Text : ExchangeField.Unknown,
        5 => name.SequenceEqual("model"u8) ? ExchangeField.Model : name.SequenceEqual("top_p"u8) ? ExchangeField.TopP : name.SequenceEqual("tools"u8) ? ExchangeField.Tools : name.SequenceEqual("usage"u8) ? ExchangeField.Usage : ExchangeField.Unknown,
        6 => name.SequenceEqual("client"u8) ? ExchangeField.Client : name.SequenceEqual("stream"u8) ? ExchangeField.Stream : name.SequenceEqual("status"u8) ? ExchangeField.Status : ExchangeField.Unknown,
        7 => name.SequenceEqual("billing"u8) ? ExchangeField.Billing : name.SequenceEqual("request"u8) ? ExchangeField.Request : name.SequenceEqual("asn_org"u8) ? ExchangeField.AsnOrg : name.SequenceEqual("country"u8) ? ExchangeField.Country : name.SequenceEqual("headers"u8) ? ExchangeField.Headers : name.SequenceEqual("content"u8) ? ExchangeField.Content : ExchangeField.Unknown,
        8 => name.SequenceEqual("response"u8) ? ExchangeField.Response : name.SequenceEqual("messages"u8) ? ExchangeField.Messages : name.SequenceEqual("logprobs"u8) ? ExchangeField.Logprobs : ExchangeField.Unknown,
        9 => name.SequenceEqual("signup_ts"u8) ? ExchangeField.SignupTs : ExchangeField.Unknown,
        10 => name.SequenceEqual("account_id"u8) ? ExchangeField.AccountId : name.SequenceEqual("api_key_id"u8) ? ExchangeField.ApiKeyId : name.SequenceEqual("user_agent"u8) ? ExchangeField.UserAgent : name.SequenceEqual("max_tokens"u8) ? ExchangeField.MaxTokens : name.SequenceEqual("latency_ms"u8) ? ExchangeField.LatencyMs : ExchangeField.Unknown,
        11 => name.SequenceEqual("end_user_id"u8) ? ExchangeField.EndUserId : name.SequenceEqual("temperature"u8) ? ExchangeField.Temperature : name.SequenceEqual("output_text"u8) ? ExchangeField.OutputText : ExchangeField.Unknown,
        12 => name.SequenceEqual("network_type"u8) ? ExchangeField.NetworkType : name.SequenceEqual("email_domain"u8) ? ExchangeField.EmailDomain : name.SequenceEqual("top_logprobs"u8) ? ExchangeField.TopLogprobs : ExchangeField.Unknown,
        13 => name.SequenceEqual("finish_reason"u8) ? ExchangeField.FinishReason : name.SequenceEqual("prompt_tokens"u8) ? ExchangeField.PromptTokens : ExchangeField.Unknown,
        15 => name.SequenceEqual("tls_fingerprint"u8) ? ExchangeField.TlsFingerprint : name.SequenceEqual("response_format"u8) ? ExchangeField.ResponseFormat : ExchangeField.Unknown,
        16 => name.SequenceEqual("reasoning_effort"u8) ? ExchangeField.ReasoningEffort : name.SequenceEqual("reasoning_tokens"u8) ? ExchangeField.ReasoningTokens : ExchangeField.Unknown,
        17 => name.SequenceEqual("safety_identifier"u8) ? ExchangeField.SafetyIdentifier : name.SequenceEqual("completion_tokens"u8) ? ExchangeField.CompletionTokens : ExchangeField.Unknown,
        19 => name.SequenceEqual("payment_fingerprint"u8) ? ExchangeField.PaymentFingerprint : ExchangeField.Unknown,
        21 => name.SequenceEqual("max_completion_tokens"u8) ? ExchangeField.MaxCompletionTokens : ExchangeField.Unknown,
        25 => name.SequenceEqual("completion_tokens_details"u8) ? ExchangeField.CompletionTokensDetails : ExchangeField.Unknown,
        _ => ExchangeField.Unknown,
    };
}
