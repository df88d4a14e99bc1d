using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Taxii;

/// <summary>Discovery, API roots, collections, authentication and content negotiation.</summary>
public sealed class TaxiiProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/taxii2/" },
        { "GET", $"/taxii2/{TaxiiTestServer.RootA}/" },
        { "GET", $"/taxii2/{TaxiiTestServer.RootA}/collections/" },
        { "GET", $"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Indicators}/" },
        { "GET", TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators) },
        { "POST", TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators) },
        { "GET", TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators) + StixSamples.IndicatorId(1) + "/" },
        { "DELETE", TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators) + StixSamples.IndicatorId(1) + "/" },
        { "GET", TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators) + StixSamples.IndicatorId(1) + "/versions/" },
        { "GET", $"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Indicators}/manifest/" },
        { "GET", $"/taxii2/{TaxiiTestServer.RootA}/status/9b5e2f0c-1d3a-4f6e-8b7c-0a1b2c3d4e5f/" },
        { "GET", "/taxii2/no/such/path/" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutCredentials_Is401WithBasicAndBearerChallengesAsTaxiiError(string method, string path)
    {
        await using var server = await TaxiiTestServer.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = TaxiiTestServer.Envelope(StixSamples.Indicator(1));
        }

        using var response = await server.Anonymous().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenges = response.Headers.WwwAuthenticate.Select(c => c.Scheme).ToList();
        Assert.Contains("Basic", challenges);
        Assert.Contains("Bearer", challenges);
        await AssertTaxiiErrorAsync(response, "401");
    }

    [Theory]
    [InlineData("Basic", "alpha:wrong-password")]
    [InlineData("Basic", "nobody:" + TaxiiTestServer.AlphaPassword)]
    [InlineData("Bearer", "not-a-token-of-any-peer")]
    [InlineData("Bearer", ServiceInstance.AdminKey)]
    public async Task Discovery_WithWrongCredentials_Is401(string scheme, string secret)
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var parameter = scheme == "Basic" ? Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)) : secret;

        using var response = await server.Client(new AuthenticationHeaderValue(scheme, parameter)).GetAsync("/taxii2/", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertTaxiiErrorAsync(response, "401");
    }

    [Fact]
    public async Task V1Api_WithTaxiiPeerToken_Is401_AndApiKeysStillWork()
    {
        await using var server = await TaxiiTestServer.StartAsync();

        using var peer = await server.AlphaBearer().GetAsync("/v1/findings", Ct);
        using var key = await server.Service.Client(ServiceInstance.AnalystKey).GetAsync("/v1/findings", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, peer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, key.StatusCode);
    }

    [Fact]
    public async Task Discovery_BasicAndBearer_ListOnlyTheApiRootsThePeerHasGrantsIn()
    {
        await using var server = await TaxiiTestServer.StartAsync();

        var (basic, alpha) = await TaxiiTestServer.GetAsync(server.Alpha(), "/taxii2/");
        var (bearer, alphaBearer) = await TaxiiTestServer.GetAsync(server.AlphaBearer(), "/taxii2/");
        var (_, beta) = await TaxiiTestServer.GetAsync(server.Beta(), "/taxii2/");

        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Equal(TaxiiTestServer.TaxiiMediaType, TaxiiTestServer.ContentType(basic));
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(["/taxii2/trust-group-a/"], alpha!["api_roots"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(alpha.ToJsonString(), alphaBearer!.ToJsonString());
        Assert.Equal("/taxii2/trust-group-a/", alpha["default"]!.GetValue<string>());
        Assert.Equal(["/taxii2/trust-group-a/", "/taxii2/trust-group-b/"], beta!["api_roots"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/taxii+json;version=2.0")]
    [InlineData("text/html")]
    [InlineData("application/stix+json;version=2.1")]
    public async Task Endpoint_AcceptNotAllowingTaxii21_Is406AsTaxiiError(string accept)
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var client = server.Alpha();
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);

        using var discovery = await client.GetAsync("/taxii2/", Ct);
        using var objects = await client.GetAsync(TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators), Ct);

        Assert.Equal(HttpStatusCode.NotAcceptable, discovery.StatusCode);
        await AssertTaxiiErrorAsync(discovery, "406");
        Assert.Equal(HttpStatusCode.NotAcceptable, objects.StatusCode);
    }

    [Theory]
    [InlineData("application/taxii+json;version=2.1")]
    [InlineData("application/taxii+json")]
    [InlineData("application/taxii+json; version=2.1")]
    [InlineData("*/*")]
    [InlineData("application/json, application/taxii+json;version=2.1;q=0.5")]
    public async Task Endpoint_AcceptAllowingTaxii21_IsOk(string accept)
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var client = server.Alpha();
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);

        using var response = await client.GetAsync("/taxii2/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TaxiiTestServer.TaxiiMediaType, TaxiiTestServer.ContentType(response));
    }

    [Fact]
    public async Task ApiRoot_Granted_DescribesVersionsAndMaxContentLength()
    {
        await using var server = await TaxiiTestServer.StartAsync();

        var (response, root) = await TaxiiTestServer.GetAsync(server.Alpha(), $"/taxii2/{TaxiiTestServer.RootA}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Trust group A", root!["title"]!.GetValue<string>());
        Assert.Equal([TaxiiTestServer.TaxiiMediaType], root["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(TaxiiTestServer.MaxContentLength, root["max_content_length"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(TaxiiTestServer.RootB)]
    [InlineData("no-such-root")]
    public async Task ApiRoot_NotGrantedOrMissing_Is404(string root)
    {
        await using var server = await TaxiiTestServer.StartAsync();

        using var apiRoot = await server.Alpha().GetAsync($"/taxii2/{root}/", Ct);
        using var collections = await server.Alpha().GetAsync($"/taxii2/{root}/collections/", Ct);

        Assert.Equal(HttpStatusCode.NotFound, apiRoot.StatusCode);
        await AssertTaxiiErrorAsync(apiRoot, "404");
        Assert.Equal(HttpStatusCode.NotFound, collections.StatusCode);
    }

    [Fact]
    public async Task Collections_ListOnlyGrantedCollectionsWithThePeersCanReadAndCanWrite()
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var path = $"/taxii2/{TaxiiTestServer.RootA}/collections/";

        var (_, alpha) = await TaxiiTestServer.GetAsync(server.Alpha(), path);
        var (_, beta) = await TaxiiTestServer.GetAsync(server.Beta(), path);
        var (_, gamma) = await TaxiiTestServer.GetAsync(server.Gamma(), path);

        static IEnumerable<string> Describe(JsonNode list) => list["collections"]!.AsArray().Select(c =>
            $"{c!["id"]} read={c["can_read"]} write={c["can_write"]} {c["media_types"]![0]}");
        Assert.Equal(
            [
                $"{TaxiiTestServer.Indicators} read=true write=true application/stix+json;version=2.1",
                $"{TaxiiTestServer.Reference} read=true write=false application/stix+json;version=2.1",
            ],
            Describe(alpha!));
        Assert.Equal(
            [
                $"{TaxiiTestServer.Indicators} read=true write=false application/stix+json;version=2.1",
                $"{TaxiiTestServer.Closed} read=true write=true application/stix+json;version=2.1",
            ],
            Describe(beta!));
        Assert.Equal([$"{TaxiiTestServer.Indicators} read=false write=true application/stix+json;version=2.1"], Describe(gamma!));
    }

    [Fact]
    public async Task Collection_NotGranted_IsIndistinguishableFromAMissingOne()
    {
        await using var server = await TaxiiTestServer.StartAsync();
        const string missing = "55555555-5555-4555-8555-555555555555";

        foreach (var suffix in new[] { "", "objects/", "manifest/", $"objects/{StixSamples.IndicatorId(1)}/", $"objects/{StixSamples.IndicatorId(1)}/versions/" })
        {
            using var closed = await server.Alpha().GetAsync($"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Closed}/{suffix}", Ct);
            using var absent = await server.Alpha().GetAsync($"/taxii2/{TaxiiTestServer.RootA}/collections/{missing}/{suffix}", Ct);

            Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
            var closedBody = (await TaxiiTestServer.BodyAsync(closed)).Replace(TaxiiTestServer.Closed, "<id>", StringComparison.Ordinal);
            var absentBody = (await TaxiiTestServer.BodyAsync(absent)).Replace(missing, "<id>", StringComparison.Ordinal);
            Assert.Equal(absentBody, closedBody);
            Assert.Equal(TaxiiTestServer.ContentType(absent), TaxiiTestServer.ContentType(closed));
        }

        // A collection of another API root is not in this one.
        using var elsewhere = await server.Beta().GetAsync($"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Partner}/", Ct);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_UnderTaxii2_Is404AsTaxiiError()
    {
        await using var server = await TaxiiTestServer.StartAsync();

        using var response = await server.Alpha().GetAsync($"/taxii2/{TaxiiTestServer.RootA}/nothing-here/", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertTaxiiErrorAsync(response, "404");
    }

    internal static async Task AssertTaxiiErrorAsync(HttpResponseMessage response, string status)
    {
        Assert.Equal(TaxiiTestServer.TaxiiMediaType, TaxiiTestServer.ContentType(response));
        var error = JsonNode.Parse(await TaxiiTestServer.BodyAsync(response))!;
        Assert.Equal(status, error["http_status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["title"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(error["description"]!.GetValue<string>()));
    }
}
