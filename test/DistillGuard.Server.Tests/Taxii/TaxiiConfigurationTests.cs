using DistillGuard.Server.Tests.Support;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Tests.Taxii;

public sealed class TaxiiConfigurationTests
{
    [Theory]
    [InlineData("DistillGuard:Taxii:Peers:0:MaxTlp", "Red", "TLP:RED is never served to peers")]
    [InlineData("DistillGuard:Taxii:Peers:0:Grants:0:Collection", "55555555-5555-4555-8555-555555555555", "is not a configured collection")]
    [InlineData("DistillGuard:Taxii:Peers:0:Credentials:0:Sha256", "abc", "Sha256 must be 64 hexadecimal digits")]
    [InlineData("DistillGuard:Taxii:Peers:1:Credentials:0:Kind", "Basic", "Basic credentials need a Username")]
    [InlineData("DistillGuard:Taxii:Peers:2:Credentials:0:Username", "alpha", "Username 'alpha' is used twice")]
    [InlineData("DistillGuard:Taxii:Peers:1:Name", "alpha", "Name 'alpha' is used twice")]
    [InlineData("DistillGuard:Taxii:Collections:1:ApiRoot", "nowhere", "ApiRoot 'nowhere' is not a configured API root")]
    [InlineData("DistillGuard:Taxii:Collections:1:Id", TaxiiTestServer.Indicators, "is used twice")]
    [InlineData("DistillGuard:Taxii:ApiRoots:1:Name", "Trust Group B", "must be 1 to 64 lower-case letters")]
    [InlineData("DistillGuard:Taxii:ApiRoots:0:MaxContentLength", "10", "MaxContentLength must be at least 1024")]
    [InlineData("DistillGuard:Taxii:DefaultApiRoot", "nowhere", "DefaultApiRoot 'nowhere' is not a configured API root")]
    [InlineData("DistillGuard:Taxii:MaxPageSize", "0", "MaxPageSize must be in [1, 10000]")]
    public async Task Start_InvalidTaxiiConfiguration_FailsWithTheProblem(string key, string value, string expected)
    {
        await using var store = StoreLocation.Sqlite();
        var configuration = TaxiiTestServer.Configuration();
        configuration[key] = value;

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceInstance.StartAsync(store, configuration));

        Assert.Contains(expected, string.Join("; ", failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutTaxiiConfiguration_ServesAnEmptyDiscoveryToNobody()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        using var response = await service.Client(null).GetAsync("/taxii2/", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
