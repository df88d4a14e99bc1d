using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Ingest.Json;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>Parses one line of <c>dg-exchange/1</c> (docs/spec/exchange-log.md) into an <see cref="Exchange"/>.</summary>
/// <remarks>
/// <para>
/// A hand-written pass of <see cref="Utf8JsonReader"/> over the line's bytes: no document object model, one
/// string per text field kept. Values that recur from line to line (account, key, model, client, billing, roles,
/// finish reasons) go through a small cache of recently seen strings, so they cost neither a transcoding nor an
/// allocation, and the lines of one account share their strings. This is the hot path of every command that
/// reads traffic; bench/DistillGuard.Benchmarks/ParserBenchmarks.cs compares it with
/// <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/> on the same lines.
/// </para>
/// <para>
/// Validation follows the spec: <c>id</c>, <c>ts</c> (RFC 3339 with an offset), <c>account_id</c>,
/// <c>request.model</c>, <c>request.messages</c> and <c>response.status</c> are required; an optional field
/// of the wrong type is an error too; a <c>null</c> value counts as absent; unknown fields are skipped; an empty
/// <c>api_key_id</c> or <c>end_user_id</c> counts as absent. A message's <c>content</c> is a string, <c>null</c>
/// (read as empty) or a list of parts whose <c>type: "text"</c> parts' <c>text</c> are joined with a newline.
/// <c>request.safety_identifier</c>, OpenAI's successor of <c>user</c>, wins over <c>user</c> when both are set.
/// <c>usage.reasoning_tokens</c> wins over <c>usage.completion_tokens_details.reasoning_tokens</c>.
/// </para>
/// <para>
/// <see cref="TryParseWithFeatures"/> is the batch detection path: it validates the line exactly as
/// <see cref="TryParse"/> does and computes the exchange's <see cref="ExchangeFeatures"/> in the same pass, decoding
/// only the current prompt's text into a reused buffer instead of a string per message.
/// </para>
/// <para>An instance is not thread-safe because of its cache: use one per thread (it is cheap).</para>
/// </remarks>
public sealed partial class DgExchangeParser
{
    /// <summary>The format's name.</summary>
    public const string FormatName = "dg-exchange/1";

    // What TryParseWithFeatures leaves in an exchange's messages.
    private static readonly ChatMessage[] NoMessages = [];

    private readonly Utf8StringCache _strings = new();
    private readonly Utf8ObjectCache<ClientInfo> _clients = new();
    private readonly Utf8ObjectCache<BillingInfo> _billings = new();

    // System prompts are an application's fixed text, sent with each of its requests: decoded once, shared after.
    private readonly Utf8StringCache _systemPrompts = new(maxLength: 8192, sizeBits: 8);
    private readonly bool _keepTexts;

    // Where the text parts of a content array are joined.
    private readonly TextBuffer _parts = new();

    // Set while TryParseWithFeatures reads a line: messages go into it instead of into ChatMessage objects.
    private PromptCapture? _capture;
    private readonly ChatRequestCache _requests = new();
    private bool _capturing;

    /// <summary>Initializes a new instance of the <see cref="DgExchangeParser"/> class that keeps every text.</summary>
    public DgExchangeParser()
        : this(keepTexts: true)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DgExchangeParser"/> class.</summary>
    /// <param name="keepTexts">
    /// <see langword="false"/> to validate but not keep the texts that detection does not read: the content of
    /// assistant and tool messages and <c>response.output_text</c> (they come back empty and null). Every line is
    /// still validated exactly as with <see langword="true"/>; only the copying of those strings is saved.
    /// </param>
    public DgExchangeParser(bool keepTexts) => _keepTexts = keepTexts;

    /// <summary>
    /// Gets or sets whether <see cref="TryParseWithFeatures"/> tries the fast path (<see cref="JsonScanner"/>) before
    /// <see cref="Utf8JsonReader"/>; only tests turn it off, to compare the two.
    /// </summary>
    /// <value><see langword="true"/>.</value>
    internal bool FastPath { get; set; } = true;

    /// <summary>Gets how many lines <see cref="TryParseWithFeatures"/> read on the fast path.</summary>
    internal long FastPathLines { get; private set; }

    /// <summary>Parses one line.</summary>
    /// <param name="utf8Line">The line's UTF-8 bytes, without its terminator.</param>
    /// <param name="exchange">The exchange, if the line is valid.</param>
    /// <param name="error">Why the line is not valid, naming the field at fault, if it is not.</param>
    /// <returns>Whether the line is valid.</returns>
    public bool TryParse(ReadOnlySpan<byte> utf8Line, [NotNullWhen(true)] out Exchange? exchange, [NotNullWhen(false)] out string? error)
    {
        var reader = new Utf8JsonReader(utf8Line);
        try
        {
            exchange = ReadExchange(ref reader, utf8Line);
            error = null;
            return true;
        }
        catch (InvalidFieldException ex)
        {
            error = ex.Message;
        }
        catch (JsonException ex)
        {
            error = JsonErrors.NotValidJson(ex);
        }
        catch (InvalidOperationException ex) when (ex.InnerException is DecoderFallbackException or ArgumentException)
        {
            error = "not valid UTF-8 text";
        }
        catch (InvalidOperationException ex)
        {
            // The reader refuses a value it cannot turn into .NET text, such as an escaped lone surrogate ("\ud800"):
            // the line is bad, not the reader.
            error = "a string cannot be read: " + ex.Message;
        }

        exchange = null;
        return false;
    }

    /// <summary>
    /// Parses one line and extracts its detection features in the same pass: the line is accepted or rejected
    /// exactly as by <see cref="TryParse"/>, and the features are those <see cref="FeatureExtractor.Extract"/> returns
    /// for the exchange <see cref="TryParse"/> returns.
    /// </summary>
    /// <param name="utf8Line">The line's UTF-8 bytes, without its terminator.</param>
    /// <param name="exchange">
    /// The exchange, if the line is valid. Its <see cref="ChatRequest.Messages"/> is empty: the messages were read
    /// into <paramref name="features"/>, and nothing that consumes features reads them again.
    /// </param>
    /// <param name="features">The exchange's features, if the line is valid.</param>
    /// <param name="error">Why the line is not valid, naming the field at fault, if it is not.</param>
    /// <returns>Whether the line is valid.</returns>
    /// <remarks>
    /// Only the content of the last <c>user</c> message is kept, decoded into a buffer that the next line reuses;
    /// every other message is validated as <see cref="TryParse"/> validates it, and the score of the first system
    /// prompt is cached by its text.
    /// </remarks>
    public bool TryParseWithFeatures(
        ReadOnlySpan<byte> utf8Line,
        [NotNullWhen(true)] out Exchange? exchange,
        out ExchangeFeatures features,
        [NotNullWhen(false)] out string? error)
    {
        if (!TryReadCaptured(utf8Line, out var read, out exchange, out error))
        {
            features = default;
            return false;
        }

        exchange ??= read.ToExchange();
        features = Extract(exchange);
        return true;
    }

    /// <summary>
    /// Parses one line into what detection reads of it, making no <see cref="Exchange"/> where it can: the line is
    /// accepted or rejected exactly as by <see cref="TryParse"/>, and the observation is
    /// <see cref="ExchangeObservation.Of"/> of the exchange and features <see cref="TryParseWithFeatures"/> returns.
    /// </summary>
    /// <param name="utf8Line">The line's UTF-8 bytes, without its terminator.</param>
    /// <param name="observation">What detection reads of the exchange, if the line is valid.</param>
    /// <param name="error">Why the line is not valid, naming the field at fault, if it is not.</param>
    /// <returns>Whether the line is valid.</returns>
    /// <remarks>
    /// The batch detection path. On the usual line nothing is allocated for the line itself: the id is hashed from
    /// its bytes, the response's token counts are read into the observation, and the account, client, billing and
    /// request are the caches' shared objects.
    /// </remarks>
    public bool TryParseObservation(ReadOnlySpan<byte> utf8Line, out ExchangeObservation observation, [NotNullWhen(false)] out string? error)
    {
        if (!TryReadCaptured(utf8Line, out var read, out var exchange, out error))
        {
            observation = default;
            return false;
        }

        if (exchange is not null)
        {
            observation = ExchangeObservation.Of(exchange, Extract(exchange));
            return true;
        }

        var capture = _capture!;
        var idHash = read.HashId();
        observation = new ExchangeObservation
        {
            Timestamp = read.Timestamp,
            IdHash = idHash,
            AccountId = read.AccountId,
            EndUserId = read.EndUserId,
            Client = read.Client,
            Billing = read.Billing,
            Request = read.Request,
            CompletionTokens = read.Response.CompletionTokens,
            ReasoningTokens = read.Response.ReasoningTokens,
            Features = FeatureExtractor.ExtractFromPrompt(
                idHash, read.Request.Model, read.Client, capture.Prompt, capture.UserTurns, capture.SystemCoercion, capture.SystemHash) with { ToolResultHash = capture.ToolResultHash },
        };
        return true;
    }

    /// <summary>
    /// Reads a line with its messages captured into the prompt capture instead of into messages: on the fast path
    /// into <paramref name="read"/>, leaving <paramref name="exchange"/> null; otherwise through the reader pass.
    /// </summary>
    /// <returns>Whether the line is valid.</returns>
    private bool TryReadCaptured(ReadOnlySpan<byte> line, out FastLine read, out Exchange? exchange, [NotNullWhen(false)] out string? error)
    {
        (_capture ??= new PromptCapture()).Reset();
        exchange = null;
        error = null;
        try
        {
            _capturing = true;
            if (FastPath && TryScanFast(line, out read))
            {
                FastPathLines++;
                return true;
            }

            read = default;
            return TryParse(line, out exchange, out error);
        }
        finally
        {
            _capturing = false;
        }
    }

    /// <summary>The features of an exchange whose prompt the last <see cref="TryReadCaptured"/> captured.</summary>
    private ExchangeFeatures Extract(Exchange exchange) =>
        FeatureExtractor.ExtractFromPrompt(exchange, _capture!.Prompt, _capture.UserTurns, _capture.SystemCoercion, _capture.SystemHash) with { ToolResultHash = _capture.ToolResultHash };

    private Exchange ReadExchange(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidFieldException("not a JSON object");
        }

        string? id = null;
        string? accountId = null;
        string? apiKeyId = null;
        string? endUserId = null;
        DateTimeOffset? timestamp = null;
        ClientInfo? client = null;
        BillingInfo? billing = null;
        ChatRequest? request = null;
        ResponseInfo? response = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (ExchangeFields.Classify(ref reader))
            {
                case ExchangeField.Id:
                    id = ReadString(ref reader, "id");
                    break;

                case ExchangeField.Ts:
                    timestamp = ReadTimestamp(ref reader, "ts");
                    break;

                case ExchangeField.AccountId:
                    accountId = ReadCachedString(ref reader, "account_id");
                    break;

                case ExchangeField.ApiKeyId:
                    apiKeyId = EmptyAsNull(ReadCachedString(ref reader, "api_key_id"));
                    break;

                case ExchangeField.EndUserId:
                    endUserId = EmptyAsNull(ReadCachedString(ref reader, "end_user_id"));
                    break;

                case ExchangeField.Client:
                    client = ReadCached(ref reader, line, _clients, static (DgExchangeParser p, ref Utf8JsonReader r) => p.ReadClient(ref r));
                    break;

                case ExchangeField.Billing:
                    billing = ReadCached(ref reader, line, _billings, static (DgExchangeParser p, ref Utf8JsonReader r) => p.ReadBilling(ref r));
                    break;

                case ExchangeField.Request:
                    request = ReadRequest(ref reader);
                    break;

                case ExchangeField.Response:
                    response = ReadResponse(ref reader);
                    break;

                default:
                    reader.Skip();
                    break;
            }
        }

        try
        {
            if (reader.Read())
            {
                throw new InvalidFieldException("unexpected content after the JSON object");
            }
        }
        catch (JsonException)
        {
            throw new InvalidFieldException("unexpected content after the JSON object");
        }

        return new Exchange
        {
            Id = RequireNonEmpty(id, "id"),
            Timestamp = timestamp ?? throw InvalidFieldException.Missing("ts"),
            AccountId = RequireNonEmpty(accountId, "account_id"),
            ApiKeyId = apiKeyId,
            EndUserId = endUserId,
            Client = client,
            Billing = billing,
            Request = request ?? throw InvalidFieldException.Missing("request"),
            Response = response ?? throw InvalidFieldException.Missing("response"),
        };
    }

    private delegate T? ObjectReader<T>(DgExchangeParser parser, ref Utf8JsonReader reader);

    /// <summary>
    /// Reads a sub-object through a cache of its raw bytes: an account's billing and client objects repeat verbatim
    /// from line to line, and identical bytes parse to the identical (immutable) object.
    /// </summary>
    private T? ReadCached<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, Utf8ObjectCache<T> cache, ObjectReader<T> read)
        where T : class
    {
        var probe = reader;
        if (!probe.Read() || probe.TokenType != JsonTokenType.StartObject)
        {
            return read(this, ref reader);
        }

        var start = (int)probe.TokenStartIndex;
        probe.Skip();
        var raw = line[start..(int)probe.BytesConsumed];
        if (cache.TryGet(raw, out var cached, out var slot))
        {
            reader = probe;
            return cached;
        }

        var value = read(this, ref reader);
        cache.Set(slot, raw, value);
        return value;
    }

    private ClientInfo? ReadClient(ref Utf8JsonReader reader)
    {
        if (!BeginObject(ref reader, "client"))
        {
            return null;
        }

        string? ip = null;
        long? asn = null;
        string? asnOrg = null;
        NetworkType networkType = NetworkType.Unknown;
        string? country = null;
        string? userAgent = null;
        Dictionary<string, string>? headers = null;
        string? tlsFingerprint = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (ExchangeFields.Classify(ref reader))
            {
                case ExchangeField.Ip:
                    ip = ReadCachedString(ref reader, "client.ip");
                    break;

                case ExchangeField.Asn:
                    asn = ReadInt64(ref reader, "client.asn");
                    break;

                case ExchangeField.AsnOrg:
                    asnOrg = ReadCachedString(ref reader, "client.asn_org");
                    break;

                case ExchangeField.NetworkType:
                    networkType = ReadNetworkType(ref reader);
                    break;

                case ExchangeField.Country:
                    country = ReadCachedString(ref reader, "client.country");
                    break;

                case ExchangeField.UserAgent:
                    userAgent = ReadCachedString(ref reader, "client.user_agent");
                    break;

                case ExchangeField.Headers:
                    headers = ReadHeaders(ref reader);
                    break;

                case ExchangeField.TlsFingerprint:
                    tlsFingerprint = ReadCachedString(ref reader, "client.tls_fingerprint");
                    break;

                default:
                    reader.Skip();
                    break;
            }
        }

        return new ClientInfo
        {
            Ip = ip,
            Asn = asn,
            AsnOrg = asnOrg,
            NetworkType = networkType,
            Country = country,
            UserAgent = userAgent,
            Headers = headers,
            TlsFingerprint = tlsFingerprint,
        };
    }

    private static NetworkType ReadNetworkType(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => NetworkType.Unknown,
            JsonTokenType.String => NetworkTypes.Parse(ref reader),
            _ => throw InvalidFieldException.Expected("client.network_type", "a string"),
        };
    }

    private Dictionary<string, string>? ReadHeaders(ref Utf8JsonReader reader)
    {
        if (!BeginObject(ref reader, "client.headers"))
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = HeaderNames.Normalize(_strings.Get(ref reader));
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                headers[name] = _strings.Get(ref reader);
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                throw InvalidFieldException.Expected($"client.headers.{name}", "a string");
            }
        }

        return headers;
    }

    private BillingInfo? ReadBilling(ref Utf8JsonReader reader)
    {
        if (!BeginObject(ref reader, "billing"))
        {
            return null;
        }

        string? paymentFingerprint = null;
        string? emailDomain = null;
        DateTimeOffset? signup = null;
        string? country = null;
        string? plan = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (ExchangeFields.Classify(ref reader))
            {
                case ExchangeField.PaymentFingerprint:
                    paymentFingerprint = ReadCachedString(ref reader, "billing.payment_fingerprint");
                    break;

                case ExchangeField.EmailDomain:
                    emailDomain = ReadCachedString(ref reader, "billing.email_domain");
                    break;

                case ExchangeField.SignupTs:
                    signup = ReadTimestamp(ref reader, "billing.signup_ts");
                    break;

                case ExchangeField.Country:
                    country = ReadCachedString(ref reader, "billing.country");
                    break;

                case ExchangeField.Plan:
                    plan = ReadCachedString(ref reader, "billing.plan");
                    break;

                default:
                    reader.Skip();
                    break;
            }
        }

        return new BillingInfo
        {
            PaymentFingerprint = paymentFingerprint,
            EmailDomain = emailDomain,
            SignupTimestamp = signup,
            Country = country,
            Plan = plan,
        };
    }

    private ChatRequest? ReadRequest(ref Utf8JsonReader reader)
    {
        if (!BeginObject(ref reader, "request"))
        {
            return null;
        }

        string? model = null;
        IReadOnlyList<ChatMessage>? messages = null;
        double? temperature = null;
        double? topP = null;
        int? n = null;
        int? maxTokens = null;
        int? maxCompletionTokens = null;
        bool? logprobs = null;
        int? topLogprobs = null;
        long? seed = null;
        string? reasoningEffort = null;
        bool? stream = null;
        bool hasTools = false;
        string? responseFormat = null;
        string? user = null;
        string? safetyIdentifier = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (ExchangeFields.Classify(ref reader))
            {
                case ExchangeField.Model:
                    model = ReadCachedString(ref reader, "request.model");
                    break;

                case ExchangeField.Messages:
                    messages = ReadMessages(ref reader);
                    break;

                case ExchangeField.Temperature:
                    temperature = ReadDouble(ref reader, "request.temperature");
                    break;

                case ExchangeField.TopP:
                    topP = ReadDouble(ref reader, "request.top_p");
                    break;

                case ExchangeField.N:
                    n = ReadInt32(ref reader, "request.n");
                    break;

                case ExchangeField.MaxTokens:
                    maxTokens = ReadInt32(ref reader, "request.max_tokens");
                    break;

                case ExchangeField.MaxCompletionTokens:
                    maxCompletionTokens = ReadInt32(ref reader, "request.max_completion_tokens");
                    break;

                case ExchangeField.Logprobs:
                    logprobs = ReadBoolean(ref reader, "request.logprobs");
                    break;

                case ExchangeField.TopLogprobs:
                    topLogprobs = ReadInt32(ref reader, "request.top_logprobs");
                    break;

                case ExchangeField.Seed:
                    seed = ReadInt64(ref reader, "request.seed");
                    break;

                case ExchangeField.ReasoningEffort:
                    reasoningEffort = ReadCachedString(ref reader, "request.reasoning_effort");
                    break;

                case ExchangeField.Stream:
                    stream = ReadBoolean(ref reader, "request.stream");
                    break;

                case ExchangeField.Tools:
                    hasTools = ReadHasItems(ref reader, "request.tools");
                    break;

                case ExchangeField.ResponseFormat:
                    responseFormat = ReadResponseFormat(ref reader);
                    break;

                case ExchangeField.User:
                    user = ReadCachedString(ref reader, "request.user");
                    break;

                case ExchangeField.SafetyIdentifier:
                    safetyIdentifier = ReadCachedString(ref reader, "request.safety_identifier");
                    break;

                default:
                    reader.Skip();
                    break;
            }
        }

        string requiredModel = RequireNonEmpty(model, "request.model");
        if (messages is null)
        {
            throw InvalidFieldException.Missing("request.messages");
        }

        // Without its messages (TryParseWithFeatures), a request is its application's configuration: shared, not
        // allocated per line.
        return _requests.Get(
            _capturing, requiredModel, messages, temperature, topP, n, maxTokens, maxCompletionTokens, logprobs, topLogprobs, seed, reasoningEffort, stream, hasTools, responseFormat, safetyIdentifier ?? user);
    }

    private IReadOnlyList<ChatMessage>? ReadMessages(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw InvalidFieldException.Expected("request.messages", "an array");
        }

        PromptCapture? capture = _capturing ? _capture : null;
        capture?.Reset();
        List<ChatMessage>? messages = capture is null ? new List<ChatMessage>(4) : null;
        int index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw InvalidFieldException.Expected($"request.messages[{index}]", "an object");
            }

            string? role = null;
            string? content = null;
            capture?.BeginMessage();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                switch (ExchangeFields.Classify(ref reader))
                {
                    case ExchangeField.Role:
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            role = _strings.Get(ref reader);
                        }
                        else if (reader.TokenType != JsonTokenType.Null)
                        {
                            throw InvalidFieldException.Expected($"request.messages[{index}].role", "a string");
                        }
                        break;

                    case ExchangeField.Content:
                        if (capture is not null)
                        {
                            CaptureContent(ref reader, index, role, capture.Message);
                        }
                        else
                        {
                            content = role is "system" or "developer" ? ReadSystemContent(ref reader, index)
                                : _keepTexts || role is null or "user" or "tool" ? ReadContent(ref reader, index)
                                : SkipContent(ref reader, index);
                        }
                        break;

                    default:
                        reader.Skip();
                        break;
                }
            }

            if (role is null)
            {
                throw InvalidFieldException.Missing($"request.messages[{index}].role");
            }

            if (capture is not null)
            {
                capture.EndMessage(role);
            }
            else
            {
                messages!.Add(new ChatMessage(role, content ?? string.Empty));
            }

            index++;
        }

        return messages is null ? NoMessages : messages;
    }

    /// <summary>
    /// Reads a message's content into <paramref name="into"/> as <see cref="ReadMessages"/> reads it into a string:
    /// decoded, except (without <see cref="_keepTexts"/>) the plain-string content of a message already known to be
    /// neither a user's nor a system prompt nor a tool result, which is neither decoded nor validated. Null reads as empty.
    /// </summary>
    private void CaptureContent(ref Utf8JsonReader reader, int messageIndex, string? role, TextBuffer into)
    {
        into.Clear();
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            if (_keepTexts || role is null or "user" or "system" or "developer" or "tool")
            {
                into.AppendString(ref reader);
            }
        }
        else
        {
            ReadContentAt(ref reader, messageIndex, into);
        }
    }

    private string? SkipContent(ref Utf8JsonReader reader, int messageIndex)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => string.Empty,
            JsonTokenType.Null => null,
            _ => ReadContentAt(ref reader, messageIndex),
        };
    }

    private string? ReadSystemContent(ref Utf8JsonReader reader, int messageIndex)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? _systemPrompts.Get(ref reader) : ReadContentAt(ref reader, messageIndex);
    }

    private static string? SkipString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String or JsonTokenType.Null => null,
            _ => throw InvalidFieldException.Expected(field, "a string"),
        };
    }

    private string? ReadContent(ref Utf8JsonReader reader, int messageIndex)
    {
        reader.Read();
        return ReadContentAt(ref reader, messageIndex);
    }

    private string? ReadContentAt(ref Utf8JsonReader reader, int messageIndex)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        _parts.Clear();
        return ReadContentAt(ref reader, messageIndex, _parts) ? _parts.ToString() : null;
    }

    /// <summary>
    /// Reads a content that is a string, null or a list of parts into <paramref name="into"/>: the parts'
    /// <c>type: "text"</c> texts, joined with a newline.
    /// </summary>
    /// <returns><see langword="false"/> if the content is null or has no text part.</returns>
    private static bool ReadContentAt(ref Utf8JsonReader reader, int messageIndex, TextBuffer into)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                into.AppendString(ref reader);
                return true;
            case JsonTokenType.Null:
                return false;
            case JsonTokenType.StartArray:
                break;
            default:
                throw InvalidFieldException.Expected($"request.messages[{messageIndex}].content", "a string, null or an array of parts");
        }

        bool any = false;
        int partIndex = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw InvalidFieldException.Expected($"request.messages[{messageIndex}].content[{partIndex}]", "an object");
            }

            // A part's text is decoded where it will stay if the part turns out to be a text part, after the newline
            // that joins it to the previous one; otherwise it is cut off again.
            int partStart = into.Length;
            bool isText = false;
            bool hasText = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                switch (ExchangeFields.Classify(ref reader))
                {
                    case ExchangeField.Type:
                        reader.Read();
                        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                        {
                            throw InvalidFieldException.Expected($"request.messages[{messageIndex}].content[{partIndex}].type", "a string");
                        }

                        isText = reader.ValueTextEquals("text"u8);
                        break;

                    case ExchangeField.Text:
                        reader.Read();
                        into.Truncate(partStart);
                        hasText = false;
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            if (any)
                            {
                                into.Append('\n');
                            }

                            into.AppendString(ref reader);
                            hasText = true;
                        }
                        else if (reader.TokenType != JsonTokenType.Null)
                        {
                            throw InvalidFieldException.Expected($"request.messages[{messageIndex}].content[{partIndex}].text", "a string");
                        }
                        break;

                    default:
                        reader.Skip();
                        break;
                }
            }

            if (isText && hasText)
            {
                any = true;
            }
            else
            {
                into.Truncate(partStart);
            }

            partIndex++;
        }

        return any;
    }

    private string? ReadResponseFormat(ref Utf8JsonReader reader)
    {
        if (!BeginObject(ref reader, "request.response_format"))
        {
            return null;
        }

        string? type = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (ExchangeFields.Classify(ref reader))
            {
                case ExchangeField.Type:
                    type = ReadCachedString(ref reader, "request.response_format.type");
                    break;

                default:
                    reader.Skip();
                    break;
            }
        }

        return type;
    }

    private ResponseInfo? ReadResponse(ref Utf8JsonReader reader)
    {
        if (!BeginObject(ref reader, "response"))
        {
            return null;
        }

        int? status = null;
        string? finishReason = null;
        string? outputText = null;
        double? latencyMs = null;
        TokenUsage usage = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (ExchangeFields.Classify(ref reader))
            {
                case ExchangeField.Status:
                    status = ReadInt32(ref reader, "response.status");
                    break;

                case ExchangeField.FinishReason:
                    finishReason = ReadCachedString(ref reader, "response.finish_reason");
                    break;

                case ExchangeField.Usage:
                    usage = ReadUsage(ref reader);
                    break;

                case ExchangeField.OutputText:
                    outputText = _keepTexts ? ReadString(ref reader, "response.output_text") : SkipString(ref reader, "response.output_text");
                    break;

                case ExchangeField.LatencyMs:
                    latencyMs = ReadDouble(ref reader, "response.latency_ms");
                    break;

                default:
                    reader.Skip();
                    break;
            }
        }

        return new ResponseInfo
        {
            Status = status ?? throw InvalidFieldException.Missing("response.status"),
            FinishReason = finishReason,
            PromptTokens = usage.PromptTokens,
            CompletionTokens = usage.CompletionTokens,
            ReasoningTokens = usage.ReasoningTokens ?? usage.DetailsReasoningTokens,
            OutputText = outputText,
            LatencyMs = latencyMs,
        };
    }

    private static TokenUsage ReadUsage(ref Utf8JsonReader reader)
    {
        TokenUsage usage = default;
        if (!BeginObject(ref reader, "response.usage"))
        {
            return usage;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (ExchangeFields.Classify(ref reader))
            {
                case ExchangeField.PromptTokens:
                    usage.PromptTokens = ReadInt32(ref reader, "response.usage.prompt_tokens");
                    break;

                case ExchangeField.CompletionTokens:
                    usage.CompletionTokens = ReadInt32(ref reader, "response.usage.completion_tokens");
                    break;

                case ExchangeField.ReasoningTokens:
                    usage.ReasoningTokens = ReadInt32(ref reader, "response.usage.reasoning_tokens");
                    break;

                case ExchangeField.CompletionTokensDetails:
                    if (BeginObject(ref reader, "response.usage.completion_tokens_details"))
                    {
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("reasoning_tokens"u8))
                            {
                                usage.DetailsReasoningTokens = ReadInt32(ref reader, "response.usage.completion_tokens_details.reasoning_tokens");
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }
                    break;

                default:
                    reader.Skip();
                    break;
            }
        }

        return usage;
    }

    /// <summary>Moves to a property's value and checks it is an object or null.</summary>
    /// <returns><see langword="true"/> if it is an object; <see langword="false"/> if it is null.</returns>
    private static bool BeginObject(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.StartObject => true,
            JsonTokenType.Null => false,
            _ => throw InvalidFieldException.Expected(field, "an object"),
        };
    }

    private static bool ReadHasItems(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw InvalidFieldException.Expected(field, "an array");
        }

        Utf8JsonReader probe = reader;
        probe.Read();
        reader.Skip();
        return probe.TokenType != JsonTokenType.EndArray;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw InvalidFieldException.Expected(field, "a string"),
        };
    }

    private string? ReadCachedString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => _strings.Get(ref reader),
            JsonTokenType.Null => null,
            _ => throw InvalidFieldException.Expected(field, "a string"),
        };
    }

    private static int? ReadInt32(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out int value) => value,
            JsonTokenType.Null => null,
            _ => throw InvalidFieldException.Expected(field, "an integer"),
        };
    }

    private static long? ReadInt64(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt64(out long value) => value,
            JsonTokenType.Null => null,
            _ => throw InvalidFieldException.Expected(field, "an integer"),
        };
    }

    private static double? ReadDouble(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetDouble(out double value) && double.IsFinite(value) => value,
            JsonTokenType.Null => null,
            _ => throw InvalidFieldException.Expected(field, "a number"),
        };
    }

    private static bool? ReadBoolean(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw InvalidFieldException.Expected(field, "true or false"),
        };
    }

    private static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : Timestamps.Read(ref reader, field);
    }

    private static string RequireNonEmpty(string? value, string field) => value switch
    {
        null => throw InvalidFieldException.Missing(field),
        "" => throw InvalidFieldException.Invalid(field, "must not be empty"),
        _ => value,
    };

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private struct TokenUsage
    {
        public int? PromptTokens;
        public int? CompletionTokens;
        public int? ReasoningTokens;
        public int? DetailsReasoningTokens;
    }
}
