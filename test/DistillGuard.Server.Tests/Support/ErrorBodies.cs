using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Server.Tests.Support;

/// <summary>Checks that an error answer carries its documented body: the API's or the TAXII server's.</summary>
public static class ErrorBodies
{
    /// <summary>Asserts <c>{"error": {"code", "message"}}</c> as <c>application/json</c>; returns the code.</summary>
    public static async Task<string> AssertApiErrorAsync(HttpResponseMessage response, string context = "")
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var where = $"{context} {(int)response.StatusCode}: '{text}'";
        Assert.True((int)response.StatusCode is >= 400 and < 500, where);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", where);
        var error = Parse(text, where)?["error"];
        var code = error?["code"]?.GetValue<string>();
        var message = error?["message"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(code), where);
        Assert.False(string.IsNullOrEmpty(message), where);
        return code!;
    }

    /// <summary>Asserts the TAXII error message (title, http_status) as <c>application/taxii+json;version=2.1</c>.</summary>
    public static async Task<JsonNode> AssertTaxiiErrorAsync(HttpResponseMessage response, string context = "")
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var where = $"{context} {(int)response.StatusCode}: '{text}'";
        Assert.True((int)response.StatusCode is >= 400 and < 500, where);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/taxii+json", where);
        var error = Parse(text, where)!;
        Assert.False(string.IsNullOrEmpty(error["title"]?.GetValue<string>()), where);
        Assert.Equal(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), error["http_status"]?.GetValue<string>());
        return error;
    }

    public static bool IsServerError(HttpStatusCode status) => (int)status >= 500;

    private static JsonNode? Parse(string text, string where)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            Assert.Fail("not JSON: " + where);
            return null;
        }
    }
}
