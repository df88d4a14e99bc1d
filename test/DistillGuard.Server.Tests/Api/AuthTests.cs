using System.Net;
using System.Text;
using DistillGuard.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DistillGuard.Server.Tests.Api;

public sealed class AuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_WithoutKey_IsOk()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        using var response = await service.Client(null).GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/findings")]
    [InlineData("GET", "/v1/subjects/acct_1")]
    [InlineData("GET", "/v1/campaigns")]
    [InlineData("GET", "/v1/campaigns/cmp_0001")]
    [InlineData("GET", "/v1/audit")]
    [InlineData("GET", "/metrics")]
    [InlineData("POST", "/v1/exchanges")]
    [InlineData("POST", "/v1/exchanges/litellm")]
    [InlineData("POST", "/v1/decisions")]
    [InlineData("POST", "/v1/overrides")]
    public async Task Endpoint_WithoutKey_Is401WithChallenge(string method, string path)
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await service.Client(null).SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoint_WithUnknownKey_Is401()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        using var response = await service.Client("not-a-key-of-this-service-at-all").GetAsync("/v1/findings", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(ServiceInstance.IngestKey, "GET", "/v1/findings", HttpStatusCode.Forbidden)]
    [InlineData(ServiceInstance.IngestKey, "GET", "/v1/audit", HttpStatusCode.Forbidden)]
    [InlineData(ServiceInstance.IngestKey, "GET", "/metrics", HttpStatusCode.Forbidden)]
    [InlineData(ServiceInstance.IngestKey, "POST", "/v1/overrides", HttpStatusCode.Forbidden)]
    [InlineData(ServiceInstance.AnalystKey, "POST", "/v1/exchanges", HttpStatusCode.Forbidden)]
    [InlineData(ServiceInstance.AnalystKey, "POST", "/v1/overrides", HttpStatusCode.Forbidden)]
    [InlineData(ServiceInstance.AnalystKey, "GET", "/v1/findings", HttpStatusCode.OK)]
    [InlineData(ServiceInstance.AnalystKey, "GET", "/metrics", HttpStatusCode.OK)]
    [InlineData(ServiceInstance.IngestKey, "POST", "/v1/exchanges", HttpStatusCode.OK)]
    [InlineData(ServiceInstance.IngestKey, "POST", "/v1/decisions", HttpStatusCode.OK)]
    [InlineData(ServiceInstance.AnalystKey, "POST", "/v1/decisions", HttpStatusCode.OK)]
    [InlineData(ServiceInstance.AdminKey, "GET", "/v1/audit", HttpStatusCode.OK)]
    [InlineData(ServiceInstance.AdminKey, "POST", "/v1/exchanges", HttpStatusCode.OK)]
    public async Task Endpoint_ByRole_AllowsOrForbids(string key, string method, string path, HttpStatusCode expected)
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Content = path switch
        {
            "/v1/exchanges" => ExchangeLines.Ndjson(ExchangeLines.Body(ExchangeLines.Exchange("ex_1", "acct_1"))),
            "/v1/decisions" => new StringContent("""{"account_id":"acct_1"}""", Encoding.UTF8, "application/json"),
            "/v1/overrides" => new StringContent("""{"account_id":"acct_1","action":"allow","reason":"vendor","expires_at":"2999-01-01T00:00:00Z"}""", Encoding.UTF8, "application/json"),
            _ => null,
        };

        using var response = await service.Client(key).SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Api_OverThePerKeyRate_Is429WithRetryAfter()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, new Dictionary<string, string?>
        {
            ["DistillGuard:Server:ApiRequestsPerSecond"] = "1",
            ["DistillGuard:Server:ApiBurst"] = "3",
        });
        var client = service.Client(ServiceInstance.AnalystKey);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.GetAsync("/v1/campaigns", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);

        // Another key has its own budget.
        using var other = await service.Client(ServiceInstance.AdminKey).GetAsync("/v1/campaigns", Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Api_PerKeyRate_IsReplenishedFromTheServicesClock()
    {
        // Two requests a second, a burst of two: the third is refused until the service's clock (not the wall clock)
        // has moved on by half a second.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, new Dictionary<string, string?>
        {
            ["DistillGuard:Server:ApiRequestsPerSecond"] = "2",
            ["DistillGuard:Server:ApiBurst"] = "2",
        }, time: time);
        var client = service.Client(ServiceInstance.AnalystKey);
        async Task<HttpStatusCode> GetAsync()
        {
            using var response = await client.GetAsync("/v1/campaigns", Ct);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await GetAsync());
        Assert.Equal(HttpStatusCode.OK, await GetAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync());

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(HttpStatusCode.OK, await GetAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync());
    }
}
