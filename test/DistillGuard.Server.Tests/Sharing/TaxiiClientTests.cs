using System.Net;
using System.Text.Json;
using DistillGuard.Server.Tests.Taxii;
using DistillGuard.Sharing.Taxii;
using Microsoft.Extensions.Time.Testing;

namespace DistillGuard.Server.Tests.Sharing;

/// <summary>The TAXII client against the service's TAXII server on loopback.</summary>
public sealed class TaxiiClientTests
{
    private const string Green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

    [Fact]
    public async Task GetAllObjectsAsync_SmallPagesThenResumeByNextAndByAddedAfter_ReturnsEveryObjectOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TaxiiTestServer.StartAsync();
        using var http = new HttpClient();
        var client = Client(server, http, pageSize: 3);
        var first = Objects(7);
        var status = await client.AddRawObjectsAsync(TaxiiTestServer.Indicators, first, ct);
        Assert.Equal((TaxiiStatus.Complete, 7, 0), (status.Status, status.SuccessCount, status.FailureCount));

        // One page, then stop: the stored cursor holds both next and added_after.
        var page = await client.GetObjectsAsync(TaxiiTestServer.Indicators, TaxiiPullCursor.Start, ct);
        Assert.Equal(3, page.Objects.Count);
        Assert.True(page.More);
        Assert.NotNull(page.Cursor.Next);
        var seen = Ids(page.Objects);
        await foreach (var rest in client.GetAllObjectsAsync(TaxiiTestServer.Indicators, page.Cursor, ct))
        {
            seen.AddRange(Ids(rest.Objects));
            page = rest;
        }

        Assert.Equal(Ids(first), seen);
        Assert.Null(page.Cursor.Next);

        // New objects later: resuming by added_after alone gives exactly them, as does a cursor whose next the server rejects.
        var second = Objects(4);
        await client.AddRawObjectsAsync(TaxiiTestServer.Indicators, second, ct);
        var resumed = new List<string>();
        await foreach (var more in client.GetAllObjectsAsync(TaxiiTestServer.Indicators, page.Cursor with { Next = "not-a-cursor" }, ct))
        {
            resumed.AddRange(Ids(more.Objects));
        }

        Assert.Equal(Ids(second), resumed);
    }

    [Fact]
    public async Task Requests_DiscoveryRootAndCollections_AnswerWhatThePeerMaySee()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TaxiiTestServer.StartAsync();
        using var http = new HttpClient();
        var client = Client(server, http, pageSize: 10);

        var discovery = await client.GetDiscoveryAsync(new Uri(server.Service.BaseAddress, "taxii2/"), ct);
        var root = await client.GetApiRootAsync(ct);
        var collections = await client.GetCollectionsAsync(ct);

        Assert.Contains("/taxii2/" + TaxiiTestServer.RootA + "/", discovery.ApiRoots!);
        Assert.Equal(TaxiiTestServer.MaxContentLength, root.MaxContentLength);
        Assert.Contains(collections, c => c.Id == TaxiiTestServer.Reference && c.CanRead && !c.CanWrite);
    }

    [Fact]
    public async Task Errors_ForbiddenOrHiddenOrUnauthenticated_SurfaceTheTaxiiErrorMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TaxiiTestServer.StartAsync();
        using var http = new HttpClient();
        var client = Client(server, http, pageSize: 10);
        var stranger = new TaxiiClient(http, new TaxiiClientOptions { ApiRoot = ApiRoot(server), Token = "not-a-token-of-this-server" }, TimeProvider.System);

        var readOnly = await Assert.ThrowsAsync<TaxiiException>(() => client.AddRawObjectsAsync(TaxiiTestServer.Reference, Objects(1), ct));
        var hidden = await Assert.ThrowsAsync<TaxiiException>(() => client.GetObjectsAsync(TaxiiTestServer.Closed, TaxiiPullCursor.Start, ct));
        var unauthenticated = await Assert.ThrowsAsync<TaxiiException>(() => stranger.GetCollectionsAsync(ct));

        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Contains("can_write is false", readOnly.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("not-found", hidden.Error?.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    private static TaxiiClient Client(TaxiiTestServer server, HttpClient http, int pageSize) => new(
        http,
        new TaxiiClientOptions { ApiRoot = ApiRoot(server), Username = "alpha", Password = TaxiiTestServer.AlphaPassword, PageSize = pageSize },
        new FakeTimeProvider());

    private static Uri ApiRoot(TaxiiTestServer server) => new(server.Service.BaseAddress, $"taxii2/{TaxiiTestServer.RootA}/");

    private static List<string> Objects(int count) =>
        [.. Enumerable.Range(0, count).Select(i => $$"""
            {"type":"identity","spec_version":"2.1","id":"identity--{{Guid.NewGuid():D}}","created":"2026-11-20T10:00:00.000Z","modified":"2026-11-20T10:00:00.000Z","name":"Peer {{i}}","object_marking_refs":["{{Green}}"]}
            """)];

    private static List<string> Ids(IEnumerable<string> objects) => [.. objects.Select(o => JsonDocument.Parse(o).RootElement.GetProperty("id").GetString()!)];

    private static List<string> Ids(IEnumerable<JsonElement> objects) => [.. objects.Select(o => o.GetProperty("id").GetString()!)];
}
