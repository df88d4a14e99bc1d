using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;

namespace DistillGuard.EndToEnd.Tests;

/// <summary>Two providers of a trust group as two <c>serve</c> processes: <c>share publish</c> on one, <c>share pull</c> into the other, as the README's sharing section does.</summary>
public sealed partial class SharingTests(SimulatedTraffic traffic) : IDisposable
{
    private const string Collection = "5a1e0000-0000-4000-8000-00000000000a";
    private const string Root = "trust-group";
    private const string Password = "b-password-Qm7Xw2Lk9Pz4Rt8Vn3Hs";
    private static readonly string GroupKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("trust-group-key-of-the-test-0123456789"));
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task SharePublishThenPull_TwoServices_ThePullerReceivesThePublishedIndicators()
    {
        using var a = await ServiceProcess.StartAsync(_folder.File("a.db"), "serve", "--settings", await SettingsAsync("a.json", ProviderA()));
        var apiRoot = new Uri(a.Address, $"taxii2/{Root}/").ToString();
        using var b = await ServiceProcess.StartAsync(_folder.File("b.db"), "serve", "--settings", await SettingsAsync("b.json", ProviderB(apiRoot)));
        await ServiceApi.PostExchangesAsync(a.Client, traffic.Lines);

        var publish = await CliProcess.RunAsync("share", "publish", "--service", a.Address.ToString(), "--api-key", ServiceProcess.AdminKey);
        var pull = await CliProcess.RunAsync(
            "share", "pull", "--peer", apiRoot, "--collection", Collection, "--user", "provider-b", "--password", Password,
            "--service", b.Address.ToString(), "--api-key", ServiceProcess.AdminKey, "--name", "provider-a", "--state", _folder.File("provider-a.state"));

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.True(int.Parse(Published().Match(publish.Out).Groups[1].Value) >= 1, publish.Out);
        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.True(File.Exists(_folder.File("provider-a.state")));
        using var audit = await b.Client.GetAsync("v1/audit?after=0&limit=1000", TestContext.Current.CancellationToken);
        Assert.Contains("share.object.received", await audit.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await b.StopAsync());
        Assert.Equal(0, await a.StopAsync());
    }

    public void Dispose() => _folder.Dispose();

    private static JsonObject ProviderA() => new()
    {
        ["Taxii"] = new JsonObject
        {
            ["ApiRoots"] = new JsonArray(new JsonObject { ["Name"] = Root, ["Title"] = "Trust group" }),
            ["Collections"] = new JsonArray(new JsonObject { ["Id"] = Collection, ["ApiRoot"] = Root, ["Title"] = "Provider A's campaign indicators" }),
            ["Peers"] = new JsonArray(new JsonObject
            {
                ["Name"] = "provider-b",
                ["MaxTlp"] = "Amber",
                ["Credentials"] = new JsonArray(new JsonObject { ["Kind"] = "Basic", ["Username"] = "provider-b", ["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Password))) }),
                ["Grants"] = new JsonArray(new JsonObject { ["Collection"] = Collection, ["CanRead"] = true, ["CanWrite"] = true }),
            }),
        },
        ["Sharing"] = Sharing("Provider A", new JsonObject { ["LocalCollection"] = Collection }),
    };

    private static JsonObject ProviderB(string apiRoot) => new()
    {
        ["Sharing"] = Sharing("Provider B", new JsonObject
        {
            ["Peers"] = new JsonArray(new JsonObject
            {
                ["Name"] = "provider-a",
                ["ApiRoot"] = apiRoot,
                ["Collection"] = Collection,
                ["Username"] = "provider-b",
                ["Password"] = Password,
                ["Interval"] = "00:00:00",
                ["SendSightings"] = false,
            }),
        }),
    };

    private static JsonObject Sharing(string producer, JsonObject extra)
    {
        var sharing = new JsonObject
        {
            ["ProducerName"] = producer,
            ["Keys"] = new JsonArray(new JsonObject { ["Epoch"] = 1, ["Key"] = GroupKey, ["ActiveFrom"] = "2020-01-01T00:00:00Z" }),
        };
        foreach (var (name, value) in extra.ToList())
        {
            extra.Remove(name);
            sharing[name] = value;
        }

        return sharing;
    }

    private async Task<string> SettingsAsync(string name, JsonObject section)
    {
        var path = _folder.File(name);
        await File.WriteAllTextAsync(path, new JsonObject { ["DistillGuard"] = section }.ToJsonString(), TestContext.Current.CancellationToken);
        return path;
    }

    [GeneratedRegex(@"share publish: (\d+) campaign\(s\) published")]
    private static partial Regex Published();
}
