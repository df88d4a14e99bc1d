using System.Net;
using System.Text.Json.Nodes;

namespace DistillGuard.Server.Tests.Support;

/// <summary>GET and POST that expect 200 and answer the body as JSON, with the status and body in the failure message.</summary>
public static class ServiceJson
{
    public static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return await ReadAsync(response, path);
    }

    public static async Task<JsonNode> PostAsync(HttpClient client, string path)
    {
        using var response = await client.PostAsync(path, null, TestContext.Current.CancellationToken);
        return await ReadAsync(response, path);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, string path)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
