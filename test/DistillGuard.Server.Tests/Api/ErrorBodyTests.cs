using System.Net;
using System.Text;
using DistillGuard.Server.Tests.Support;
using DistillGuard.Server.Tests.Taxii;

namespace DistillGuard.Server.Tests.Api;

/// <summary>Every 4xx of the API and the TAXII server carries the documented error body, 401 and 403 included.</summary>
public sealed class ErrorBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "GET", "/v1/findings", HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData("not-a-key-of-this-service-at-all", "GET", "/v1/findings", HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData(null, "POST", "/v1/decisions", HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData(null, "GET", "/metrics", HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData(ServiceInstance.IngestKey, "GET", "/v1/findings", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData(ServiceInstance.IngestKey, "GET", "/metrics", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData(ServiceInstance.AnalystKey, "POST", "/v1/overrides", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData(ServiceInstance.AnalystKey, "GET", "/v1/no-such-thing", HttpStatusCode.NotFound, "not_found")]
    [InlineData(ServiceInstance.AnalystKey, "GET", "/v1/decisions", HttpStatusCode.MethodNotAllowed, "method_not_allowed")]
    [InlineData(ServiceInstance.AdminKey, "DELETE", "/v1/exchanges", HttpStatusCode.MethodNotAllowed, "method_not_allowed")]
    public async Task Api_Refused_AnswersTheApiErrorBody(string? key, string method, string path, HttpStatusCode status, string code)
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await service.Client(key).SendAsync(request, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, await ErrorBodies.AssertApiErrorAsync(response, $"{method} {path}"));
        if (status == HttpStatusCode.Unauthorized)
        {
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Api_OverTheRate_Answers429WithTheApiErrorBody()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, new Dictionary<string, string?>
        {
            ["DistillGuard:Server:ApiRequestsPerSecond"] = "1",
            ["DistillGuard:Server:ApiBurst"] = "1",
        });
        var client = service.Client(ServiceInstance.AnalystKey);
        using (var first = await client.GetAsync("/v1/campaigns", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await client.GetAsync("/v1/campaigns", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("too_many_requests", await ErrorBodies.AssertApiErrorAsync(second));
    }

    [Theory]
    [InlineData("GET", "/taxii2/")]
    [InlineData("POST", "/taxii2/trust-group-a/collections/11111111-1111-4111-8111-111111111111/objects/")]
    public async Task Taxii_WithoutCredentials_AnswersTheTaxiiErrorBody(string method, string path)
    {
        await using var server = await TaxiiTestServer.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await server.Anonymous().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await ErrorBodies.AssertTaxiiErrorAsync(response);
    }

    [Theory]
    [InlineData("PUT", "/taxii2/trust-group-a/collections/11111111-1111-4111-8111-111111111111/objects/")]
    [InlineData("PATCH", "/taxii2/trust-group-a/")]
    public async Task Taxii_MethodThePathDoesNotTake_AnswersTheTaxiiErrorBody(string method, string path)
    {
        await using var server = await TaxiiTestServer.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = TaxiiTestServer.EnvelopeContent("{}") };

        using var response = await server.Alpha().SendAsync(request, Ct);

        await ErrorBodies.AssertTaxiiErrorAsync(response, $"{method} {path}");
    }
}
