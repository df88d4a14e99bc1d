using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DistillGuard.EndToEnd.Tests.Support;

/// <summary>The few calls of the service's API that the tests make, as a client program would make them.</summary>
public static class ServiceApi
{
    /// <summary>Posts dg-exchange/1 lines to <c>/v1/exchanges</c> and answers the service's answer.</summary>
    public static async Task<JsonNode> PostExchangesAsync(HttpClient client, IEnumerable<string> lines)
    {
        var body = new StringBuilder();
        foreach (var line in lines)
        {
            body.Append(line).Append('\n');
        }

        using var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await client.PostAsync("v1/exchanges", content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Gets <c>/v1/findings</c> (or under a prefix such as <c>distillguard/</c>).</summary>
    public static async Task<JsonNode> GetFindingsAsync(HttpClient client, string prefix = "")
    {
        using var response = await client.GetAsync(prefix + "v1/findings", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Gets a findings document as text without its <c>generated_at</c>, for comparing two of them.</summary>
    public static string WithoutGeneratedAt(JsonNode findings)
    {
        var copy = findings.DeepClone();
        copy.AsObject().Remove("generated_at");
        return copy.ToJsonString();
    }

    /// <summary>
    /// Gets a findings document as text without its <c>generated_at</c> and without the quoted prompt excerpts in the
    /// evidence (<c>, e.g. "…"</c>): no prompt text is stored by default, so a restarted service judges the same and
    /// quotes a prompt again only from the next one worth quoting; everything else, <c>input.first_ts</c> included, must
    /// be the same.
    /// </summary>
    public static string WithoutGeneratedAtOrQuotes(JsonNode findings) =>
        System.Text.RegularExpressions.Regex.Replace(WithoutGeneratedAt(findings), @", e\.g\. \\u0022.*?\\u0022(?=;|"")", string.Empty);

    /// <summary>Gets the number of exchanges the findings account for, over the accounts (not their end users).</summary>
    public static long AccountExchanges(JsonNode findings) =>
        findings["subjects"]!.AsArray().Where(s => s!["end_user_id"] is null).Sum(s => s!["exchanges"]!.GetValue<long>());
}
