using System.Globalization;
using System.Text.Json;

namespace DistillGuard.Ingest.Json;

/// <summary>Short, one-line descriptions of JSON errors for rejection reasons.</summary>
internal static class JsonErrors
{
    private const int MaxQuotedValue = 60;

    /// <summary>Describes a syntax error as <c>not valid JSON: &lt;message&gt; (at byte N)</c>.</summary>
    /// <param name="exception">The error from <see cref="Utf8JsonReader"/> or <see cref="JsonDocument"/>.</param>
    /// <returns>The reason.</returns>
    public static string NotValidJson(JsonException exception)
    {
        string message = exception.Message;

        // System.Text.Json appends " LineNumber: 0 | BytePositionInLine: 12." and sometimes a JSON path; keep the first sentence.
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        if (cut >= 0)
        {
            message = message[..cut];
        }

        message = message.TrimEnd().TrimEnd('.');
        return exception.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $"not valid JSON: {message} (at byte {position})")
            : $"not valid JSON: {message}";
    }

    /// <summary>Quotes a value for a message, cut to a short length.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value in single quotes.</returns>
    public static string Quote(string value) =>
        value.Length <= MaxQuotedValue ? $"'{value}'" : $"'{value[..MaxQuotedValue]}...'";
}
