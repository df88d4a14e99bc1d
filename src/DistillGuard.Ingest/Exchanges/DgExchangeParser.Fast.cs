using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Ingest.Json;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>The fast path of <see cref="DgExchangeParser.TryParseWithFeatures"/>.</summary>
/// <remarks>
/// <para>
/// One pass of <see cref="JsonScanner"/> over the line reads the usual line (every field as the spec writes it,
/// no escapes in names or identifiers, content as a string) into the same exchange and prompt capture as the
/// <see cref="System.Text.Json.Utf8JsonReader"/> pass, through the same caches. Anything it does not read (a
/// malformed or unusual line, a field of the wrong type, a missing field, content as a list of parts, headers, a
/// string that is not valid UTF-8) makes it give up, and the line goes through the reader pass, which then accepts
/// or rejects it with its own reason: the fast path decides nothing on its own, it only saves time on the lines it
/// can read. <c>DgExchangeParserFastPathTests</c> checks that both passes agree line by line.
/// </para>
/// <para>
/// The fields are handled in the order they come, each occurrence replacing an earlier one, as the reader pass
/// handles them; the client and billing objects go through the same caches of their raw bytes, and their strings are
/// decoded only when the object is not cached.
/// </para>
/// </remarks>
public sealed partial class DgExchangeParser
{
    /// <summary>Reads the line on the fast path, leaving the id undecoded and the response unmade.</summary>
    /// <param name="line">The line's bytes.</param>
    /// <param name="read">What was read, if the fast path read the line.</param>
    /// <returns><see langword="false"/> if the line must go through the reader pass.</returns>
    private bool TryScanFast(ReadOnlySpan<byte> line, out FastLine read)
    {
        read = default;
        var s = new JsonScanner(line);
        if (!s.TryConsume((byte)'{'))
        {
            return false;
        }

        ReadOnlySpan<byte> id = default;
        var hasId = false;
        string? accountId = null;
        string? apiKeyId = null;
        string? endUserId = null;
        DateTimeOffset? timestamp = null;
        ClientInfo? client = null;
        BillingInfo? billing = null;
        ChatRequest? request = null;
        FastResponse response = default;
        var hasResponse = false;
        var step = s.FirstMember(out var name);
        for (; step == JsonStep.Member; step = s.NextMember(out name))
        {
            var ok = ExchangeFields.Classify(name) switch
            {
                ExchangeField.Id => TryRawUtf8(ref s, out id, out hasId),
                ExchangeField.Ts => TryFastTimestamp(ref s, out timestamp),
                ExchangeField.AccountId => TryFastCached(ref s, out accountId),
                ExchangeField.ApiKeyId => TryFastCached(ref s, out apiKeyId),
                ExchangeField.EndUserId => TryFastCached(ref s, out endUserId),
                ExchangeField.Client => TryFastClient(ref s, out client),
                ExchangeField.Billing => TryFastBilling(ref s, out billing),
                ExchangeField.Request => TryFastRequest(ref s, out request),
                ExchangeField.Response => TryFastResponse(ref s, out response, out hasResponse),
                _ => s.TrySkipValue(),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (step == JsonStep.Invalid)
        {
            return false;
        }

        if (!s.AtEnd() || !hasId || id.IsEmpty || timestamp is null || string.IsNullOrEmpty(accountId) || request is null || !hasResponse)
        {
            return false;
        }

        read = new FastLine
        {
            Id = id,
            Timestamp = timestamp.Value,
            AccountId = accountId,
            ApiKeyId = EmptyAsNull(apiKeyId),
            EndUserId = EmptyAsNull(endUserId),
            Client = client,
            Billing = billing,
            Request = request,
            Response = response,
        };
        return true;
    }

    private bool TryFastClient(ref JsonScanner s, out ClientInfo? client)
    {
        if (TryCached(ref s, _clients, out client))
        {
            return true;
        }

        client = null;
        if (!TryBeginObject(ref s, out var isNull, out var start))
        {
            return false;
        }

        if (isNull)
        {
            return true;
        }

        // The values are kept raw until the cache has missed.
        ReadOnlySpan<byte> ip = default, asnOrg = default, country = default, userAgent = default, tls = default;
        bool hasIp = false, hasAsnOrg = false, hasCountry = false, hasUserAgent = false, hasTls = false;
        long? asn = null;
        var networkType = NetworkType.Unknown;
        var headersAt = -1;
        var step = s.FirstMember(out var name);
        for (; step == JsonStep.Member; step = s.NextMember(out name))
        {
            var ok = ExchangeFields.Classify(name) switch
            {
                ExchangeField.Ip => TryRawUtf8(ref s, out ip, out hasIp),
                ExchangeField.Asn => s.TryReadInt64OrNull(out asn),
                ExchangeField.AsnOrg => TryRawUtf8(ref s, out asnOrg, out hasAsnOrg),
                ExchangeField.NetworkType => TryFastNetworkType(ref s, out networkType),
                ExchangeField.Country => TryRawUtf8(ref s, out country, out hasCountry),
                ExchangeField.UserAgent => TryRawUtf8(ref s, out userAgent, out hasUserAgent),
                ExchangeField.Headers => TryScanHeaders(ref s, out headersAt),
                ExchangeField.TlsFingerprint => TryRawUtf8(ref s, out tls, out hasTls),
                _ => s.TrySkipValue(),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (step == JsonStep.Invalid)
        {
            return false;
        }

        var raw = s.Text[start..s.Position];
        if (_clients.TryGet(raw, out client, out var slot))
        {
            return true;
        }

        string? ipText = null, asnOrgText = null, countryText = null, userAgentText = null, tlsText = null;
        Dictionary<string, string>? headers = null;
        if ((headersAt >= 0 && (headers = ReadScannedHeaders(s.Text[headersAt..])) is null)
            || (hasIp && (ipText = _strings.GetUnescaped(ip)) is null)
            || (hasAsnOrg && (asnOrgText = _strings.GetUnescaped(asnOrg)) is null)
            || (hasCountry && (countryText = _strings.GetUnescaped(country)) is null)
            || (hasUserAgent && (userAgentText = _strings.GetUnescaped(userAgent)) is null)
            || (hasTls && (tlsText = _strings.GetUnescaped(tls)) is null))
        {
            return false;
        }

        client = new ClientInfo
        {
            Ip = ipText,
            Asn = asn,
            AsnOrg = asnOrgText,
            NetworkType = networkType,
            Country = countryText,
            UserAgent = userAgentText,
            Headers = headers,
            TlsFingerprint = tlsText,
        };
        _clients.Set(slot, raw, client);
        return true;
    }

    /// <summary>
    /// Checks <c>client.headers</c> (an object of strings or nulls, without escapes), or <c>null</c>, and notes where
    /// the object starts: it is read only if the client object is not cached.
    /// </summary>
    /// <param name="s">The scanner, before the value.</param>
    /// <param name="start">Where the object starts, or -1 for <c>null</c>.</param>
    private static bool TryScanHeaders(ref JsonScanner s, out int start)
    {
        start = -1;
        if (!TryBeginObject(ref s, out var isNull, out var at))
        {
            return false;
        }

        if (isNull)
        {
            return true;
        }

        start = at;
        var step = s.FirstMember(out _);
        for (; step == JsonStep.Member; step = s.NextMember(out _))
        {
            if (!TryRawText(ref s, out _, out _))
            {
                return false;
            }
        }

        return step == JsonStep.End;
    }

    /// <summary>Reads a headers object that <see cref="TryScanHeaders"/> checked, as the reader pass's ReadHeaders does.</summary>
    /// <param name="text">The text from the object's <c>{</c> on.</param>
    /// <returns>The headers, or <see langword="null"/> if a name or value is not valid UTF-8.</returns>
    private Dictionary<string, string>? ReadScannedHeaders(ReadOnlySpan<byte> text)
    {
        var s = new JsonScanner(text);
        s.Advance();
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var step = s.FirstMember(out var rawName); step == JsonStep.Member; step = s.NextMember(out rawName))
        {
            TryRawText(ref s, out var rawValue, out var present);
            if (_strings.GetUnescaped(rawName) is not { } name)
            {
                return null;
            }

            if (present)
            {
                if (_strings.GetUnescaped(rawValue) is not { } value)
                {
                    return null;
                }

                headers[HeaderNames.Normalize(name)] = value;
            }
        }

        return headers;
    }

    private static bool TryFastNetworkType(ref JsonScanner s, out NetworkType type)
    {
        type = NetworkType.Unknown;
        if (!TryRawText(ref s, out var raw, out var present))
        {
            return false;
        }

        if (present)
        {
            type = NetworkTypes.Parse(raw);
        }

        return true;
    }

    private bool TryFastBilling(ref JsonScanner s, out BillingInfo? billing)
    {
        if (TryCached(ref s, _billings, out billing))
        {
            return true;
        }

        billing = null;
        if (!TryBeginObject(ref s, out var isNull, out var start))
        {
            return false;
        }

        if (isNull)
        {
            return true;
        }

        ReadOnlySpan<byte> payment = default, domain = default, country = default, plan = default;
        bool hasPayment = false, hasDomain = false, hasCountry = false, hasPlan = false;
        DateTimeOffset? signup = null;
        var step = s.FirstMember(out var name);
        for (; step == JsonStep.Member; step = s.NextMember(out name))
        {
            var ok = ExchangeFields.Classify(name) switch
            {
                ExchangeField.PaymentFingerprint => TryRawUtf8(ref s, out payment, out hasPayment),
                ExchangeField.EmailDomain => TryRawUtf8(ref s, out domain, out hasDomain),
                ExchangeField.SignupTs => TryFastTimestamp(ref s, out signup),
                ExchangeField.Country => TryRawUtf8(ref s, out country, out hasCountry),
                ExchangeField.Plan => TryRawUtf8(ref s, out plan, out hasPlan),
                _ => s.TrySkipValue(),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (step == JsonStep.Invalid)
        {
            return false;
        }

        var raw = s.Text[start..s.Position];
        if (_billings.TryGet(raw, out billing, out var slot))
        {
            return true;
        }

        string? paymentText = null, domainText = null, countryText = null, planText = null;
        if ((hasPayment && (paymentText = _strings.GetUnescaped(payment)) is null)
            || (hasDomain && (domainText = _strings.GetUnescaped(domain)) is null)
            || (hasCountry && (countryText = _strings.GetUnescaped(country)) is null)
            || (hasPlan && (planText = _strings.GetUnescaped(plan)) is null))
        {
            return false;
        }

        billing = new BillingInfo
        {
            PaymentFingerprint = paymentText,
            EmailDomain = domainText,
            SignupTimestamp = signup,
            Country = countryText,
            Plan = planText,
        };
        _billings.Set(slot, raw, billing);
        return true;
    }

    private bool TryFastRequest(ref JsonScanner s, out ChatRequest? request)
    {
        request = null;
        if (!TryBeginObject(ref s, out var isNull, out _))
        {
            return false;
        }

        if (isNull)
        {
            return true;
        }

        string? model = null;
        bool hasMessages = false;
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
        var step = s.FirstMember(out var name);
        for (; step == JsonStep.Member; step = s.NextMember(out name))
        {
            var ok = ExchangeFields.Classify(name) switch
            {
                ExchangeField.Model => TryFastCached(ref s, out model),
                ExchangeField.Messages => TryFastMessages(ref s, out hasMessages),
                ExchangeField.Temperature => s.TryReadDoubleOrNull(out temperature),
                ExchangeField.TopP => s.TryReadDoubleOrNull(out topP),
                ExchangeField.N => s.TryReadInt32OrNull(out n),
                ExchangeField.MaxTokens => s.TryReadInt32OrNull(out maxTokens),
                ExchangeField.MaxCompletionTokens => s.TryReadInt32OrNull(out maxCompletionTokens),
                ExchangeField.Logprobs => s.TryReadBooleanOrNull(out logprobs),
                ExchangeField.TopLogprobs => s.TryReadInt32OrNull(out topLogprobs),
                ExchangeField.Seed => s.TryReadInt64OrNull(out seed),
                ExchangeField.ReasoningEffort => TryFastCached(ref s, out reasoningEffort),
                ExchangeField.Stream => s.TryReadBooleanOrNull(out stream),
                ExchangeField.Tools => TryFastHasItems(ref s, out hasTools),
                ExchangeField.ResponseFormat => TryFastResponseFormat(ref s, out responseFormat),
                ExchangeField.User => TryFastCached(ref s, out user),
                ExchangeField.SafetyIdentifier => TryFastCached(ref s, out safetyIdentifier),
                _ => s.TrySkipValue(),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (step == JsonStep.Invalid)
        {
            return false;
        }

        if (string.IsNullOrEmpty(model) || !hasMessages)
        {
            return false;
        }

        request = _requests.Get(
            share: true, model, NoMessages, temperature, topP, n, maxTokens, maxCompletionTokens, logprobs, topLogprobs, seed, reasoningEffort, stream, hasTools, responseFormat, safetyIdentifier ?? user);
        return true;
    }

    /// <summary>Reads <c>request.messages</c> into the prompt capture, as the reader pass does while capturing.</summary>
    /// <param name="s">The scanner, before the value.</param>
    /// <param name="present">Whether the value is an array (<see langword="false"/> for <c>null</c>).</param>
    private bool TryFastMessages(ref JsonScanner s, out bool present)
    {
        present = false;
        var first = s.Peek();
        if (first == 'n')
        {
            return s.TryReadLiteral("null"u8);
        }

        if (first != '[')
        {
            return false;
        }

        s.Advance();
        var capture = _capture!;
        capture.Reset();
        present = true;
        if (s.TryConsume((byte)']'))
        {
            return true;
        }

        while (true)
        {
            if (!s.TryConsume((byte)'{'))
            {
                return false;
            }

            string? role = null;
            capture.BeginMessage();
            var step = s.FirstMember(out var name);
            for (; step == JsonStep.Member; step = s.NextMember(out name))
            {
                var ok = ExchangeFields.Classify(name) switch
                {
                    ExchangeField.Role => TryFastRole(ref s, ref role),
                    ExchangeField.Content => TryFastContent(ref s, role, capture.Message),
                    _ => s.TrySkipValue(),
                };
                if (!ok)
                {
                    return false;
                }
            }

            if (step == JsonStep.Invalid)
            {
                return false;
            }

            if (role is null)
            {
                return false;
            }

            capture.EndMessage(role);
            if (!s.TryNextElement(out var last))
            {
                return false;
            }

            if (last)
            {
                return true;
            }
        }
    }

    private bool TryFastRole(ref JsonScanner s, ref string? role)
    {
        // A null role leaves the role as it was, as in the reader pass.
        if (!TryRawText(ref s, out var raw, out var present))
        {
            return false;
        }

        if (present)
        {
            role = _strings.GetUnescaped(raw);
        }

        return !present || role is not null;
    }

    /// <summary>Reads a message's content into <paramref name="into"/>, as the reader pass's CaptureContent does.</summary>
    private bool TryFastContent(ref JsonScanner s, string? role, TextBuffer into)
    {
        into.Clear();
        var first = s.Peek();
        if (first == 'n')
        {
            return s.TryReadLiteral("null"u8);
        }

        // A list of parts is left to the reader pass.
        if (first != '"' || !s.TryReadString(out var raw, out var escaped))
        {
            return false;
        }

        return !(_keepTexts || role is null or "user" or "system" or "developer" or "tool") || into.TryAppendJson(raw, escaped);
    }

    private static bool TryFastHasItems(ref JsonScanner s, out bool hasItems)
    {
        hasItems = false;
        var first = s.Peek();
        if (first == 'n')
        {
            return s.TryReadLiteral("null"u8);
        }

        if (first != '[')
        {
            return false;
        }

        var probe = s;
        probe.Advance();
        hasItems = probe.Peek() != ']';
        return s.TrySkipValue();
    }

    private bool TryFastResponseFormat(ref JsonScanner s, out string? type)
    {
        type = null;
        if (!TryBeginObject(ref s, out var isNull, out _))
        {
            return false;
        }

        if (isNull)
        {
            return true;
        }

        var step = s.FirstMember(out var name);
        for (; step == JsonStep.Member; step = s.NextMember(out name))
        {
            var ok = ExchangeFields.Classify(name) == ExchangeField.Type ? TryFastCached(ref s, out type) : s.TrySkipValue();
            if (!ok)
            {
                return false;
            }
        }

        return step == JsonStep.End;
    }

    private bool TryFastResponse(ref JsonScanner s, out FastResponse response, out bool present)
    {
        response = default;
        present = false;
        if (!TryBeginObject(ref s, out var isNull, out _))
        {
            return false;
        }

        if (isNull)
        {
            return true;
        }

        int? status = null;
        string? finishReason = null;
        string? outputText = null;
        double? latencyMs = null;
        TokenUsage usage = default;
        var step = s.FirstMember(out var name);
        for (; step == JsonStep.Member; step = s.NextMember(out name))
        {
            var ok = ExchangeFields.Classify(name) switch
            {
                ExchangeField.Status => s.TryReadInt32OrNull(out status),
                ExchangeField.FinishReason => TryFastCached(ref s, out finishReason),
                ExchangeField.Usage => TryFastUsage(ref s, out usage),
                ExchangeField.OutputText => _keepTexts ? TryFastText(ref s, out outputText) : TrySkipText(ref s),
                ExchangeField.LatencyMs => s.TryReadDoubleOrNull(out latencyMs),
                _ => s.TrySkipValue(),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (step == JsonStep.Invalid)
        {
            return false;
        }

        if (status is null)
        {
            return false;
        }

        present = true;
        response = new FastResponse
        {
            Status = status.Value,
            FinishReason = finishReason,
            PromptTokens = usage.PromptTokens,
            CompletionTokens = usage.CompletionTokens,
            ReasoningTokens = usage.ReasoningTokens ?? usage.DetailsReasoningTokens,
            OutputText = outputText,
            LatencyMs = latencyMs,
        };
        return true;
    }

    private static bool TryFastUsage(ref JsonScanner s, out TokenUsage usage)
    {
        usage = default;
        if (!TryBeginObject(ref s, out var isNull, out _))
        {
            return false;
        }

        if (isNull)
        {
            return true;
        }

        var step = s.FirstMember(out var name);
        for (; step == JsonStep.Member; step = s.NextMember(out name))
        {
            var ok = ExchangeFields.Classify(name) switch
            {
                ExchangeField.PromptTokens => s.TryReadInt32OrNull(out usage.PromptTokens),
                ExchangeField.CompletionTokens => s.TryReadInt32OrNull(out usage.CompletionTokens),
                ExchangeField.ReasoningTokens => s.TryReadInt32OrNull(out usage.ReasoningTokens),
                ExchangeField.CompletionTokensDetails => TryFastTokenDetails(ref s, ref usage),
                _ => s.TrySkipValue(),
            };
            if (!ok)
            {
                return false;
            }
        }

        return step == JsonStep.End;
    }

    private static bool TryFastTokenDetails(ref JsonScanner s, ref TokenUsage usage)
    {
        if (!TryBeginObject(ref s, out var isNull, out _))
        {
            return false;
        }

        if (isNull)
        {
            return true;
        }

        var step = s.FirstMember(out var name);
        for (; step == JsonStep.Member; step = s.NextMember(out name))
        {
            var ok = name.SequenceEqual("reasoning_tokens"u8) ? s.TryReadInt32OrNull(out usage.DetailsReasoningTokens) : s.TrySkipValue();
            if (!ok)
            {
                return false;
            }
        }

        return step == JsonStep.End;
    }

    /// <summary>
    /// Looks the object that starts here up in a cache of raw objects, by the bytes up to where its braces seem to
    /// close (<see cref="JsonScanner.GuessObjectLength"/>): a hit is an object read before, byte for byte, so its
    /// end is known and nothing in it needs reading again.
    /// </summary>
    private static bool TryCached<T>(ref JsonScanner s, Utf8ObjectCache<T> cache, out T? value)
        where T : class
    {
        value = null;
        if (s.Peek() != '{')
        {
            return false;
        }

        var length = s.GuessObjectLength();
        if (length == 0 || !cache.TryGet(s.Text.Slice(s.Position, length), out value, out _))
        {
            return false;
        }

        s.Skip(length);
        return true;
    }

    /// <summary>Moves past an object's <c>{</c>, or reads <c>null</c>.</summary>
    /// <param name="s">The scanner, before the value.</param>
    /// <param name="isNull">Whether the value was <c>null</c>.</param>
    /// <param name="start">Where the object starts, its <c>{</c>.</param>
    /// <returns><see langword="false"/> for any other value.</returns>
    private static bool TryBeginObject(ref JsonScanner s, out bool isNull, out int start)
    {
        var first = s.Peek();
        start = s.Position;
        isNull = first == 'n';
        if (isNull)
        {
            return s.TryReadLiteral("null"u8);
        }

        if (first != '{')
        {
            return false;
        }

        s.Advance();
        return true;
    }

    /// <summary>Reads a string without escapes, or <c>null</c>, leaving it undecoded.</summary>
    /// <param name="s">The scanner, before the value.</param>
    /// <param name="raw">The string's bytes.</param>
    /// <param name="present">Whether the value was a string (<see langword="false"/> for <c>null</c>).</param>
    /// <returns><see langword="false"/> for any other value, or a string with escapes.</returns>
    private static bool TryRawText(scoped ref JsonScanner s, out ReadOnlySpan<byte> raw, out bool present)
    {
        raw = default;
        var first = s.Peek();
        present = first == '"';
        if (!present)
        {
            return first == 'n' && s.TryReadLiteral("null"u8);
        }

        return s.TryReadString(out raw, out var escaped) && !escaped;
    }

    /// <summary>
    /// Reads a string without escapes, or <c>null</c>, checking that it is valid UTF-8 but leaving it undecoded: each
    /// occurrence of a field is checked, as the reader pass decodes each one, even when a later one replaces it.
    /// </summary>
    private static bool TryRawUtf8(scoped ref JsonScanner s, out ReadOnlySpan<byte> raw, out bool present) =>
        TryRawText(ref s, out raw, out present) && (!present || Utf8.IsValid(raw));

    /// <summary>Reads a string through the string cache, or <c>null</c>, as the reader pass's ReadCachedString does.</summary>
    private bool TryFastCached(ref JsonScanner s, out string? value)
    {
        value = null;
        if (!TryRawText(ref s, out var raw, out var present))
        {
            return false;
        }

        return !present || (value = _strings.GetUnescaped(raw)) is not null;
    }

    /// <summary>Reads a string into a new string, or <c>null</c>, as the reader pass's ReadString does.</summary>
    private static bool TryFastText(ref JsonScanner s, out string? value)
    {
        value = null;
        if (!TryRawText(ref s, out var raw, out var present))
        {
            return false;
        }

        if (!present)
        {
            return true;
        }

        if (!Utf8.IsValid(raw))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(raw);
        return true;
    }

    /// <summary>Checks a string (escapes allowed, content not decoded) or <c>null</c>, as the reader pass's SkipString does.</summary>
    private static bool TrySkipText(ref JsonScanner s)
    {
        var first = s.Peek();
        return first == '"' ? s.TryReadString(out _, out _) : first == 'n' && s.TryReadLiteral("null"u8);
    }

    /// <summary>Reads a timestamp of the usual shape (see <see cref="Timestamps.TryParseCommon"/>), or <c>null</c>.</summary>
    private static bool TryFastTimestamp(ref JsonScanner s, out DateTimeOffset? value)
    {
        value = null;
        if (!TryRawText(ref s, out var raw, out var present))
        {
            return false;
        }

        if (!present)
        {
            return true;
        }

        if (!Timestamps.TryParseCommon(raw, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>What the fast path read of a line: the exchange's parts, its id still as the line's bytes.</summary>
    private readonly ref struct FastLine
    {
        /// <summary>Gets the id's UTF-8 bytes (valid, no escapes, not empty).</summary>
        public ReadOnlySpan<byte> Id { get; init; }

        public DateTimeOffset Timestamp { get; init; }

        public string AccountId { get; init; }

        public string? ApiKeyId { get; init; }

        public string? EndUserId { get; init; }

        public ClientInfo? Client { get; init; }

        public BillingInfo? Billing { get; init; }

        public ChatRequest Request { get; init; }

        public FastResponse Response { get; init; }

        /// <summary>Makes the exchange, as the reader pass would have made it of the same line.</summary>
        public Exchange ToExchange() => new()
        {
            Id = Encoding.UTF8.GetString(Id),
            Timestamp = Timestamp,
            AccountId = AccountId,
            ApiKeyId = ApiKeyId,
            EndUserId = EndUserId,
            Client = Client,
            Billing = Billing,
            Request = Request,
            Response = Response.ToInfo(),
        };

        /// <summary>Hashes the id as <see cref="ExchangeObservation.HashId"/> hashes the string it decodes to.</summary>
        public ulong HashId()
        {
            // A UTF-8 text never decodes to more UTF-16 units than it has bytes.
            Span<char> chars = Id.Length <= 256 ? stackalloc char[Id.Length] : new char[Id.Length];
            var written = Encoding.UTF8.GetChars(Id, chars);
            return ExchangeObservation.HashId(chars[..written]);
        }
    }

    /// <summary>The response's fields, until a <see cref="ResponseInfo"/> is wanted.</summary>
    private readonly struct FastResponse
    {
        public int Status { get; init; }

        public string? FinishReason { get; init; }

        public int? PromptTokens { get; init; }

        public int? CompletionTokens { get; init; }

        public int? ReasoningTokens { get; init; }

        public string? OutputText { get; init; }

        public double? LatencyMs { get; init; }

        public ResponseInfo ToInfo() => new()
        {
            Status = Status,
            FinishReason = FinishReason,
            PromptTokens = PromptTokens,
            CompletionTokens = CompletionTokens,
            ReasoningTokens = ReasoningTokens,
            OutputText = OutputText,
            LatencyMs = LatencyMs,
        };
    }
}
