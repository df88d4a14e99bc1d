using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Server.Tests.Taxii;

/// <summary>One server with a few objects, shared by the golden-file tests.</summary>
public sealed class TaxiiGoldenFixture : IAsyncLifetime
{
    public TaxiiTestServer Server { get; private set; } = null!;

    public HttpResponseMessage PostResponse { get; private set; } = null!;

    public string PostBody { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        Server = await TaxiiTestServer.StartAsync();
        var alpha = Server.Alpha();
        await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(1));
        var invalid = StixSamples.Indicator(9);
        invalid["spec_version"] = "2.0";
        PostResponse = await alpha.PostAsync(
            TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators),
            TaxiiTestServer.Envelope(StixSamples.Indicator(1, modified: "2026-03-02T10:00:00.000Z"), StixSamples.Campaign(1), invalid),
            CancellationToken.None);
        PostBody = await TaxiiTestServer.BodyAsync(PostResponse);
        await TaxiiTestServer.PostAsync(alpha, TaxiiTestServer.Indicators, StixSamples.Indicator(2));
    }

    public async ValueTask DisposeAsync()
    {
        PostResponse.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// The TAXII responses compared with golden files (Golden/*.json): status, content type, the TAXII headers and the
/// body, with volatile values (timestamps, status ids, cursors) replaced by placeholders. Set
/// <c>DISTILLGUARD_UPDATE_GOLDEN=1</c> to rewrite the files after an intended change.
/// </summary>
public sealed class TaxiiGoldenTests(TaxiiGoldenFixture fixture) : IClassFixture<TaxiiGoldenFixture>
{
    private const string UpdateVariable = "DISTILLGUARD_UPDATE_GOLDEN";
    private static readonly string Collection = $"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Indicators}/";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("discovery", "/taxii2/")]
    [InlineData("api-root", "/taxii2/trust-group-a/")]
    [InlineData("collections", "/taxii2/trust-group-a/collections/")]
    [InlineData("collection", "/taxii2/trust-group-a/collections/11111111-1111-4111-8111-111111111111/")]
    [InlineData("objects-page", "/taxii2/trust-group-a/collections/11111111-1111-4111-8111-111111111111/objects/?limit=2")]
    [InlineData("manifest", "/taxii2/trust-group-a/collections/11111111-1111-4111-8111-111111111111/manifest/?match[version]=all")]
    [InlineData("versions", "/taxii2/trust-group-a/collections/11111111-1111-4111-8111-111111111111/objects/indicator--0d6f3c2e-5b8a-4c1d-9e7f-000000000001/versions/")]
    [InlineData("object", "/taxii2/trust-group-a/collections/11111111-1111-4111-8111-111111111111/objects/indicator--0d6f3c2e-5b8a-4c1d-9e7f-000000000001/")]
    [InlineData("error-404", "/taxii2/trust-group-a/collections/33333333-3333-4333-8333-333333333333/objects/")]
    [InlineData("error-400", "/taxii2/trust-group-a/collections/11111111-1111-4111-8111-111111111111/objects/?added_after=yesterday")]
    public async Task Get_AsAlpha_MatchesTheGoldenFile(string name, string path)
    {
        using var response = await fixture.Server.Alpha().GetAsync(path, Ct);

        await AssertGoldenAsync(name, response, await TaxiiTestServer.BodyAsync(response));
    }

    [Fact]
    public async Task Status_OfAPostWithAFailure_MatchesTheGoldenFile()
    {
        await AssertGoldenAsync("status-202", fixture.PostResponse, fixture.PostBody);

        var id = JsonNode.Parse(fixture.PostBody)!["id"]!.GetValue<string>();
        using var response = await fixture.Server.Alpha().GetAsync($"/taxii2/{TaxiiTestServer.RootA}/status/{id}/", Ct);
        await AssertGoldenAsync("status", response, await TaxiiTestServer.BodyAsync(response));
    }

    [Fact]
    public async Task Errors_401_403_406_415_MatchTheGoldenFiles()
    {
        using var anonymous = await fixture.Server.Anonymous().GetAsync(Collection + "objects/", Ct);
        await AssertGoldenAsync("error-401", anonymous, await TaxiiTestServer.BodyAsync(anonymous));

        using var readOnly = await fixture.Server.Beta().PostAsync(Collection + "objects/", TaxiiTestServer.Envelope(StixSamples.Indicator(3)), Ct);
        await AssertGoldenAsync("error-403", readOnly, await TaxiiTestServer.BodyAsync(readOnly));

        var json = fixture.Server.Alpha();
        json.DefaultRequestHeaders.Accept.Clear();
        json.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var notAcceptable = await json.GetAsync(Collection, Ct);
        await AssertGoldenAsync("error-406", notAcceptable, await TaxiiTestServer.BodyAsync(notAcceptable));

        using var wrongType = await fixture.Server.Alpha().PostAsync(Collection + "objects/", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        await AssertGoldenAsync("error-415", wrongType, await TaxiiTestServer.BodyAsync(wrongType));
    }

    private static async Task AssertGoldenAsync(string name, HttpResponseMessage response, string body, [CallerFilePath] string source = "")
    {
        var headers = new JsonObject();
        foreach (var (header, values) in response.Headers.Where(h => h.Key.StartsWith("X-TAXII-", StringComparison.OrdinalIgnoreCase)).OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            headers[header] = string.Join(", ", values.Select(_ => "<timestamp>"));
        }

        if (response.Headers.WwwAuthenticate.Count > 0)
        {
            headers["WWW-Authenticate"] = new JsonArray([.. response.Headers.WwwAuthenticate.Select(c => (JsonNode)c.ToString())]);
        }

        var actual = new JsonObject
        {
            ["status"] = (int)response.StatusCode,
            ["content_type"] = TaxiiTestServer.ContentType(response),
            ["headers"] = headers,
            ["body"] = body.Length == 0 ? null : Normalise(JsonNode.Parse(body)!),
        };
        var text = actual.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(Path.GetDirectoryName(source)!, "Golden", name + ".json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, text, Ct);
            return;
        }

        Assert.True(File.Exists(path), $"no golden file {path}; run with {UpdateVariable}=1 to create it");
        Assert.Equal(await File.ReadAllTextAsync(path, Ct), text);
    }

    /// <summary>Replaces what differs from run to run: when objects were added or a request was made, status ids, cursors.</summary>
    private static JsonNode Normalise(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                obj[key] = key switch
                {
                    "date_added" or "request_timestamp" => "<timestamp>",
                    "next" => "<cursor>",
                    "id" when obj.ContainsKey("request_timestamp") => "<status-id>",
                    _ => value is null ? null : Normalise(value.DeepClone()),
                };
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                array[i] = array[i] is { } item ? Normalise(item.DeepClone()) : null;
            }
        }

        return node;
    }
}
