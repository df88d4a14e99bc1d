using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Tests.Support;
using DistillGuard.Server.Tests.Taxii;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Server.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of every HTTP endpoint that takes a body or a query, against a real service on 127.0.0.1: mutated
/// bodies (<see cref="Mutator"/>), headers (content type, content encoding, authorization) and TAXII query strings.
/// Every answer is below 500; every 4xx carries its documented error body and leaves the state (exchanges, overrides,
/// the audit log written on the request path, TAXII objects) as it was before the request; the service still answers
/// <c>/healthz</c> at the end. The count is bounded (<see cref="Requests"/> an endpoint).
/// </summary>
public sealed class HttpFuzzTests
{
    private const int Requests = 250;

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/json; charset=utf-16", "application/x-ndjson;;;", "*/*", "application/taxii+json;version=2.0",
        "application/stix+json;version=2.1", "application/json", "application/x-ndjson", TaxiiTestServer.TaxiiMediaType, "multipart/form-data; boundary=x",
    ];

    private static readonly string[] Encodings = ["gzip", "br", "deflate", "identity, gzip", "x-unknown"];

    private static readonly string[] Authorizations =
    [
        "Bearer", "Bearer ", "Bearer not-a-key-of-this-service-at-all", "Basic Zm9vOmJhcg==", "Basic !!!notbase64", "Digest realm=x",
        "Bearer " + new string('k', 8000), "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alpha:wrong")), "bearer a b c",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IngestExchanges_MutatedRequests_NeverAnswer5xxAndRejectedOnesChangeNothing()
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var valid = Encoding.UTF8.GetBytes(ExchangeLines.Body(
            ExchangeLines.Exchange("fz_1", "acct_fuzz", endUser: "u_1"),
            ExchangeLines.Exchange("fz_2", "acct_fuzz", minute: 1)));
        await FuzzBodyAsync(server, 7101, "/v1/exchanges", "application/x-ndjson", valid, ServiceInstance.IngestKey, ApiStateAsync);
    }

    [Fact]
    public async Task IngestLiteLlm_MutatedRequests_NeverAnswer5xxAndRejectedOnesChangeNothing()
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var payload = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "standard_logging_payload.json"), Ct))!;
        var valid = Encoding.UTF8.GetBytes(new JsonArray(payload).ToJsonString());
        await FuzzBodyAsync(server, 7102, "/v1/exchanges/litellm", "application/json", valid, ServiceInstance.IngestKey, ApiStateAsync);
    }

    [Theory]
    [InlineData(new byte[] { 0x5c, 0x75, 0x64, 0x66, 0x66, 0x66 })]
    [InlineData(new byte[] { 0x80, 0x80, 0x80 })]
    [InlineData(new byte[] { 0xff })]
    public async Task IngestLiteLlm_StringNotValidUnicode_Is400AndChangesNothing(byte[] inserted)
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var payload = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "standard_logging_payload.json"), Ct))!;
        var text = new JsonArray(payload).ToJsonString();
        var at = text.IndexOf("call_type", StringComparison.Ordinal) + 4;
        byte[] body = [.. Encoding.UTF8.GetBytes(text[..at]), .. inserted, .. Encoding.UTF8.GetBytes(text[at..])];
        var before = await ApiStateAsync(server);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await server.Service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges/litellm", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ErrorBodies.AssertApiErrorAsync(response);
        Assert.Equal(before, await ApiStateAsync(server));
    }

    [Fact]
    public async Task Decisions_MutatedRequests_NeverAnswer5xxAndRejectedOnesChangeNothing()
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var valid = Encoding.UTF8.GetBytes("""
            {"account_id":"acct_7f3a","end_user_id":"u_55","request":{"model":"m","messages":[{"role":"user","content":"hi"}],"logprobs":true,"top_logprobs":5,"n":4,"max_tokens":9000,"reasoning":{"effort":"high"}}}
            """);
        await FuzzBodyAsync(server, 7103, "/v1/decisions", "application/json", valid, ServiceInstance.IngestKey, ApiStateAsync);
    }

    [Fact]
    public async Task Overrides_MutatedRequests_NeverAnswer5xxAndRejectedOnesChangeNothing()
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var valid = Encoding.UTF8.GetBytes("""
            {"account_id":"acct_evals","end_user_id":"u_1","action":"allow","reason":"contracted evaluation vendor","expires_at":"2999-06-30T00:00:00Z"}
            """);
        await FuzzBodyAsync(server, 7104, "/v1/overrides", "application/json", valid, ServiceInstance.AdminKey, ApiStateAsync);
    }

    [Fact]
    public async Task TaxiiEnvelopes_MutatedRequests_NeverAnswer5xxAndRejectedOnesChangeNothing()
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var valid = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["objects"] = new JsonArray(StixSamples.Indicator(1), StixSamples.Indicator(2, StixSamples.Amber), StixSamples.Campaign(3)),
        }.ToJsonString());
        await FuzzBodyAsync(server, 7105, TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators), TaxiiTestServer.TaxiiMediaType, valid, null, TaxiiStateAsync, taxii: true);
    }

    [Fact]
    public async Task TaxiiPages_MutatedQueries_NeverAnswer5xxAndChangeNothing()
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var alpha = server.Alpha();
        await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(1), StixSamples.Indicator(2), StixSamples.Campaign(3), StixSamples.Observable());
        using var first = await alpha.GetAsync(TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators) + "?limit=1", Ct);
        var realNext = JsonNode.Parse(await first.Content.ReadAsStringAsync(Ct))!["next"]!.GetValue<string>();
        var mutator = new Mutator(7106);
        var anonymous = server.Anonymous();
        string[] paths =
        [
            TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators),
            $"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Indicators}/manifest/",
            $"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Indicators}/objects/{StixSamples.IndicatorId(1)}/",
            $"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Indicators}/objects/{StixSamples.IndicatorId(1)}/versions/",
            $"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Indicators}/objects/indicator--%ff%fe/",
        ];
        string[][] values =
        [
            ["garbage", "g@rb!", realNext, realNext + "A", "", "%00", "%ff%fe", new string('A', 5000), "AQAAAAAAAAAAAA", "____________"],
            ["0", "-1", "abc", "99999999999999", "1", "1.5", "", "%20", "50", "1e3"],
            ["2026-13-01T00:00:00Z", "garbage", "", "9999-12-31T23:59:59.999999Z", "0001-01-01T00:00:00Z", "2026-03-01T10:00:00.000000000000Z", "2026-03-01T10:00:00+01:00", "2026-03-01T10:00:00.Z"],
            [",,,", "indicator--x", StixSamples.IndicatorId(1), string.Join(',', Enumerable.Range(0, 101).Select(StixSamples.IndicatorId)), "%ff", ""],
            ["indicator", "INDICATOR", ",", "%00", new string('t', 300)],
            ["first", "all", "last", "2026-03-01T10:00:00.000Z", "garbage", "first,last,all", ""],
            ["2.1", "2.0", "", ",", "x"],
        ];
        string[] names = ["next", "limit", "added_after", "match[id]", "match[type]", "match[version]", "match[spec_version]"];
        for (var i = 0; i < Requests; i++)
        {
            var query = string.Join('&', Enumerable.Range(0, 1 + mutator.Next(4)).Select(_ =>
            {
                var which = mutator.Next(names.Length);
                return Uri.EscapeDataString(names[which]).Replace("%5B", mutator.Next(2) == 0 ? "[" : "%5B", StringComparison.Ordinal) + "=" + Escape(mutator.Pick(values[which]));
            }));
            var path = mutator.Pick(paths) + "?" + query;
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            var client = alpha;
            var what = "query";
            switch (mutator.Next(8))
            {
                case 0:
                    request.Headers.Accept.Clear();
                    request.Headers.TryAddWithoutValidation("Accept", mutator.Pick<string>(["application/json", "*/*", "text/html", "application/taxii+json;version=2.0", ""]));
                    what = "accept";
                    break;
                case 1:
                    client = anonymous;
                    request.Headers.TryAddWithoutValidation("Authorization", mutator.Pick(Authorizations));
                    what = "authorization";
                    break;
            }

            var before = await TaxiiStateAsync(server);
            using var response = await client.SendAsync(request, Ct);
            await CheckAsync(response, $"GET {path} ({what})", taxii: true, before, () => TaxiiStateAsync(server));
        }

        await AssertAliveAsync(server);
    }

    private static string Escape(string value) =>
        value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value);

    private static async Task FuzzBodyAsync(
        TaxiiTestServer server,
        int seed,
        string path,
        string contentType,
        byte[] valid,
        string? key,
        Func<TaxiiTestServer, Task<string>> state,
        bool taxii = false,
        int[]? excluded = null)
    {
        var mutator = new Mutator(seed) { Excluded = excluded ?? [] };
        var authorized = taxii ? server.Alpha() : server.Service.Client(key);
        var anonymous = server.Anonymous();
        for (var i = 0; i < Requests; i++)
        {
            var body = valid;
            var what = "valid body";
            var client = authorized;
            var headers = mutator.Next(4) == 0;
            if (!headers)
            {
                body = mutator.Mutate(valid, out what);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            if (headers)
            {
                switch (mutator.Next(4))
                {
                    case 0:
                        request.Content.Headers.Remove("Content-Type");
                        what = "no content type";
                        break;
                    case 1:
                        request.Content.Headers.Remove("Content-Type");
                        var type = mutator.Pick(ContentTypes);
                        request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                        what = "content type " + type;
                        break;
                    case 2:
                        var encoding = mutator.Pick(Encodings);
                        request.Content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
                        what = "content encoding " + encoding;
                        break;
                    default:
                        client = anonymous;
                        var authorization = mutator.Pick(Authorizations);
                        request.Headers.TryAddWithoutValidation("Authorization", authorization);
                        what = "authorization " + authorization[..Math.Min(40, authorization.Length)];
                        break;
                }
            }

            var before = await state(server);
            using var response = await client.SendAsync(request, Ct);
            await CheckAsync(response, $"POST {path} #{i} ({what}) body '{Preview(body)}'", taxii, before, () => state(server));
        }

        await AssertAliveAsync(server);
    }

    private static async Task CheckAsync(HttpResponseMessage response, string what, bool taxii, string before, Func<Task<string>> state)
    {
        var status = (int)response.StatusCode;
        if (status < 400)
        {
            return;
        }

        // Kestrel answers a request line or headers over its limits (8 KiB, 32 KiB) itself, before the application.
        if (status is StatusCodes.Status414UriTooLong or StatusCodes.Status431RequestHeaderFieldsTooLarge)
        {
            Assert.True(before == await state(), $"{what}: answered {status} but changed the state");
            return;
        }

        Assert.True(status < 500, $"{what}: {status} {await response.Content.ReadAsStringAsync(Ct)}");
        if (taxii)
        {
            await ErrorBodies.AssertTaxiiErrorAsync(response, what);
        }
        else
        {
            await ErrorBodies.AssertApiErrorAsync(response, what);
        }

        Assert.True(before == await state(), $"{what}: answered {status} but changed the state from {before} to {await state()}");
    }

    private static async Task AssertAliveAsync(TaxiiTestServer server)
    {
        using var health = await server.Anonymous().GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>Exchanges, overrides, and the audit entries written on the request path (enforcement changes are queued apart).</summary>
    private static async Task<string> ApiStateAsync(TaxiiTestServer server)
    {
        var store = server.Service.Service<IServiceStore>();
        var audit = (await store.ReadAuditAsync(0, 1_000_000, Ct)).Count(a => a.Action != "enforcement.changed");
        return $"exchanges={await store.CountExchangesAsync(Ct)} overrides={(await store.ListActiveOverridesAsync(DateTimeOffset.MinValue, Ct)).Count} audit={audit}";
    }

    /// <summary>Every version of every object in every collection (TAXII audit entries are queued, so not counted).</summary>
    private static async Task<string> TaxiiStateAsync(TaxiiTestServer server)
    {
        var store = server.Service.Service<ITaxiiStore>();
        var counts = new List<int>();
        foreach (var collection in new[] { TaxiiTestServer.Indicators, TaxiiTestServer.Reference, TaxiiTestServer.Closed, TaxiiTestServer.Partner })
        {
            var rows = await store.QueryTaxiiObjectsAsync(new TaxiiObjectQueryRecord { CollectionId = collection, MaxTlp = 4, AllVersions = true, Limit = 100_000 }, Ct);
            counts.Add(rows.Count);
        }

        return "objects=" + string.Join('/', counts);
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)));
        return body.Length > 300 ? text + "…" : text;
    }
}
