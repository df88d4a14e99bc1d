using System.Buffers;
using System.Text.Json;
using DistillGuard.Ingest;

namespace DistillGuard.Cli.Bench;

/// <summary>
/// The floor <c>bench</c> compares detection with: the least work any tool that reads an exchange log must do. One
/// thread reads the input's lines and parses each into a <see cref="JsonDocument"/>, materialising the exchange's id,
/// timestamp, account and every message's text; nothing else.
/// </summary>
/// <remarks>
/// Lines are split on the raw UTF-8 bytes and parsed in place from a reused buffer, so the floor pays for no decoding
/// into UTF-16 and no copies that detection's reader might avoid: it is a fair lower bound, not a straw man.
/// For <see cref="InputFormat.LiteLlm"/> the same fields are taken from where LiteLLM's payload keeps them
/// (<c>id</c>, <c>startTime</c>, the first of <c>metadata.user_api_key_org_id</c>, <c>_team_id</c>, <c>_hash</c>,
/// <c>_user_id</c> that is set, and <c>messages[].content</c>).
/// </remarks>
internal static class ParseFloor
{
    private const int InitialBufferSize = 1024 * 1024;

    private static readonly string[] AccountFields = ["user_api_key_org_id", "user_api_key_team_id", "user_api_key_hash", "user_api_key_user_id"];

    /// <summary>Reads <paramref name="input"/> to its end.</summary>
    /// <param name="input">The uncompressed input, for example from <see cref="ExchangeInput.Open(string)"/>.</param>
    /// <param name="format">Where the fields are.</param>
    /// <returns>How many lines parsed as JSON, how many did not, and a checksum of what was read.</returns>
    public static FloorCount Run(Stream input, InputFormat format)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var count = new FloorCount();
        try
        {
            var start = 0;
            var end = 0;
            while (true)
            {
                if (end == buffer.Length)
                {
                    if (start > 0)
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        end -= start;
                        start = 0;
                    }
                    else
                    {
                        // A line longer than the buffer: grow it.
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, end).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                }

                var read = input.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    if (end > start)
                    {
                        ParseLine(buffer.AsMemory(start, end - start), format, ref count);
                    }

                    return count;
                }

                end += read;
                while (true)
                {
                    var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    ParseLine(buffer.AsMemory(start, newline), format, ref count);
                    start += newline + 1;
                }

                if (start == end)
                {
                    start = end = 0;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ParseLine(ReadOnlyMemory<byte> line, InputFormat format, ref FloorCount count)
    {
        if (!line.IsEmpty && line.Span[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Span.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            long touched = format == InputFormat.LiteLlm ? TouchLiteLlm(root) : TouchExchange(root);
            count.Parsed++;
            count.Checksum += touched;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            count.Failed++;
        }
    }

    private static long TouchExchange(JsonElement root)
    {
        long length = Length(root, "id") + Length(root, "ts") + Length(root, "account_id");
        if (root.TryGetProperty("request", out var request) && request.TryGetProperty("messages", out var messages))
        {
            length += TouchMessages(messages);
        }

        return length;
    }

    private static long TouchLiteLlm(JsonElement root)
    {
        long length = Length(root, "id") + Length(root, "startTime");
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            // The account is the first of these that is set, as the LiteLLM reader takes it.
            foreach (var name in AccountFields)
            {
                var account = Length(metadata, name);
                if (account > 0)
                {
                    length += account;
                    break;
                }
            }
        }

        if (root.TryGetProperty("messages", out var messages))
        {
            length += TouchMessages(messages);
        }

        return length;
    }

    private static long TouchMessages(JsonElement messages)
    {
        long length = 0;
        if (messages.ValueKind != JsonValueKind.Array)
        {
            return 0;
        }

        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content))
            {
                continue;
            }

            if (content.ValueKind == JsonValueKind.String)
            {
                length += content.GetString()!.Length;
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    length += part.ValueKind == JsonValueKind.Object ? Length(part, "text") : 0;
                }
            }
        }

        return length;
    }

    private static long Length(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Length : 0;
}
