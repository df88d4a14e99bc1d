using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Server.Gateway;

/// <summary>Refusals in the OpenAI error shape, <c>{"error": {"message", "type", "code"}}</c>, so clients' SDKs read them.</summary>
internal static class OpenAiErrors
{
    public static async Task WriteAsync(HttpContext context, int status, string message, string type, string code)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", type);
        writer.WriteString("code", code);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
