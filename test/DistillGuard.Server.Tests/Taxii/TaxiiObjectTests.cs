using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DistillGuard.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DistillGuard.Server.Tests.Taxii;

/// <summary>Objects, manifest, versions and status, on SQLite and PostgreSQL.</summary>
public sealed partial class TaxiiObjectTests
{
    private static readonly string Objects = TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators);
    private static readonly string Manifest = $"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Indicators}/manifest/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Backends => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task PostEnvelope_ValidObjects_Is202WithACompleteStatusThatCanBeReadBack(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        var alpha = server.Alpha();

        var status = await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(1), StixSamples.Campaign(1));

        Assert.Equal("complete", status["status"]!.GetValue<string>());
        Assert.Equal(2, status["total_count"]!.GetValue<int>());
        Assert.Equal(0, status["failure_count"]!.GetValue<int>());
        Assert.Equal(0, status["pending_count"]!.GetValue<int>());
        Assert.Equal(
            [$"{StixSamples.IndicatorId(1)} {StixSamples.Created}", $"campaign--7a1e9b44-2c3d-4e5f-8a6b-000000000001 {StixSamples.Created}"],
            status["successes"]!.AsArray().Select(s => $"{s!["id"]} {s["version"]}"));
        var (response, again) = await TaxiiTestServer.GetAsync(alpha, $"/taxii2/{TaxiiTestServer.RootA}/status/{status["id"]}/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(status.ToJsonString(), again!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task PostEnvelope_SomeInvalidObjects_StoresTheValidOnesAndReportsEachFailure(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        var stix20 = StixSamples.Indicator(2);
        stix20["spec_version"] = "2.0";
        var badId = StixSamples.Indicator(3);
        badId["id"] = "indicator--not-a-uuid";
        var badModified = StixSamples.Indicator(4, modified: "yesterday");
        var wrongType = StixSamples.Indicator(5);
        wrongType["type"] = "campaign";

        using var response = await server.Alpha().PostAsync(Objects, TaxiiTestServer.Envelope(StixSamples.Indicator(1), stix20, badId, badModified, wrongType), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = JsonNode.Parse(await TaxiiTestServer.BodyAsync(response))!;
        Assert.Equal(5, status["total_count"]!.GetValue<int>());
        Assert.Equal(1, status["success_count"]!.GetValue<int>());
        Assert.Equal(4, status["failure_count"]!.GetValue<int>());
        Assert.Equal(
            [StixSamples.IndicatorId(2), "indicator--not-a-uuid", StixSamples.IndicatorId(4), StixSamples.IndicatorId(5)],
            status["failures"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()));
        Assert.All(status["failures"]!.AsArray(), f => Assert.False(string.IsNullOrEmpty(f!["message"]!.GetValue<string>())));
        var (_, page) = await TaxiiTestServer.GetAsync(server.Alpha(), Objects);
        Assert.Equal([StixSamples.IndicatorId(1)], Ids(page!));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task PostEnvelope_SameVersionTwice_IsStoredOnce(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        await TaxiiTestServer.PostAsync(server.Alpha(), TaxiiTestServer.Indicators, StixSamples.Indicator(1), StixSamples.Observable());

        var again = await TaxiiTestServer.PostAsync(server.Alpha(), TaxiiTestServer.Indicators, StixSamples.Indicator(1), StixSamples.Observable(), StixSamples.Indicator(1));

        Assert.All(again["successes"]!.AsArray(), s => Assert.Contains("already", s!["message"]!.GetValue<string>(), StringComparison.Ordinal));
        var (_, manifest) = await TaxiiTestServer.GetAsync(server.Alpha(), Manifest + "?match[version]=all");
        Assert.Equal(2, manifest!["objects"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/taxii+json")]
    [InlineData("application/taxii+json;version=2.0")]
    [InlineData("application/stix+json;version=2.1")]
    public async Task PostEnvelope_WrongContentType_Is415AndStoresNothing(string contentType)
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var content = TaxiiTestServer.Envelope(StixSamples.Indicator(1));
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await server.Alpha().PostAsync(Objects, content, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await TaxiiProtocolTests.AssertTaxiiErrorAsync(response, "415");
        var (_, page) = await TaxiiTestServer.GetAsync(server.Alpha(), Objects);
        Assert.Empty(Ids(page!));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PostEnvelope_OverMaxContentLength_Is413AndStoresNothing(bool chunked)
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var objects = Enumerable.Range(1, 60).Select(i => StixSamples.Indicator(i)).ToArray();
        var body = new JsonObject { ["objects"] = new JsonArray([.. objects]) }.ToJsonString();
        Assert.True(body.Length > TaxiiTestServer.MaxContentLength);
        HttpContent content = TaxiiTestServer.EnvelopeContent(body);
        if (chunked)
        {
            var stream = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
            stream.Headers.ContentType = content.Headers.ContentType;
            content = stream;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Objects) { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await server.Alpha().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await TaxiiProtocolTests.AssertTaxiiErrorAsync(response, "413");
        var (_, page) = await TaxiiTestServer.GetAsync(server.Alpha(), Objects);
        Assert.Empty(Ids(page!));
    }

    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("[]", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"objects": 5}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"objects": ["indicator--0d6f3c2e-5b8a-4c1d-9e7f-000000000001"]}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"objects": [{"type": "indicator", "spec_version": "2.1"}]}""", HttpStatusCode.UnprocessableEntity)]
    public async Task PostEnvelope_Malformed_Is400Or422AsTaxiiError(string body, HttpStatusCode expected)
    {
        await using var server = await TaxiiTestServer.StartAsync();

        using var response = await server.Alpha().PostAsync(Objects, TaxiiTestServer.EnvelopeContent(body), Ct);

        Assert.Equal(expected, response.StatusCode);
        await TaxiiProtocolTests.AssertTaxiiErrorAsync(response, ((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task GetObjects_Filters_MatchIdTypeVersionAndSpecVersion(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        var alpha = server.Alpha();
        await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(1), StixSamples.Indicator(2), StixSamples.Campaign(1));
        await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(1, modified: "2026-03-02T10:00:00.000Z"));
        await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(1, modified: "2026-03-03T10:00:00.000Z"));
        var id1 = StixSamples.IndicatorId(1);
        var id2 = StixSamples.IndicatorId(2);
        const string campaign = "campaign--7a1e9b44-2c3d-4e5f-8a6b-000000000001";

        async Task<IEnumerable<string>> Get(string query)
        {
            var (response, page) = await TaxiiTestServer.GetAsync(alpha, Objects + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return page!["objects"]?.AsArray().Select(o => $"{o!["id"]}@{o["modified"]}") ?? [];
        }

        // Default: the last version of each object, in date_added order.
        Assert.Equal([$"{id2}@{StixSamples.Created}", $"{campaign}@{StixSamples.Created}", $"{id1}@2026-03-03T10:00:00.000Z"], await Get(""));
        Assert.Equal([$"{campaign}@{StixSamples.Created}"], await Get("?match[type]=campaign"));
        Assert.Equal([$"{id2}@{StixSamples.Created}", $"{campaign}@{StixSamples.Created}"], await Get("?match[type]=campaign,indicator&match[id]=" + id2 + "," + campaign));
        Assert.Equal([$"{id1}@{StixSamples.Created}", $"{id2}@{StixSamples.Created}", $"{campaign}@{StixSamples.Created}"], await Get("?match[version]=first"));
        Assert.Equal(5, (await Get("?match[version]=all")).Count());
        Assert.Equal([$"{id1}@2026-03-02T10:00:00.000Z"], await Get("?match[id]=" + id1 + "&match[version]=2026-03-02T10:00:00Z"));
        Assert.Equal([$"{id1}@{StixSamples.Created}", $"{id1}@2026-03-03T10:00:00.000Z"], await Get("?match[id]=" + id1 + "&match[version]=first,last"));
        Assert.Equal(3, (await Get("?match[spec_version]=2.1")).Count());
        Assert.Empty(await Get("?match[spec_version]=2.0"));
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=-3")]
    [InlineData("?limit=ten")]
    [InlineData("?added_after=yesterday")]
    [InlineData("?added_after=2026-03-01T10:00:00")]
    [InlineData("?next=not-a-cursor")]
    [InlineData("?match[version]=newest")]
    [InlineData("?match[type]=")]
    public async Task GetObjects_BadParameter_Is400AsTaxiiError(string query)
    {
        await using var server = await TaxiiTestServer.StartAsync();

        using var objects = await server.Alpha().GetAsync(Objects + query, Ct);
        using var manifest = await server.Alpha().GetAsync(Manifest + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, objects.StatusCode);
        await TaxiiProtocolTests.AssertTaxiiErrorAsync(objects, "400");
        Assert.Equal(HttpStatusCode.BadRequest, manifest.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Paging_ByNextAndByAddedAfter_EachReturnEveryObjectExactlyOnce(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        var alpha = server.Alpha();
        var posted = new List<string>();
        for (var envelope = 0; envelope < 5; envelope++)
        {
            var objects = Enumerable.Range((envelope * 5) + 1, 5).Select(i => StixSamples.Indicator(i)).ToArray();
            await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, objects);
            posted.AddRange(objects.Select(o => o["id"]!.GetValue<string>()));
        }

        var (_, manifestPage) = await TaxiiTestServer.GetAsync(alpha, Manifest);
        var dateAdded = manifestPage!["objects"]!.AsArray().ToDictionary(o => o!["id"]!.GetValue<string>(), o => o!["date_added"]!.GetValue<string>());

        // By next.
        var byNext = new List<string>();
        var sizes = new List<int>();
        string? next = null;
        do
        {
            var (response, page) = await TaxiiTestServer.GetAsync(alpha, Objects + "?limit=7" + (next is null ? "" : "&next=" + Uri.EscapeDataString(next)));
            var ids = Ids(page!);
            sizes.Add(ids.Count);
            byNext.AddRange(ids);
            Assert.Equal(dateAdded[ids[0]], Header(response, "X-TAXII-Date-Added-First"));
            Assert.Equal(dateAdded[ids[^1]], Header(response, "X-TAXII-Date-Added-Last"));
            var more = page!["more"]!.GetValue<bool>();
            next = page["next"]?.GetValue<string>();
            Assert.Equal(more, next is not null);
        }
        while (next is not null);

        // By added_after, resuming after the last date_added of each page.
        var byAddedAfter = new List<string>();
        string? after = null;
        while (true)
        {
            var (response, page) = await TaxiiTestServer.GetAsync(alpha, Objects + "?limit=7" + (after is null ? "" : "&added_after=" + after));
            var ids = Ids(page!);
            if (ids.Count == 0)
            {
                Assert.False(response.Headers.Contains("X-TAXII-Date-Added-Last"));
                break;
            }

            byAddedAfter.AddRange(ids);
            after = Header(response, "X-TAXII-Date-Added-Last");
        }

        Assert.Equal([7, 7, 7, 4], sizes);
        Assert.Equal(posted, byNext);
        Assert.Equal(posted, byAddedAfter);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task DateAdded_WithAStoppedClockAndConcurrentPosts_IsStrictlyIncreasingWithMicroseconds(string backend)
    {
        // Every request sees the same instant, so only the store's assignment keeps date_added apart.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero));
        await using var server = await TaxiiTestServer.StartAsync(backend, time);
        var clients = new[] { server.Alpha(), server.AlphaBearer(), server.Gamma() };

        await Task.WhenAll(Enumerable.Range(0, 9).Select(envelope => TaxiiTestServer.PostAsync(
            clients[envelope % clients.Length],
            TaxiiTestServer.Indicators,
            [.. Enumerable.Range((envelope * 4) + 1, 4).Select(i => StixSamples.Indicator(i))])));

        var (_, manifest) = await TaxiiTestServer.GetAsync(server.Alpha(), Manifest);
        var added = manifest!["objects"]!.AsArray().Select(o => o!["date_added"]!.GetValue<string>()).ToList();
        Assert.Equal(36, added.Count);
        Assert.All(added, a => Assert.Matches(MicrosecondTimestamp(), a));
        Assert.Equal("2026-03-05T12:00:00.000000Z", added[0]);
        for (var i = 1; i < added.Count; i++)
        {
            Assert.True(string.CompareOrdinal(added[i - 1], added[i]) < 0, $"{added[i - 1]} is not before {added[i]}");
        }

        // Within one envelope too, each object has its own date_added, in envelope order.
        var (_, page) = await TaxiiTestServer.GetAsync(server.Alpha(), Manifest + "?match[id]=" + string.Join(',', Enumerable.Range(1, 4).Select(StixSamples.IndicatorId)));
        var envelopeAdded = page!["objects"]!.AsArray().Select(o => o!["date_added"]!.GetValue<string>()).ToList();
        Assert.Equal(4, envelopeAdded.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task GetObject_ReturnsTheLastVersionAndVersionsListsThemAll(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        var alpha = server.Alpha();
        await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(1, modified: "2026-03-03T10:00:00.000Z"));
        await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(1), StixSamples.Indicator(2));
        var path = Objects + StixSamples.IndicatorId(1) + "/";

        var (objectResponse, single) = await TaxiiTestServer.GetAsync(alpha, path);
        var (_, first) = await TaxiiTestServer.GetAsync(alpha, path + "?match[version]=first");
        var (versionsResponse, versions) = await TaxiiTestServer.GetAsync(alpha, path + "versions/");
        var (_, pagedVersions) = await TaxiiTestServer.GetAsync(alpha, path + "versions/?limit=1");

        Assert.Equal(HttpStatusCode.OK, objectResponse.StatusCode);
        Assert.Equal(["2026-03-03T10:00:00.000Z"], single!["objects"]!.AsArray().Select(o => o!["modified"]!.GetValue<string>()));
        Assert.Equal([StixSamples.Created], first!["objects"]!.AsArray().Select(o => o!["modified"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, versionsResponse.StatusCode);
        Assert.Equal(["2026-03-03T10:00:00.000Z", StixSamples.Created], versions!["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.False(versions["more"]!.GetValue<bool>());
        Assert.NotNull(versionsResponse.Headers.GetValues("X-TAXII-Date-Added-First").Single());
        Assert.True(pagedVersions!["more"]!.GetValue<bool>());
        Assert.Single(pagedVersions["versions"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task GetObject_Missing_Is404(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        await TaxiiTestServer.PostAsync(server.Alpha(), TaxiiTestServer.Indicators, StixSamples.Indicator(1));

        using var single = await server.Alpha().GetAsync(Objects + StixSamples.IndicatorId(9) + "/", Ct);
        using var versions = await server.Alpha().GetAsync(Objects + StixSamples.IndicatorId(9) + "/versions/", Ct);

        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
        await TaxiiProtocolTests.AssertTaxiiErrorAsync(single, "404");
        Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task DeleteObject_WithReadAndWrite_RemovesItsVersions(string backend)
    {
        // A stopped clock: only the store's high-water mark keeps a new date_added after a deleted one.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero));
        await using var server = await TaxiiTestServer.StartAsync(backend, time);
        var alpha = server.Alpha();
        await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(1), StixSamples.Indicator(2));
        await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(1, modified: "2026-03-03T10:00:00.000Z"));
        var path = Objects + StixSamples.IndicatorId(1) + "/";

        using var firstOnly = await alpha.DeleteAsync(path + "?match[version]=first", Ct);
        var (versionsResponse, versions) = await TaxiiTestServer.GetAsync(alpha, path + "versions/");
        var lastDeleted = Header(versionsResponse, "X-TAXII-Date-Added-Last");
        using var rest = await alpha.DeleteAsync(path, Ct);
        using var gone = await alpha.GetAsync(path, Ct);
        using var again = await alpha.DeleteAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, firstOnly.StatusCode);
        Assert.Equal(TaxiiTestServer.TaxiiMediaType, TaxiiTestServer.ContentType(firstOnly));
        Assert.Equal(["2026-03-03T10:00:00.000Z"], versions!["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var (_, page) = await TaxiiTestServer.GetAsync(alpha, Objects);
        Assert.Equal([StixSamples.IndicatorId(2)], Ids(page!));

        // date_added keeps increasing after a deletion: the new version is added after the deleted last one.
        await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(1));
        var (_, manifest) = await TaxiiTestServer.GetAsync(alpha, Manifest + "?match[id]=" + StixSamples.IndicatorId(1));
        var readded = manifest!["objects"]!.AsArray().Single()!["date_added"]!.GetValue<string>();
        Assert.True(string.CompareOrdinal(lastDeleted, readded) < 0, $"{readded} is not after {lastDeleted}");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Manifest_ListsVersionMetadataWithHeaders(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        await TaxiiTestServer.PostAsync(server.Alpha(), TaxiiTestServer.Indicators, StixSamples.Indicator(1), StixSamples.Observable());

        var (response, manifest) = await TaxiiTestServer.GetAsync(server.Alpha(), Manifest);

        var records = manifest!["objects"]!.AsArray();
        Assert.Equal(2, records.Count);
        Assert.Equal(StixSamples.Created, records[0]!["version"]!.GetValue<string>());
        Assert.All(records, r => Assert.Equal("application/stix+json;version=2.1", r!["media_type"]!.GetValue<string>()));

        // An observable has no version of its own: its version is its date_added.
        Assert.Equal(records[1]!["date_added"]!.GetValue<string>(), records[1]!["version"]!.GetValue<string>());
        Assert.Equal(records[0]!["date_added"]!.GetValue<string>(), Header(response, "X-TAXII-Date-Added-First"));
        Assert.Equal(records[1]!["date_added"]!.GetValue<string>(), Header(response, "X-TAXII-Date-Added-Last"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task ObjectsReceivedAndServed_AreInTheAuditLogWithThePeerAsActor(string backend)
    {
        await using var server = await TaxiiTestServer.StartAsync(backend);
        await TaxiiTestServer.PostAsync(server.Alpha(), TaxiiTestServer.Indicators, StixSamples.Indicator(1), StixSamples.Indicator(2));
        await TaxiiTestServer.GetAsync(server.Beta(), Objects);
        await TaxiiTestServer.GetAsync(server.Beta(), Objects + StixSamples.IndicatorId(2) + "/");

        // Stopping drains the background audit writer: a barrier, not a wait.
        await server.Service.App.StopAsync(Ct);
        var entries = await server.Service.Service<IServiceStore>().ReadAuditAsync(0, 1000, Ct);

        var taxii = entries.Where(e => e.Action.StartsWith("taxii.", StringComparison.Ordinal)).Select(e => $"{e.Actor} {e.Action} {e.Target}").ToList();
        Assert.Equal(
            [
                $"alpha taxii.object.received stix:{StixSamples.IndicatorId(1)}",
                $"alpha taxii.object.received stix:{StixSamples.IndicatorId(2)}",
                $"beta taxii.object.served stix:{StixSamples.IndicatorId(1)}",
                $"beta taxii.object.served stix:{StixSamples.IndicatorId(2)}",
                $"beta taxii.object.served stix:{StixSamples.IndicatorId(2)}",
            ],
            taxii);
        var detail = JsonNode.Parse(entries.First(e => e.Action == "taxii.object.received").Detail)!;
        Assert.Equal(TaxiiTestServer.Indicators, detail["collection"]!.GetValue<string>());
        Assert.Equal("added", detail["outcome"]!.GetValue<string>());
    }

    internal static List<string> Ids(JsonNode page) =>
        page["objects"]?.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToList() ?? [];

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex MicrosecondTimestamp();
}
