using System.Text.Json;
using DistillGuard.Core.Exchanges;
using DistillGuard.Ingest.Json;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>Writes exchanges as <c>dg-exchange/1</c> JSON Lines (docs/spec/exchange-log.md), one exchange per line.</summary>
/// <remarks>
/// <para>
/// Fields are written in the spec's order with its names; absent optional fields are left out, including a
/// <see cref="ClientInfo.NetworkType"/> of <see cref="NetworkType.Unknown"/> and <c>response.usage</c> when no token
/// count is known. <c>ts</c> and <c>billing.signup_ts</c> are written in UTC with milliseconds
/// (<c>2026-11-20T10:00:00.123Z</c>), so finer fractions of a second do not survive a round trip. Messages are
/// written as <c>{"role","content"}</c> with the content as one string.
/// </para>
/// <para>
/// An <see cref="Exchange"/> keeps only whether the request offered tools, not the tools, so
/// <see cref="ChatRequest.HasTools"/> is written as <c>"tools":[{"type":"function"}]</c>. An empty
/// <see cref="Exchange.ApiKeyId"/> or <see cref="Exchange.EndUserId"/> is written as absent, as the parser reads it.
/// </para>
/// <para>
/// One <see cref="Utf8JsonWriter"/> and one buffer are reused for every line and the stream gets chunks of about
/// 64 KiB, so writing millions of lines costs no allocation per line beyond the formatting itself.
/// </para>
/// </remarks>
public sealed class ExchangeJsonWriter : IDisposable, IAsyncDisposable
{
    private readonly JsonLinesWriter _writer;

    /// <summary>Initializes a new instance of the <see cref="ExchangeJsonWriter"/> class.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="leaveOpen">Whether to leave <paramref name="stream"/> open when the writer is disposed.</param>
    public ExchangeJsonWriter(Stream stream, bool leaveOpen = false)
    {
        _writer = new JsonLinesWriter(stream, leaveOpen);
    }

    /// <summary>Writes one exchange as one line.</summary>
    /// <param name="exchange">The exchange.</param>
    public void Write(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        WriteExchange(_writer.BeginLine(), exchange);
        _writer.EndLine();
    }

    /// <summary>Writes what is buffered to the stream and flushes it.</summary>
    public void Flush() => _writer.Flush();

    /// <summary>Writes what is buffered to the stream and flushes it.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when the stream is flushed.</returns>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    /// <summary>Flushes, and disposes the stream unless told to leave it open.</summary>
    public void Dispose() => _writer.Dispose();

    /// <summary>Flushes, and disposes the stream unless told to leave it open.</summary>
    /// <returns>A task that completes when done.</returns>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>Writes one exchange as a JSON object.</summary>
    /// <param name="json">The writer.</param>
    /// <param name="exchange">The exchange.</param>
    internal static void WriteExchange(Utf8JsonWriter json, Exchange exchange)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, exchange.Id);
        WriteTimestamp(json, "ts"u8, exchange.Timestamp);
        json.WriteString("account_id"u8, exchange.AccountId);
        WriteOptional(json, "api_key_id"u8, string.IsNullOrEmpty(exchange.ApiKeyId) ? null : exchange.ApiKeyId);
        WriteOptional(json, "end_user_id"u8, string.IsNullOrEmpty(exchange.EndUserId) ? null : exchange.EndUserId);
        if (exchange.Client is { } client)
        {
            WriteClient(json, client);
        }

        if (exchange.Billing is { } billing)
        {
            json.WriteStartObject("billing"u8);
            WriteOptional(json, "payment_fingerprint"u8, billing.PaymentFingerprint);
            WriteOptional(json, "email_domain"u8, billing.EmailDomain);
            if (billing.SignupTimestamp is { } signup)
            {
                WriteTimestamp(json, "signup_ts"u8, signup);
            }

            WriteOptional(json, "country"u8, billing.Country);
            WriteOptional(json, "plan"u8, billing.Plan);
            json.WriteEndObject();
        }

        WriteRequest(json, exchange.Request);
        WriteResponse(json, exchange.Response);
        json.WriteEndObject();
    }

    private static void WriteClient(Utf8JsonWriter json, ClientInfo client)
    {
        json.WriteStartObject("client"u8);
        WriteOptional(json, "ip"u8, client.Ip);
        WriteOptional(json, "asn"u8, client.Asn);
        WriteOptional(json, "asn_org"u8, client.AsnOrg);
        WriteOptional(json, "network_type"u8, NetworkTypes.ToName(client.NetworkType));
        WriteOptional(json, "country"u8, client.Country);
        WriteOptional(json, "user_agent"u8, client.UserAgent);
        if (client.Headers is { } headers)
        {
            json.WriteStartObject("headers"u8);
            foreach (KeyValuePair<string, string> header in headers)
            {
                json.WriteString(header.Key, header.Value);
            }

            json.WriteEndObject();
        }

        WriteOptional(json, "tls_fingerprint"u8, client.TlsFingerprint);
        json.WriteEndObject();
    }

    private static void WriteRequest(Utf8JsonWriter json, ChatRequest request)
    {
        json.WriteStartObject("request"u8);
        json.WriteString("model"u8, request.Model);
        json.WriteStartArray("messages"u8);
        foreach (ChatMessage message in request.Messages)
        {
            json.WriteStartObject();
            json.WriteString("role"u8, message.Role);
            json.WriteString("content"u8, message.Content);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteOptional(json, "temperature"u8, request.Temperature);
        WriteOptional(json, "top_p"u8, request.TopP);
        WriteOptional(json, "n"u8, request.N);
        WriteOptional(json, "max_tokens"u8, request.MaxTokens);
        WriteOptional(json, "max_completion_tokens"u8, request.MaxCompletionTokens);
        WriteOptional(json, "logprobs"u8, request.Logprobs);
        WriteOptional(json, "top_logprobs"u8, request.TopLogprobs);
        WriteOptional(json, "seed"u8, request.Seed);
        WriteOptional(json, "reasoning_effort"u8, request.ReasoningEffort);
        WriteOptional(json, "stream"u8, request.Stream);
        if (request.HasTools)
        {
            json.WriteStartArray("tools"u8);
            json.WriteStartObject();
            json.WriteString("type"u8, "function"u8);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (request.ResponseFormat is { } responseFormat)
        {
            json.WriteStartObject("response_format"u8);
            json.WriteString("type"u8, responseFormat);
            json.WriteEndObject();
        }

        WriteOptional(json, "user"u8, request.User);
        json.WriteEndObject();
    }

    private static void WriteResponse(Utf8JsonWriter json, ResponseInfo response)
    {
        json.WriteStartObject("response"u8);
        json.WriteNumber("status"u8, response.Status);
        WriteOptional(json, "finish_reason"u8, response.FinishReason);
        if (response.PromptTokens is not null || response.CompletionTokens is not null || response.ReasoningTokens is not null)
        {
            json.WriteStartObject("usage"u8);
            WriteOptional(json, "prompt_tokens"u8, response.PromptTokens);
            WriteOptional(json, "completion_tokens"u8, response.CompletionTokens);
            WriteOptional(json, "reasoning_tokens"u8, response.ReasoningTokens);
            json.WriteEndObject();
        }

        WriteOptional(json, "output_text"u8, response.OutputText);
        WriteOptional(json, "latency_ms"u8, response.LatencyMs);
        json.WriteEndObject();
    }

    private static void WriteTimestamp(Utf8JsonWriter json, ReadOnlySpan<byte> name, DateTimeOffset value)
    {
        Span<char> text = stackalloc char[Timestamps.MaxFormattedLength];
        json.WriteString(name, text[..Timestamps.FormatMilliseconds(value, text)]);
    }

    private static void WriteOptional(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } flag)
        {
            json.WriteBoolean(name, flag);
        }
    }
}
