using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Server.Hosting;
using DistillGuard.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;

namespace DistillGuard.Server.Tests.Api;

/// <summary>
/// The configured keys are the truth at every start (a removed key stops working, a changed role applies,
/// DISTILLGUARD_ADMIN_KEY is one more configured admin key), and keys created through the key-admin API are kept
/// until revoked; each across real restarts on one SQLite file.
/// </summary>
public sealed class KeyTests
{
    private const string KeyA = "key-a-0123456789abcdefghijklmnop";
    private const string KeyB = "key-b-0123456789abcdefghijklmnop";
    private const string KeyC = "key-c-0123456789abcdefghijklmnop";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_KeyRemovedFromSettings_StopsWorking()
    {
        await using var store = StoreLocation.Sqlite();
        await using (var first = await Service.StartAsync(store, Keys(("a", "Admin", KeyA), ("b", "Analyst", KeyB))))
        {
            Assert.Equal(HttpStatusCode.OK, await first.StatusAsync(KeyB, "/v1/audit"));
        }

        await using var second = await Service.StartAsync(store, Keys(("a", "Admin", KeyA)));

        Assert.Equal(HttpStatusCode.Unauthorized, await second.StatusAsync(KeyB, "/v1/audit"));
        Assert.Equal(HttpStatusCode.OK, await second.StatusAsync(KeyA, "/v1/audit"));
        var audit = await AuditActionsAsync(second, KeyA);
        Assert.Contains("key.removed", audit);
    }

    [Fact]
    public async Task Restart_RoleLowered_AppliesTheNewRole()
    {
        await using var store = StoreLocation.Sqlite();
        await using (var first = await Service.StartAsync(store, Keys(("a", "Admin", KeyA), ("b", "Admin", KeyB))))
        {
            Assert.Equal(HttpStatusCode.OK, await first.StatusAsync(KeyB, "/v1/audit"));
        }

        await using var second = await Service.StartAsync(store, Keys(("a", "Admin", KeyA), ("b", "Ingest", KeyB)));

        Assert.Equal(HttpStatusCode.Forbidden, await second.StatusAsync(KeyB, "/v1/audit"));
        var keys = await ListKeysAsync(second, KeyA);
        Assert.Equal("ingest", Named(keys, "b")["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Restart_ConfiguredBySha256_IsTheSameKeyAsConfiguredByValue()
    {
        await using var store = StoreLocation.Sqlite();
        await using (var first = await Service.StartAsync(store, Keys(("a", "Admin", KeyA))))
        {
            Assert.Equal(HttpStatusCode.OK, await first.StatusAsync(KeyA, "/v1/audit"));
        }

        var byHash = new Dictionary<string, string?>
        {
            ["DistillGuard:Server:Keys:0:Name"] = "a",
            ["DistillGuard:Server:Keys:0:Role"] = "Analyst",
            ["DistillGuard:Server:Keys:0:Sha256"] = Taxii.TaxiiTestServer.Sha256(KeyA),
        };
        await using var second = await Service.StartAsync(store, byHash, adminKey: KeyC);

        Assert.Equal(HttpStatusCode.Forbidden, await second.StatusAsync(KeyA, "/v1/keys"));
        Assert.Equal(HttpStatusCode.OK, await second.StatusAsync(KeyA, "/v1/audit"));
    }

    [Fact]
    public async Task AdminKeyVariable_WithServerKeys_AddsAnAdminKey()
    {
        await using var store = StoreLocation.Sqlite();

        await using var service = await Service.StartAsync(store, Keys(("gateway", "Ingest", KeyA)), adminKey: KeyB);

        Assert.Equal(HttpStatusCode.OK, await service.StatusAsync(KeyB, "/v1/keys"));
        Assert.Equal(HttpStatusCode.Forbidden, await service.StatusAsync(KeyA, "/v1/keys"));
        var admin = Named(await ListKeysAsync(service, KeyB), "admin");
        Assert.Equal("admin", admin["role"]!.GetValue<string>());
        Assert.Equal("configured", admin["origin"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminKeyVariable_ChangedOnAnExistingDatabase_NewKeyWorksAndTheOldOneStops()
    {
        await using var store = StoreLocation.Sqlite();
        await using (var first = await Service.StartAsync(store, [], adminKey: KeyA))
        {
            Assert.Equal(HttpStatusCode.OK, await first.StatusAsync(KeyA, "/v1/keys"));
        }

        await using var second = await Service.StartAsync(store, [], adminKey: KeyB);

        Assert.Equal(HttpStatusCode.OK, await second.StatusAsync(KeyB, "/v1/keys"));
        Assert.Equal(HttpStatusCode.Unauthorized, await second.StatusAsync(KeyA, "/v1/keys"));
    }

    [Fact]
    public async Task AdminKeyVariable_UnsetWhileServerKeysRemain_TheKeyItGaveStops()
    {
        await using var store = StoreLocation.Sqlite();
        await using (var first = await Service.StartAsync(store, Keys(("a", "Admin", KeyA)), adminKey: KeyB))
        {
            Assert.Equal(HttpStatusCode.OK, await first.StatusAsync(KeyB, "/v1/keys"));
        }

        await using var second = await Service.StartAsync(store, Keys(("a", "Admin", KeyA)));

        Assert.Equal(HttpStatusCode.Unauthorized, await second.StatusAsync(KeyB, "/v1/keys"));
        Assert.Equal(HttpStatusCode.OK, await second.StatusAsync(KeyA, "/v1/keys"));
    }

    [Fact]
    public async Task AdminKeyVariable_SameKeyAsAServerKey_RefusesToStart()
    {
        await using var store = StoreLocation.Sqlite();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Service.StartAsync(store, Keys(("a", "Ingest", KeyA)), adminKey: KeyA));

        Assert.Contains("DISTILLGUARD_ADMIN_KEY is the same key as Server:Keys:0 ('a')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoKeyAnywhere_GeneratesOneKeptUntilKeysAreConfigured()
    {
        await using var store = StoreLocation.Sqlite();
        var console = new StringWriter();
        await using (await Service.StartAsync(store, [], console: console))
        {
        }

        var generated = console.ToString().Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("dg_", StringComparison.Ordinal));
        await using (var again = await Service.StartAsync(store, []))
        {
            Assert.Equal(HttpStatusCode.OK, await again.StatusAsync(generated, "/v1/keys"));
        }

        await using var configured = await Service.StartAsync(store, Keys(("a", "Admin", KeyA)));

        Assert.Equal(HttpStatusCode.Unauthorized, await configured.StatusAsync(generated, "/v1/keys"));
    }

    [Fact]
    public async Task KeyApi_CreateListRevoke_WorksAtOnceSurvivesRestartsAndIsAudited()
    {
        await using var store = StoreLocation.Sqlite();
        string created;
        string keyId;
        await using (var first = await Service.StartAsync(store, Keys(("a", "Admin", KeyA))))
        {
            using var response = await first.Client(KeyA).PostAsync("/v1/keys", Json("""{"name":"litellm-proxy","role":"ingest"}"""), Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            created = body["key"]!.GetValue<string>();
            keyId = body["key_id"]!.GetValue<string>();
            Assert.Equal("api", body["origin"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, await first.StatusAsync(created, "/v1/decisions", Json("""{"account_id":"acct_1"}""")));
            Assert.Equal(HttpStatusCode.Forbidden, await first.StatusAsync(created, "/v1/audit"));
        }

        await using var second = await Service.StartAsync(store, Keys(("a", "Admin", KeyA)));
        Assert.Equal(HttpStatusCode.OK, await second.StatusAsync(created, "/v1/decisions", Json("""{"account_id":"acct_1"}""")));
        var listed = await ListKeysAsync(second, KeyA);
        var entry = listed.Single(k => k!["key_id"]!.GetValue<string>() == keyId)!;
        Assert.Equal("litellm-proxy", entry["name"]!.GetValue<string>());
        Assert.Equal(12, entry["hash_prefix"]!.GetValue<string>().Length);
        Assert.DoesNotContain(created, listed.ToJsonString(), StringComparison.Ordinal);
        Assert.All(listed, k => Assert.Null(k!["key"]));

        using (var revoke = await second.Client(KeyA).DeleteAsync($"/v1/keys/{keyId}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await second.StatusAsync(created, "/v1/decisions", Json("""{"account_id":"acct_1"}""")));
        var audit = await AuditActionsAsync(second, KeyA);
        Assert.Contains("key.created", audit);
        Assert.Contains("key.listed", audit);
        Assert.Contains("key.revoked", audit);
    }

    [Theory]
    [InlineData("POST", "/v1/keys", """{"name":"a","role":"ingest"}""", HttpStatusCode.Conflict)]
    [InlineData("POST", "/v1/keys", """{"name":"x","role":"root"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/v1/keys", """{"name":"has space","role":"ingest"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/v1/keys", """{"role":"ingest"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/v1/keys", """{"name":["x"],"role":"ingest"}""", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "/v1/keys/key_000000000000", null, HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/v1/keys/CONFIGURED", null, HttpStatusCode.Conflict)]
    public async Task KeyApi_BadRequest_AnswersTheErrorAndChangesNothing(string method, string path, string? body, HttpStatusCode expected)
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await Service.StartAsync(store, Keys(("a", "Admin", KeyA)));
        var before = (await ListKeysAsync(service, KeyA)).ToJsonString();
        var configuredId = "key_" + Taxii.TaxiiTestServer.Sha256(KeyA)[..12];
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("CONFIGURED", configuredId, StringComparison.Ordinal))
        {
            Content = body is null ? null : Json(body),
        };

        using var response = await service.Client(KeyA).SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
        await ErrorBodies.AssertApiErrorAsync(response);
        Assert.Equal(before, (await ListKeysAsync(service, KeyA)).ToJsonString());
    }

    [Theory]
    [InlineData("Analyst", "GET", "/v1/keys")]
    [InlineData("Ingest", "POST", "/v1/keys")]
    [InlineData("Analyst", "DELETE", "/v1/keys/key_000000000000")]
    public async Task KeyApi_NotAdmin_Is403(string role, string method, string path)
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await Service.StartAsync(store, Keys(("a", "Admin", KeyA), ("b", role, KeyB)));
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("""{"name":"x","role":"admin"}""") };

        using var response = await service.Client(KeyB).SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Dictionary<string, string?> Keys(params (string Name, string Role, string Key)[] keys)
    {
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++)
        {
            values[$"DistillGuard:Server:Keys:{i}:Name"] = keys[i].Name;
            values[$"DistillGuard:Server:Keys:{i}:Role"] = keys[i].Role;
            values[$"DistillGuard:Server:Keys:{i}:Key"] = keys[i].Key;
        }

        return values;
    }

    private static async Task<JsonArray> ListKeysAsync(Service service, string key) =>
        (await ServiceJson.GetAsync(service.Client(key), "/v1/keys"))["keys"]!.AsArray();

    private static JsonNode Named(JsonArray keys, string name) => keys.Single(k => k!["name"]!.GetValue<string>() == name)!;

    private static async Task<List<string>> AuditActionsAsync(Service service, string key) =>
        [.. (await ServiceJson.GetAsync(service.Client(key), "/v1/audit?limit=1000"))["entries"]!.AsArray().Select(e => e!["action"]!.GetValue<string>())];

    /// <summary>A service with exactly the keys given (not <see cref="ServiceInstance"/>'s three).</summary>
    private sealed class Service : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<HttpClient> _clients = [];

        private Service(WebApplication app) => _app = app;

        public static async Task<Service> StartAsync(StoreLocation store, Dictionary<string, string?> configuration, string? adminKey = null, TextWriter? console = null)
        {
            var app = DistillGuardServer.Build(new ServerSettings
            {
                Urls = ["http://127.0.0.1:0"],
                SqlitePath = store.SqlitePath!,
                Configuration = configuration,
                AdminKeyFromEnvironment = adminKey,
                Console = console ?? TextWriter.Null,
            });
            try
            {
                await app.StartAsync(Ct);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            return new Service(app);
        }

        public HttpClient Client(string key)
        {
            var client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            _clients.Add(client);
            return client;
        }

        public async Task<HttpStatusCode> StatusAsync(string key, string path, HttpContent? content = null)
        {
            using var response = content is null ? await Client(key).GetAsync(path, Ct) : await Client(key).PostAsync(path, content, Ct);
            return response.StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }
}
