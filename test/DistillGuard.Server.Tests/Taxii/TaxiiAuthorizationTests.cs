using System.Net;
using System.Text.Json.Nodes;

namespace DistillGuard.Server.Tests.Taxii;

/// <summary>Grants and TLP levels: what each peer may read and write.</summary>
public sealed class TaxiiAuthorizationTests
{
    private static readonly string Objects = TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators);
    private static readonly string Manifest = $"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Indicators}/manifest/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Backends => ["sqlite", "postgres"];

    /// <summary>One indicator at each TLP level (1 CLEAR ... 5 RED) and one unmarked (6, read as AMBER).</summary>
    private static JsonObject[] EveryLevel() =>
    [
        StixSamples.Indicator(1, StixSamples.Clear),
        StixSamples.Indicator(2, StixSamples.Green),
        StixSamples.Indicator(3, StixSamples.Amber),
        StixSamples.Indicator(4, StixSamples.AmberStrict),
        StixSamples.Indicator(5, StixSamples.Red),
        StixSamples.Indicator(6, marking: null),
    ];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task GetObjects_PeerSeesOnlyUpToItsTlpLevel_AndRedNever(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        await TaxiiTestServer.PostAsync(server.Alpha(), TaxiiTestServer.Indicators, EveryLevel());

        var (_, alpha) = await TaxiiTestServer.GetAsync(server.Alpha(), Objects);
        var (_, beta) = await TaxiiTestServer.GetAsync(server.Beta(), Objects);
        var (_, betaManifest) = await TaxiiTestServer.GetAsync(server.Beta(), Manifest);

        Assert.Equal(new[] { 1, 2, 3, 6 }.Select(StixSamples.IndicatorId), TaxiiObjectTests.Ids(alpha!));
        Assert.Equal(new[] { 1, 2 }.Select(StixSamples.IndicatorId), TaxiiObjectTests.Ids(beta!));
        Assert.Equal(new[] { 1, 2 }.Select(StixSamples.IndicatorId), TaxiiObjectTests.Ids(betaManifest!));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task GetObject_AboveThePeersTlpLevel_Is404LikeAMissingOne(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        await TaxiiTestServer.PostAsync(server.Alpha(), TaxiiTestServer.Indicators, EveryLevel());

        foreach (var n in new[] { 4, 5 })
        {
            using var single = await server.Alpha().GetAsync(Objects + StixSamples.IndicatorId(n) + "/", Ct);
            using var versions = await server.Alpha().GetAsync(Objects + StixSamples.IndicatorId(n) + "/versions/", Ct);
            using var delete = await server.Alpha().DeleteAsync(Objects + StixSamples.IndicatorId(n) + "/", Ct);
            Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }

        using var amberForBeta = await server.Beta().GetAsync(Objects + StixSamples.IndicatorId(3) + "/", Ct);
        Assert.Equal(HttpStatusCode.NotFound, amberForBeta.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task LastVersion_IsTheNewestVersionThePeerMaySee(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        await TaxiiTestServer.PostAsync(server.Alpha(), TaxiiTestServer.Indicators, StixSamples.Indicator(1, StixSamples.Green));
        await TaxiiTestServer.PostAsync(server.Alpha(), TaxiiTestServer.Indicators, StixSamples.Indicator(1, StixSamples.Amber, modified: "2026-03-02T10:00:00.000Z"));

        var (_, alpha) = await TaxiiTestServer.GetAsync(server.Alpha(), Objects);
        var (_, beta) = await TaxiiTestServer.GetAsync(server.Beta(), Objects);

        Assert.Equal("2026-03-02T10:00:00.000Z", alpha!["objects"]![0]!["modified"]!.GetValue<string>());
        Assert.Equal(StixSamples.Created, beta!["objects"]![0]!["modified"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostObjects_ReadOnlyGrant_Is403AndStoresNothing()
    {
        await using var server = await TaxiiTestServer.StartAsync();

        using var beta = await server.Beta().PostAsync(Objects, TaxiiTestServer.Envelope(StixSamples.Indicator(1)), Ct);
        using var alphaOnReference = await server.Alpha().PostAsync(TaxiiTestServer.ObjectsPath(TaxiiTestServer.Reference), TaxiiTestServer.Envelope(StixSamples.Indicator(1)), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, beta.StatusCode);
        await TaxiiProtocolTests.AssertTaxiiErrorAsync(beta, "403");
        Assert.Equal(HttpStatusCode.Forbidden, alphaOnReference.StatusCode);
        var (_, page) = await TaxiiTestServer.GetAsync(server.Alpha(), Objects);
        Assert.Empty(TaxiiObjectTests.Ids(page!));
    }

    [Fact]
    public async Task PostObjects_NoGrant_Is404()
    {
        await using var server = await TaxiiTestServer.StartAsync();

        using var response = await server.Alpha().PostAsync(TaxiiTestServer.ObjectsPath(TaxiiTestServer.Closed), TaxiiTestServer.Envelope(StixSamples.Indicator(1)), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WriteOnlyPeer_CanPostButNotReadObjectsManifestOrStatusOfOthers()
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var gamma = server.Gamma();

        var status = await TaxiiTestServer.PostAsync(gamma, TaxiiTestServer.Indicators, StixSamples.Indicator(1));
        using var objects = await gamma.GetAsync(Objects, Ct);
        using var manifest = await gamma.GetAsync(Manifest, Ct);
        using var single = await gamma.GetAsync(Objects + StixSamples.IndicatorId(1) + "/", Ct);
        using var delete = await gamma.DeleteAsync(Objects + StixSamples.IndicatorId(1) + "/", Ct);
        var (ownStatus, _) = await TaxiiTestServer.GetAsync(gamma, $"/taxii2/{TaxiiTestServer.RootA}/status/{status["id"]}/");
        var (otherStatus, _) = await TaxiiTestServer.GetAsync(server.Alpha(), $"/taxii2/{TaxiiTestServer.RootA}/status/{status["id"]}/");

        Assert.Equal(HttpStatusCode.Forbidden, objects.StatusCode);
        await TaxiiProtocolTests.AssertTaxiiErrorAsync(objects, "403");
        Assert.Equal(HttpStatusCode.Forbidden, manifest.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, single.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherStatus.StatusCode);
        var (_, page) = await TaxiiTestServer.GetAsync(server.Alpha(), Objects);
        Assert.Equal([StixSamples.IndicatorId(1)], TaxiiObjectTests.Ids(page!));
    }

    [Fact]
    public async Task DeleteObject_ReadOnlyGrant_Is403AndKeepsTheObject()
    {
        await using var server = await TaxiiTestServer.StartAsync();
        await TaxiiTestServer.PostAsync(server.Alpha(), TaxiiTestServer.Indicators, StixSamples.Indicator(1));

        using var response = await server.Beta().DeleteAsync(Objects + StixSamples.IndicatorId(1) + "/", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var (_, page) = await TaxiiTestServer.GetAsync(server.Alpha(), Objects);
        Assert.Equal([StixSamples.IndicatorId(1)], TaxiiObjectTests.Ids(page!));
    }

    [Fact]
    public async Task Status_UnknownOrOfAnotherApiRoot_Is404()
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var status = await TaxiiTestServer.PostAsync(server.Beta(), TaxiiTestServer.Closed, StixSamples.Indicator(1));

        var (unknown, _) = await TaxiiTestServer.GetAsync(server.Beta(), $"/taxii2/{TaxiiTestServer.RootA}/status/9b5e2f0c-1d3a-4f6e-8b7c-0a1b2c3d4e5f/");
        var (notAUuid, _) = await TaxiiTestServer.GetAsync(server.Beta(), $"/taxii2/{TaxiiTestServer.RootA}/status/nope/");
        var (otherRoot, _) = await TaxiiTestServer.GetAsync(server.Beta(), $"/taxii2/{TaxiiTestServer.RootB}/status/{status["id"]}/");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAUuid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherRoot.StatusCode);
    }
}
