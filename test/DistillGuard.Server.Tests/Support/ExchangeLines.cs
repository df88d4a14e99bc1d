using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace DistillGuard.Server.Tests.Support;

/// <summary>Builds <c>dg-exchange/1</c> lines for tests.</summary>
public static class ExchangeLines
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    public static JsonObject Exchange(
        string id,
        string account,
        string prompt = "What is the capital of France?",
        string? endUser = null,
        int minute = 0,
        int completionTokens = 40)
    {
        var line = new JsonObject
        {
            ["id"] = id,
            ["ts"] = Start.AddMinutes(minute).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["account_id"] = account,
            ["client"] = new JsonObject { ["ip"] = "198.51.100.7", ["user_agent"] = "python-httpx/0.27" },
            ["request"] = new JsonObject
            {
                ["model"] = "frontier-large",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
            },
            ["response"] = new JsonObject
            {
                ["status"] = 200,
                ["finish_reason"] = "stop",
                ["usage"] = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = completionTokens },
            },
        };
        if (endUser is not null)
        {
            line["end_user_id"] = endUser;
        }

        return line;
    }

    public static string Body(params JsonObject[] lines) =>
        string.Join('\n', lines.Select(l => l.ToJsonString())) + "\n";

    public static StringContent Ndjson(string body) => new(body, Encoding.UTF8, "application/x-ndjson");

    /// <summary>Posts lines to <c>/v1/exchanges</c> in bodies of <paramref name="perBody"/> lines, each expected to answer 200.</summary>
    public static async Task PostAsync(HttpClient client, IEnumerable<string> lines, int perBody = 2000)
    {
        foreach (var chunk in lines.Chunk(perBody))
        {
            using var response = await client.PostAsync("/v1/exchanges", Ndjson(string.Join('\n', chunk) + "\n"), TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }
}
