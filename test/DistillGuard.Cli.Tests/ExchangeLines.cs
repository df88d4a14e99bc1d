using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace DistillGuard.Cli.Tests;

/// <summary>Writes small dg-exchange/1 inputs for tests.</summary>
public static class ExchangeLines
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Makes one valid line.</summary>
    public static string Line(int index, string account, string prompt, string? id = null)
    {
        var exchange = new Dictionary<string, object?>
        {
            ["id"] = id ?? string.Create(CultureInfo.InvariantCulture, $"ex_{index:D6}"),
            ["ts"] = Start.AddSeconds(index * 7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["account_id"] = account,
            ["client"] = new Dictionary<string, object?> { ["ip"] = "203.0.113.5", ["network_type"] = "datacenter", ["user_agent"] = "python-httpx/0.27" },
            ["request"] = new Dictionary<string, object?>
            {
                ["model"] = "frontier-large",
                ["messages"] = new[] { new Dictionary<string, object?> { ["role"] = "user", ["content"] = prompt } },
            },
            ["response"] = new Dictionary<string, object?>
            {
                ["status"] = 200,
                ["usage"] = new Dictionary<string, object?> { ["prompt_tokens"] = 20, ["completion_tokens"] = 200 },
                ["output_text"] = "An answer.",
            },
        };
        return JsonSerializer.Serialize(exchange);
    }

    /// <summary>Makes <paramref name="count"/> valid lines spread over <paramref name="accounts"/> accounts.</summary>
    public static List<string> Lines(int count, int accounts)
    {
        var lines = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            lines.Add(Line(i, string.Create(CultureInfo.InvariantCulture, $"acct_{i % accounts}"), string.Create(CultureInfo.InvariantCulture, $"What is the capital of country number {i}?")));
        }

        return lines;
    }

    /// <summary>Writes lines to a file, one per line.</summary>
    public static string Write(string path, IEnumerable<string> lines)
    {
        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes lines to a gzip file.</summary>
    public static string WriteGzip(string path, IEnumerable<string> lines)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        return path;
    }
}
