using System.Text;
using System.Text.Json;
using DistillGuard.Core.Exchanges;

namespace DistillGuard.Server.Gateway;

/// <summary>
/// Reads the request the gateway served (its body as forwarded) into the engine's <see cref="ChatRequest"/>, as the
/// <c>dg-exchange/1</c> reader reads a log line's <c>request</c>: the same fields, text parts joined with a newline,
/// <c>safety_identifier</c> over <c>user</c>, and (unless prompt text is kept) no text of assistant or tool messages
/// given as a plain string.
/// </summary>
internal static class ServedRequestReader
{
    /// <summary>Reads the request; null (with why) when it has no model or no messages, or they are malformed.</summary>
    public static ChatRequest? Read(JsonElement root, bool keepTexts, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the request is not a JSON object";
            return null;
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString() is not { Length: > 0 } modelName)
        {
            error = "the request has no model";
            return null;
        }

        if (!root.TryGetProperty("messages", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            error = "the request has no messages";
            return null;
        }

        var messages = new List<ChatMessage>(list.GetArrayLength());
        foreach (var message in list.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var roleValue) || roleValue.ValueKind != JsonValueKind.String)
            {
                error = $"request.messages[{messages.Count}] has no role";
                return null;
            }

            var role = roleValue.GetString()!;
            var content = message.TryGetProperty("content", out var c) ? c : default;
            var text = content.ValueKind switch
            {
                JsonValueKind.String => keepTexts || role is "user" or "system" or "developer" ? content.GetString() : string.Empty,
                JsonValueKind.Array => JoinTextParts(content),
                _ => null,
            };
            messages.Add(new ChatMessage(role, text ?? string.Empty));
        }

        return new ChatRequest
        {
            Model = modelName,
            Messages = messages,
            Temperature = Number(root, "temperature"),
            TopP = Number(root, "top_p"),
            N = Int32(root, "n"),
            MaxTokens = Int32(root, "max_tokens"),
            MaxCompletionTokens = Int32(root, "max_completion_tokens"),
            Logprobs = Boolean(root, "logprobs"),
            TopLogprobs = Int32(root, "top_logprobs"),
            Seed = root.TryGetProperty("seed", out var seed) && seed.ValueKind == JsonValueKind.Number && seed.TryGetInt64(out var s) ? s : null,
            ReasoningEffort = String(root, "reasoning_effort"),
            Stream = Boolean(root, "stream"),
            HasTools = root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0,
            ResponseFormat = root.TryGetProperty("response_format", out var format) && format.ValueKind == JsonValueKind.Object ? String(format, "type") : null,
            User = String(root, "safety_identifier") ?? String(root, "user"),
        };
    }

    /// <summary>The <c>type: "text"</c> parts' texts joined with a newline; null when there is none.</summary>
    private static string? JoinTextParts(JsonElement parts)
    {
        StringBuilder? joined = null;
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object
                && part.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("text"u8)
                && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                if (joined is null)
                {
                    joined = new StringBuilder(text.GetString());
                }
                else
                {
                    joined.Append('\n').Append(text.GetString());
                }
            }
        }

        return joined?.ToString();
    }

    private static string? String(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;

    private static int? Int32(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static bool? Boolean(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
