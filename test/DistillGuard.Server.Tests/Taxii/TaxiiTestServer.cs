using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Taxii;

/// <summary>
/// A service with a TAXII configuration of two API roots, four collections and three peers, and clients for them.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>alpha (Basic or Bearer, up to TLP:AMBER): indicators read/write, reference read-only; sees nothing of closed or of root b.</item>
/// <item>beta (Bearer, up to TLP:GREEN): indicators read-only, closed read/write, partner (root b) read/write.</item>
/// <item>gamma (Basic, up to TLP:AMBER+STRICT): indicators write-only.</item>
/// </list>
/// </remarks>
public sealed class TaxiiTestServer : IAsyncDisposable
{
    public const string RootA = "trust-group-a";
    public const string RootB = "trust-group-b";
    public const string Indicators = "11111111-1111-4111-8111-111111111111";
    public const string Reference = "22222222-2222-4222-8222-222222222222";
    public const string Closed = "33333333-3333-4333-8333-333333333333";
    public const string Partner = "44444444-4444-4444-8444-444444444444";
    public const string AlphaPassword = "alpha-password-7Hq2vX9kLm4pR8sT";
    public const string AlphaToken = "alpha-token-Zp3Nw8Qx2Lk7Rv5Ty1Bd";
    public const string BetaToken = "beta-token-Mf6Hs2Wq9Xc4Vn8Jz3Pa";
    public const string GammaPassword = "gamma-password-Ye5Ud1Ko7Ri3Tl9Gw";
    public const long MaxContentLength = 16 * 1024;
    public const string TaxiiMediaType = "application/taxii+json;version=2.1";

    private readonly StoreLocation _store;

    private TaxiiTestServer(StoreLocation store, ServiceInstance service)
    {
        _store = store;
        Service = service;
    }

    public ServiceInstance Service { get; }

    public static Dictionary<string, string?> Configuration() => new()
    {
        ["DistillGuard:Taxii:Title"] = "DistillGuard test TAXII server",
        ["DistillGuard:Taxii:Description"] = "Indicators of distillation campaigns",
        ["DistillGuard:Taxii:Contact"] = "soc@provider-a.example",
        ["DistillGuard:Taxii:DefaultApiRoot"] = RootA,
        ["DistillGuard:Taxii:MaxPageSize"] = "50",
        ["DistillGuard:Taxii:ApiRoots:0:Name"] = RootA,
        ["DistillGuard:Taxii:ApiRoots:0:Title"] = "Trust group A",
        ["DistillGuard:Taxii:ApiRoots:0:Description"] = "Providers A, B and C",
        ["DistillGuard:Taxii:ApiRoots:0:MaxContentLength"] = MaxContentLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DistillGuard:Taxii:ApiRoots:1:Name"] = RootB,
        ["DistillGuard:Taxii:ApiRoots:1:Title"] = "Trust group B",
        ["DistillGuard:Taxii:Collections:0:Id"] = Indicators,
        ["DistillGuard:Taxii:Collections:0:ApiRoot"] = RootA,
        ["DistillGuard:Taxii:Collections:0:Title"] = "Campaign indicators",
        ["DistillGuard:Taxii:Collections:0:Description"] = "Indicators of distillation campaigns, pseudonymised",
        ["DistillGuard:Taxii:Collections:1:Id"] = Reference,
        ["DistillGuard:Taxii:Collections:1:ApiRoot"] = RootA,
        ["DistillGuard:Taxii:Collections:1:Title"] = "Reference objects",
        ["DistillGuard:Taxii:Collections:2:Id"] = Closed,
        ["DistillGuard:Taxii:Collections:2:ApiRoot"] = RootA,
        ["DistillGuard:Taxii:Collections:2:Title"] = "Closed",
        ["DistillGuard:Taxii:Collections:3:Id"] = Partner,
        ["DistillGuard:Taxii:Collections:3:ApiRoot"] = RootB,
        ["DistillGuard:Taxii:Collections:3:Title"] = "Partner exchange",
        ["DistillGuard:Taxii:Peers:0:Name"] = "alpha",
        ["DistillGuard:Taxii:Peers:0:MaxTlp"] = "Amber",
        ["DistillGuard:Taxii:Peers:0:Credentials:0:Kind"] = "Basic",
        ["DistillGuard:Taxii:Peers:0:Credentials:0:Username"] = "alpha",
        ["DistillGuard:Taxii:Peers:0:Credentials:0:Sha256"] = Sha256(AlphaPassword),
        ["DistillGuard:Taxii:Peers:0:Credentials:1:Kind"] = "Bearer",
        ["DistillGuard:Taxii:Peers:0:Credentials:1:Sha256"] = Sha256(AlphaToken),
        ["DistillGuard:Taxii:Peers:0:Grants:0:Collection"] = Indicators,
        ["DistillGuard:Taxii:Peers:0:Grants:0:CanRead"] = "true",
        ["DistillGuard:Taxii:Peers:0:Grants:0:CanWrite"] = "true",
        ["DistillGuard:Taxii:Peers:0:Grants:1:Collection"] = Reference,
        ["DistillGuard:Taxii:Peers:0:Grants:1:CanRead"] = "true",
        ["DistillGuard:Taxii:Peers:1:Name"] = "beta",
        ["DistillGuard:Taxii:Peers:1:MaxTlp"] = "Green",
        ["DistillGuard:Taxii:Peers:1:Credentials:0:Kind"] = "Bearer",
        ["DistillGuard:Taxii:Peers:1:Credentials:0:Sha256"] = Sha256(BetaToken),
        ["DistillGuard:Taxii:Peers:1:Grants:0:Collection"] = Indicators,
        ["DistillGuard:Taxii:Peers:1:Grants:0:CanRead"] = "true",
        ["DistillGuard:Taxii:Peers:1:Grants:1:Collection"] = Closed,
        ["DistillGuard:Taxii:Peers:1:Grants:1:CanRead"] = "true",
        ["DistillGuard:Taxii:Peers:1:Grants:1:CanWrite"] = "true",
        ["DistillGuard:Taxii:Peers:1:Grants:2:Collection"] = Partner,
        ["DistillGuard:Taxii:Peers:1:Grants:2:CanRead"] = "true",
        ["DistillGuard:Taxii:Peers:1:Grants:2:CanWrite"] = "true",
        ["DistillGuard:Taxii:Peers:2:Name"] = "gamma",
        ["DistillGuard:Taxii:Peers:2:MaxTlp"] = "AmberStrict",
        ["DistillGuard:Taxii:Peers:2:Credentials:0:Username"] = "gamma",
        ["DistillGuard:Taxii:Peers:2:Credentials:0:Sha256"] = Sha256(GammaPassword),
        ["DistillGuard:Taxii:Peers:2:Grants:0:Collection"] = Indicators,
        ["DistillGuard:Taxii:Peers:2:Grants:0:CanWrite"] = "true",
    };

    public static async Task<TaxiiTestServer> StartAsync(string backend = "sqlite", TimeProvider? time = null)
    {
        var store = await StoreLocation.CreateAsync(backend);
        try
        {
            var service = await ServiceInstance.StartAsync(store, Configuration(), time: time);
            return new TaxiiTestServer(store, service);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Content-Type exactly as the server sent it (HttpClient's parsed value is reformatted).</summary>
    public static string? ContentType(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? string.Join(", ", values) : null;

    /// <summary>Reads a body as UTF-8 without making HttpClient parse (and so reformat) the Content-Type.</summary>
    public static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), Encoding.UTF8);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    public static string Sha256(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string Basic(string username, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));

    public static string ObjectsPath(string collection, string root = RootA) => $"/taxii2/{root}/collections/{collection}/objects/";

    /// <summary>alpha over HTTP Basic.</summary>
    public HttpClient Alpha() => Client(new AuthenticationHeaderValue("Basic", Basic("alpha", AlphaPassword)));

    /// <summary>alpha over Bearer.</summary>
    public HttpClient AlphaBearer() => Client(new AuthenticationHeaderValue("Bearer", AlphaToken));

    public HttpClient Beta() => Client(new AuthenticationHeaderValue("Bearer", BetaToken));

    public HttpClient Gamma() => Client(new AuthenticationHeaderValue("Basic", Basic("gamma", GammaPassword)));

    public HttpClient Anonymous() => Client(null);

    public HttpClient Client(AuthenticationHeaderValue? authorization)
    {
        var client = Service.Client(null);
        client.DefaultRequestHeaders.Authorization = authorization;
        client.DefaultRequestHeaders.Accept.ParseAdd(TaxiiMediaType);
        return client;
    }

    public static StringContent Envelope(params JsonObject[] objects) =>
        EnvelopeContent(new JsonObject { ["objects"] = new JsonArray([.. objects]) }.ToJsonString());

    public static StringContent EnvelopeContent(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMediaType);
        return content;
    }

    /// <summary>Posts an envelope and checks it was accepted with every object a success; returns the status.</summary>
    public static async Task<JsonNode> PostAsync(HttpClient client, string collection, params JsonObject[] objects)
    {
        using var response = await client.PostAsync(ObjectsPath(collection), Envelope(objects), TestContext.Current.CancellationToken);
        var text = await BodyAsync(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, text);
        var status = JsonNode.Parse(text)!;
        Assert.Equal(objects.Length, status["success_count"]!.GetValue<int>());
        return status;
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var text = await BodyAsync(response);
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await _store.DisposeAsync();
    }
}
