using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DistillGuard.Core.Exchanges;
using DistillGuard.Ingest.Exchanges;
using DistillGuard.Ingest.Json;

namespace DistillGuard.Ingest.LiteLlm;

/// <summary>
/// Converts LiteLLM's <c>StandardLoggingPayload</c> (what its logging callbacks write for one call) into an
/// <see cref="Exchange"/>.
/// </summary>
/// <remarks>
/// <para>The mapping:</para>
/// <list type="bullet">
/// <item><c>id</c> (required) becomes the exchange id.</item>
/// <item><c>startTime</c> (required) becomes the timestamp: a <c>"YYYY-MM-DD HH:MM:SS[.ffffff]"</c> or ISO 8601
/// text (without a zone it is taken as UTC, as LiteLLM's proxy runs in UTC by default), or epoch seconds as a number.</item>
/// <item><c>model</c> and <c>messages</c> (required) become the request; <c>messages</c> may also be a plain
/// prompt string (text completion calls), read as one user message.</item>
/// <item><c>model_parameters</c> gives <c>temperature</c>, <c>top_p</c>, <c>n</c>, <c>max_tokens</c>,
/// <c>max_completion_tokens</c>, <c>logprobs</c>, <c>top_logprobs</c>, <c>seed</c>, <c>reasoning_effort</c>,
/// <c>stream</c> (else the top-level <c>stream</c>), <c>user</c> (else <c>safety_identifier</c>), <c>tools</c> and
/// <c>response_format</c>.</item>
/// <item><c>response.choices[0].message.content</c> and <c>finish_reason</c> become the output text and finish
/// reason; a <c>response</c> that is a string is the output text. The response body is the upstream provider's
/// answer passed through, so it is read leniently: parts of another shape are left out rather than rejected.</item>
/// <item><c>prompt_tokens</c> and <c>completion_tokens</c> (top level, else <c>response.usage</c>) and
/// <c>response.usage.completion_tokens_details.reasoning_tokens</c> become the usage.</item>
/// <item><c>status</c> <c>"success"</c> is HTTP 200; any other status is the integer in
/// <c>error_information.error_code</c> if there is one, else 500. Without <c>status</c> (older payloads) a call
/// is a success unless <c>error_str</c> is set.</item>
/// <item>The latency is <c>endTime</c> − <c>startTime</c>, else <c>response_time</c> seconds.</item>
/// <item>The end user is <c>end_user</c> if not empty, else <c>metadata.user_api_key_end_user_id</c>.</item>
/// <item>The client's address is <c>requester_ip_address</c>, else <c>metadata.requester_ip_address</c>; its user
/// agent is <c>user_agent</c>, else the <c>user-agent</c> entry of <c>metadata.requester_custom_headers</c>, whose
/// other entries become the client's headers (names lower-cased, values that are not strings left out).</item>
/// <item>The account is the first set of <c>metadata.user_api_key_org_id</c>, <c>user_api_key_team_id</c>,
/// <c>user_api_key_hash</c> and <c>user_api_key_user_id</c>; if none is set (a proxy without virtual keys), it is
/// <see cref="UnattributedAccountId"/>, so that such traffic is still read and judged as one account. The API key
/// is <c>metadata.user_api_key_hash</c>.</item>
/// </list>
/// <para>A <c>null</c> value counts as absent; a mapped field of another type is an error naming the field.</para>
/// </remarks>
public static class LiteLlmPayloadParser
{
    /// <summary>The account given to payloads that carry no organisation, team, key or user.</summary>
    public const string UnattributedAccountId = "litellm:unattributed";

    private const int SuccessStatus = 200;
    private const int FailureStatus = 500;
    private const double MaxEpochSeconds = 253_402_300_799;

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Parses one payload written as one line of JSON.</summary>
    /// <param name="utf8Line">The line's UTF-8 bytes, without its terminator.</param>
    /// <param name="exchange">The exchange, if the payload is valid.</param>
    /// <param name="error">Why the payload is not valid, naming the field at fault, if it is not.</param>
    /// <returns>Whether the payload is valid.</returns>
    /// <remarks>
    /// Payloads are large and mostly fields DistillGuard does not read, in no fixed order; the line is parsed
    /// into a pooled <see cref="JsonDocument"/> and mapped with <see cref="TryParse(JsonElement, out Exchange?, out string?)"/>.
    /// </remarks>
    public static bool TryParse(ReadOnlySpan<byte> utf8Line, [NotNullWhen(true)] out Exchange? exchange, [NotNullWhen(false)] out string? error)
    {
        exchange = null;
        var reader = new Utf8JsonReader(utf8Line);
        JsonDocument document;
        try
        {
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            error = JsonErrors.NotValidJson(ex);
            return false;
        }

        using (document)
        {
            try
            {
                if (reader.Read())
                {
                    error = "unexpected content after the JSON object";
                    return false;
                }
            }
            catch (JsonException)
            {
                error = "unexpected content after the JSON object";
                return false;
            }

            return TryParse(document.RootElement, out exchange, out error);
        }
    }

    /// <summary>Parses one payload, for example an element of the JSON array a LiteLLM generic API logger posts.</summary>
    /// <param name="payload">The payload object.</param>
    /// <param name="exchange">The exchange, if the payload is valid.</param>
    /// <param name="error">Why the payload is not valid, naming the field at fault, if it is not.</param>
    /// <returns>Whether the payload is valid.</returns>
    public static bool TryParse(JsonElement payload, [NotNullWhen(true)] out Exchange? exchange, [NotNullWhen(false)] out string? error)
    {
        try
        {
            exchange = Map(payload);
            error = null;
            return true;
        }
        catch (InvalidFieldException ex)
        {
            exchange = null;
            error = ex.Message;
            return false;
        }
    }

    private static Exchange Map(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidFieldException("not a JSON object");
        }

        JsonElement? metadata = GetObject(payload, "metadata", "metadata");
        JsonElement? parameters = GetObject(payload, "model_parameters", "model_parameters");

        DateTimeOffset start = GetTime(payload, "startTime") ?? throw InvalidFieldException.Missing("startTime");
        DateTimeOffset? end = GetTime(payload, "endTime");
        double? latencyMs = end is { } endTime && endTime >= start
            ? (endTime - start).TotalMilliseconds
            : GetDouble(payload, "response_time", "response_time") * 1000;

        string? endUser = NonEmpty(GetString(payload, "end_user", "end_user"))
            ?? NonEmpty(GetString(metadata, "user_api_key_end_user_id", "metadata.user_api_key_end_user_id"));
        string? keyHash = NonEmpty(GetString(metadata, "user_api_key_hash", "metadata.user_api_key_hash"));
        string account = NonEmpty(GetString(metadata, "user_api_key_org_id", "metadata.user_api_key_org_id"))
            ?? NonEmpty(GetString(metadata, "user_api_key_team_id", "metadata.user_api_key_team_id"))
            ?? keyHash
            ?? NonEmpty(GetString(metadata, "user_api_key_user_id", "metadata.user_api_key_user_id"))
            ?? UnattributedAccountId;

        return new Exchange
        {
            Id = NonEmpty(GetString(payload, "id", "id")) ?? throw MissingOrEmpty(payload, "id"),
            Timestamp = start,
            AccountId = account,
            ApiKeyId = keyHash,
            EndUserId = endUser,
            Client = MapClient(payload, metadata),
            Request = MapRequest(payload, parameters),
            Response = MapResponse(payload, latencyMs),
        };
    }

    private static ChatRequest MapRequest(JsonElement payload, JsonElement? parameters)
    {
        string model = NonEmpty(GetString(payload, "model", "model")) ?? throw MissingOrEmpty(payload, "model");
        return new ChatRequest
        {
            Model = model,
            Messages = MapMessages(payload),
            Temperature = GetDouble(parameters, "temperature", "model_parameters.temperature"),
            TopP = GetDouble(parameters, "top_p", "model_parameters.top_p"),
            N = GetInt32(parameters, "n", "model_parameters.n"),
            MaxTokens = GetInt32(parameters, "max_tokens", "model_parameters.max_tokens"),
            MaxCompletionTokens = GetInt32(parameters, "max_completion_tokens", "model_parameters.max_completion_tokens"),
            Logprobs = GetBoolean(parameters, "logprobs", "model_parameters.logprobs"),
            TopLogprobs = GetInt32(parameters, "top_logprobs", "model_parameters.top_logprobs"),
            Seed = GetInt64(parameters, "seed", "model_parameters.seed"),
            ReasoningEffort = GetString(parameters, "reasoning_effort", "model_parameters.reasoning_effort"),
            Stream = GetBoolean(parameters, "stream", "model_parameters.stream") ?? GetBoolean(payload, "stream", "stream"),
            HasTools = GetArray(parameters, "tools", "model_parameters.tools") is { } tools && tools.GetArrayLength() > 0,
            ResponseFormat = GetObject(parameters, "response_format", "model_parameters.response_format") is { } format
                ? GetString(format, "type", "model_parameters.response_format.type")
                : null,
            User = GetString(parameters, "user", "model_parameters.user")
                ?? GetString(parameters, "safety_identifier", "model_parameters.safety_identifier"),
        };
    }

    private static List<ChatMessage> MapMessages(JsonElement payload)
    {
        if (!payload.TryGetProperty("messages", out JsonElement messages) || messages.ValueKind == JsonValueKind.Null)
        {
            throw InvalidFieldException.Missing("messages");
        }

        if (messages.ValueKind == JsonValueKind.String)
        {
            return [new ChatMessage("user", messages.GetString()!)];
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw InvalidFieldException.Expected("messages", "an array of messages or a prompt string");
        }

        var list = new List<ChatMessage>(messages.GetArrayLength());
        foreach (JsonElement message in messages.EnumerateArray())
        {
            string path = string.Create(CultureInfo.InvariantCulture, $"messages[{list.Count}]");
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw InvalidFieldException.Expected(path, "an object");
            }

            string role = GetString(message, "role", path + ".role") ?? throw InvalidFieldException.Missing(path + ".role");
            string content = message.TryGetProperty("content", out JsonElement value)
                ? ReadContent(value, path + ".content", lenient: false) ?? string.Empty
                : string.Empty;
            list.Add(new ChatMessage(role, content));
        }

        return list;
    }

    /// <summary>Reads a message content: a string, null, or a list of parts whose text parts are joined with a newline.</summary>
    private static string? ReadContent(JsonElement content, string path, bool lenient)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Array:
                break;
            case JsonValueKind.Null:
                return null;
            default:
                return lenient ? null : throw InvalidFieldException.Expected(path, "a string, null or an array of parts");
        }

        StringBuilder? joined = null;
        string? first = null;
        foreach (JsonElement part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object
                && part.TryGetProperty("type", out JsonElement type) && type.ValueEquals("text"u8)
                && part.TryGetProperty("text", out JsonElement text) && text.ValueKind == JsonValueKind.String)
            {
                if (first is null)
                {
                    first = text.GetString();
                }
                else
                {
                    joined ??= new StringBuilder(first);
                    joined.Append('\n').Append(text.GetString());
                }
            }
        }

        return joined?.ToString() ?? first;
    }

    private static ResponseInfo MapResponse(JsonElement payload, double? latencyMs)
    {
        string? finishReason = null;
        string? outputText = null;
        int? usagePrompt = null;
        int? usageCompletion = null;
        int? reasoning = null;
        if (payload.TryGetProperty("response", out JsonElement response))
        {
            if (response.ValueKind == JsonValueKind.String)
            {
                outputText = response.GetString();
            }
            else if (response.ValueKind == JsonValueKind.Object)
            {
                if (response.TryGetProperty("choices", out JsonElement choices)
                    && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                    && choices[0] is { ValueKind: JsonValueKind.Object } choice)
                {
                    finishReason = LenientString(choice, "finish_reason");
                    if (choice.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.Object
                        && message.TryGetProperty("content", out JsonElement content))
                    {
                        outputText = ReadContent(content, "response.choices[0].message.content", lenient: true);
                    }
                }

                if (response.TryGetProperty("usage", out JsonElement usage) && usage.ValueKind == JsonValueKind.Object)
                {
                    usagePrompt = LenientInt32(usage, "prompt_tokens");
                    usageCompletion = LenientInt32(usage, "completion_tokens");
                    if (usage.TryGetProperty("completion_tokens_details", out JsonElement details) && details.ValueKind == JsonValueKind.Object)
                    {
                        reasoning = LenientInt32(details, "reasoning_tokens");
                    }
                }
            }
        }

        return new ResponseInfo
        {
            Status = MapStatus(payload),
            FinishReason = finishReason,
            PromptTokens = GetInt32(payload, "prompt_tokens", "prompt_tokens") ?? usagePrompt,
            CompletionTokens = GetInt32(payload, "completion_tokens", "completion_tokens") ?? usageCompletion,
            ReasoningTokens = reasoning,
            OutputText = outputText,
            LatencyMs = latencyMs,
        };
    }

    private static int MapStatus(JsonElement payload)
    {
        string? status = GetString(payload, "status", "status");
        bool failed = status is null
            ? !string.IsNullOrEmpty(GetString(payload, "error_str", "error_str"))
            : !string.Equals(status, "success", StringComparison.Ordinal);
        if (!failed)
        {
            return SuccessStatus;
        }

        if (payload.TryGetProperty("error_information", out JsonElement information)
            && information.ValueKind == JsonValueKind.Object
            && information.TryGetProperty("error_code", out JsonElement code))
        {
            if (code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out int number))
            {
                return number;
            }

            if (code.ValueKind == JsonValueKind.String
                && int.TryParse(code.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
            {
                return parsed;
            }
        }

        return FailureStatus;
    }

    private static ClientInfo? MapClient(JsonElement payload, JsonElement? metadata)
    {
        string? ip = NonEmpty(GetString(payload, "requester_ip_address", "requester_ip_address"))
            ?? NonEmpty(GetString(metadata, "requester_ip_address", "metadata.requester_ip_address"));
        string? userAgent = NonEmpty(GetString(payload, "user_agent", "user_agent"));
        Dictionary<string, string>? headers = null;
        if (GetObject(metadata, "requester_custom_headers", "metadata.requester_custom_headers") is { } custom)
        {
            foreach (JsonProperty header in custom.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                string name = HeaderNames.Normalize(header.Name);
                if (name == "user-agent")
                {
                    userAgent ??= NonEmpty(header.Value.GetString());
                }
                else
                {
                    headers ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    headers[name] = header.Value.GetString()!;
                }
            }
        }

        return ip is null && userAgent is null && headers is null
            ? null
            : new ClientInfo { Ip = ip, UserAgent = userAgent, Headers = headers };
    }

    private static DateTimeOffset? GetTime(JsonElement payload, string name)
    {
        if (!payload.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                return FromEpochSeconds(value.GetDouble(), name);
            case JsonValueKind.String:
                string text = value.GetString()!;
                if (DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
                {
                    return parsed;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                {
                    return FromEpochSeconds(seconds, name);
                }

                throw InvalidFieldException.Invalid(name, $"{JsonErrors.Quote(text)} is not a date-time or epoch seconds");
            default:
                throw InvalidFieldException.Expected(name, "a date-time string or epoch seconds");
        }
    }

    private static DateTimeOffset FromEpochSeconds(double seconds, string name) =>
        double.IsFinite(seconds) && seconds is >= 0 and <= MaxEpochSeconds
            ? DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
            : throw InvalidFieldException.Invalid(name, "epoch seconds out of range");

    private static InvalidFieldException MissingOrEmpty(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? InvalidFieldException.Invalid(name, "must not be empty")
            : InvalidFieldException.Missing(name);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool TryGetValue(JsonElement? container, string name, out JsonElement value)
    {
        value = default;
        return container is { } element && element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private static string? GetString(JsonElement? container, string name, string path) =>
        !TryGetValue(container, name, out JsonElement value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw InvalidFieldException.Expected(path, "a string");

    private static int? GetInt32(JsonElement? container, string name, string path) =>
        !TryGetValue(container, name, out JsonElement value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number
        : throw InvalidFieldException.Expected(path, "an integer");

    private static long? GetInt64(JsonElement? container, string name, string path) =>
        !TryGetValue(container, name, out JsonElement value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) ? number
        : throw InvalidFieldException.Expected(path, "an integer");

    private static double? GetDouble(JsonElement? container, string name, string path) =>
        !TryGetValue(container, name, out JsonElement value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && double.IsFinite(number) ? number
        : throw InvalidFieldException.Expected(path, "a number");

    private static bool? GetBoolean(JsonElement? container, string name, string path) =>
        !TryGetValue(container, name, out JsonElement value) ? null
        : value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw InvalidFieldException.Expected(path, "true or false"),
        };

    private static JsonElement? GetObject(JsonElement? container, string name, string path) =>
        !TryGetValue(container, name, out JsonElement value) ? null
        : value.ValueKind == JsonValueKind.Object ? value
        : throw InvalidFieldException.Expected(path, "an object");

    private static JsonElement? GetArray(JsonElement? container, string name, string path) =>
        !TryGetValue(container, name, out JsonElement value) ? null
        : value.ValueKind == JsonValueKind.Array ? value
        : throw InvalidFieldException.Expected(path, "an array");

    private static string? LenientString(JsonElement container, string name) =>
        container.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? LenientInt32(JsonElement container, string name) =>
        container.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number)
            ? number
            : null;
}
