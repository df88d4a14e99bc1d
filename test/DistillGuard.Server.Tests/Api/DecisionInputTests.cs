using System.Net;
using System.Text;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Api;

/// <summary>A decision request whose JSON names a property twice is ambiguous: 400 with the API's error body.</summary>
public sealed class DecisionInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"account_id":"acct_1","request":{"model":"m","n":1,"n":4}}""")]
    [InlineData("""{"account_id":"acct_1","request":{"model":"m","messages":[{"role":"user","role":"system","content":"hi"}]}}""")]
    [InlineData("""{"account_id":"acct_1","request":{"reasoning":{"effort":"high","effort":"low"}}}""")]
    [InlineData("""{"account_id":"acct_1","account_id":"acct_2"}""")]
    public async Task Decide_DuplicateKey_Is400WithTheApiErrorBody(string body)
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/decisions", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad_request", await ErrorBodies.AssertApiErrorAsync(response));
    }

    [Fact]
    public async Task Override_DuplicateKey_Is400AndStoresNothing()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var body = """{"account_id":"acct_1","action":"allow","action":"block","reason":"vendor","expires_at":"2999-01-01T00:00:00Z"}""";

        using var response = await service.Client(ServiceInstance.AdminKey).PostAsync("/v1/overrides", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ErrorBodies.AssertApiErrorAsync(response);
        var active = await service.Service<DistillGuard.Core.Storage.IServiceStore>().ListActiveOverridesAsync(DateTimeOffset.MinValue, Ct);
        Assert.Empty(active);
    }
}
