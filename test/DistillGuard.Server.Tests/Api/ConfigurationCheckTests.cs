using DistillGuard.Server.Hosting;
using DistillGuard.Server.Tests.Support;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Tests.Api;

/// <summary>Unknown settings, values that do not convert and out-of-range numbers stop the start, each named by its path.</summary>
public sealed class ConfigurationCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("DistillGuard:Policies:Rules:0:Action", "Nuke", "DistillGuard:Policies:Rules:0:Action: 'Nuke' is not one of allow, degrade, throttle, challenge, block")]
    [InlineData("DistillGuard:Policies:Rules:0:MinVerdict", "Suspicous", "DistillGuard:Policies:Rules:0:MinVerdict: 'Suspicous' is not one of benign, suspicious, distillation")]
    [InlineData("DistillGuard:Policies:Rules:0:MinScore", "high", "DistillGuard:Policies:Rules:0:MinScore: 'high' is not a finite number")]
    [InlineData("DistillGuard:Policies:Rules:0:Signalz:novelty", "0.5", "DistillGuard:Policies:Rules:0:Signalz: unknown setting; known: Name, MinVerdict")]
    [InlineData("DistillGuard:Policies:Rulez:0:Name", "x", "DistillGuard:Policies:Rulez: unknown setting; known: Rules, Degrade, Throttle")]
    [InlineData("DistillGuard:Policies:Throttle:Period", "a minute", "DistillGuard:Policies:Throttle:Period: 'a minute' is not a duration")]
    [InlineData("DistillGuard:Servr:MaxJsonDepth", "8", "DistillGuard:Servr: unknown section; known: Server, Policies, Engine, Ingest, Gateway, Taxii, Sharing")]
    [InlineData("DistillGuard:Server:MaxRequestBodyBytes", "-5", "Server:MaxRequestBodyBytes must be at least 1024; it is -5")]
    [InlineData("DistillGuard:Server:MaxJsonDepth", "deep", "DistillGuard:Server:MaxJsonDepth: 'deep' is not an integer")]
    [InlineData("DistillGuard:Server:ApiBurst", "99999999999", "DistillGuard:Server:ApiBurst: '99999999999' is not an integer in [-2147483648, 2147483647]")]
    [InlineData("DistillGuard:Server:Keys:0:Role", "Root", "DistillGuard:Server:Keys:0:Role: 'Root' is not one of ingest, analyst, admin")]
    [InlineData("DistillGuard:Server:Keys:0:Secret", "x", "DistillGuard:Server:Keys:0:Secret: unknown setting")]
    [InlineData("DistillGuard:Server:Keys:1:Key", ServiceInstance.AdminKey, "Server:Keys:1 ('analyst-test') is the same key as an earlier one")]
    [InlineData("DistillGuard:Engine:CheckpointInterval", "5 minutes", "DistillGuard:Engine:CheckpointInterval: '5 minutes' is not a duration")]
    [InlineData("DistillGuard:Engine:StorePromptText", "yes", "DistillGuard:Engine:StorePromptText: 'yes' is not true or false")]
    [InlineData("DistillGuard:Ingest:Mode", "kafka", "DistillGuard:Ingest:Mode: 'kafka' is not one of journal, nats")]
    [InlineData("DistillGuard:Ingest:Nats:PublishTimeout", "soon", "DistillGuard:Ingest:Nats:PublishTimeout: 'soon' is not a duration")]
    [InlineData("DistillGuard:Gateway:TrustedProxies", "127.0.0.1", "DistillGuard:Gateway:TrustedProxies: expects a section (a list), not the value '127.0.0.1'")]
    [InlineData("DistillGuard:Gateway:TrustedProxies:first", "127.0.0.1", "DistillGuard:Gateway:TrustedProxies:first: the items of a list are numbered 0, 1, 2, ...")]
    [InlineData("DistillGuard:Taxii:MaxPageSize:Value", "5", "DistillGuard:Taxii:MaxPageSize: expects one value, not a section")]
    [InlineData("DistillGuard:Taxii:UnmarkedTlp", "Purple", "DistillGuard:Taxii:UnmarkedTlp: 'Purple' is not one of clear, green, amber, amberstrict, red")]
    [InlineData("DistillGuard:Sharing:Peers:0:Intervall", "00:10:00", "DistillGuard:Sharing:Peers:0:Intervall: unknown setting")]
    [InlineData("DistillGuard:Sharing:LocalCollection", "not-a-uuid", "DistillGuard:Sharing:LocalCollection: 'not-a-uuid' is not a UUID")]
    public async Task Start_MistakeInTheSettings_FailsValidationNamingThePath(string key, string value, string expected)
    {
        await using var store = StoreLocation.Sqlite();
        var configuration = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("DistillGuard:Policies:Rules:0:", StringComparison.Ordinal))
        {
            configuration["DistillGuard:Policies:Rules:0:Name"] = "rule";
            configuration["DistillGuard:Policies:Rules:0:CampaignMember"] = "true";
        }

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceInstance.StartAsync(store, configuration));

        Assert.Contains(failure.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "Rulez": [ { "Name": "r", "MinVerdict": "Suspicious", "Action": "Block" } ] }""", "DistillGuard:Policies:Rulez: unknown setting")]
    [InlineData("""{ "Rules": [ { "Name": "r", "MinVerdict": "Suspicious", "Action": "Nuke" } ] }""", "DistillGuard:Policies:Rules:0:Action: 'Nuke' is not one of allow, degrade, throttle, challenge, block")]
    [InlineData("""{ "Rules": [ { "Name": "r", "MinVerdict": "Suspicous", "Action": "Block" } ] }""", "DistillGuard:Policies:Rules:0:MinVerdict: 'Suspicous' is not one of benign, suspicious, distillation")]
    [InlineData("""{ "Rules": [ { "Name": "r", "MinVerdict": "Suspicious", "Action": "Block", "Signals": { "novelty": "much" } } ] }""", "DistillGuard:Policies:Rules:0:Signals:novelty: 'much' is not a finite number")]
    [InlineData("""{ "Rules": { "Name": "r" } }""", "DistillGuard:Policies:Rules:Name: the items of a list are numbered 0, 1, 2, ...")]
    public async Task Start_MistakeInThePoliciesFile_FailsValidationNamingThePath(string policy, string expected)
    {
        await using var store = StoreLocation.Sqlite();
        var file = Path.Combine(Path.GetDirectoryName(store.SqlitePath)!, "policies.json");
        await File.WriteAllTextAsync(file, policy, Ct);
        var settings = new ServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            SqlitePath = store.SqlitePath!,
            PoliciesFile = file,
            AdminKeyFromEnvironment = ServiceInstance.AdminKey,
        };
        await using var app = DistillGuardServer.Build(settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains(failure.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_MistakesInTwoSections_FailsOnceNamingBoth()
    {
        await using var store = StoreLocation.Sqlite();
        var configuration = new Dictionary<string, string?>
        {
            ["DistillGuard:Server:MaxJsonDepth"] = "1",
            ["DistillGuard:Engine:CheckpointEveryExchanges"] = "-1",
            ["DistillGuard:Taxii:MaxPageSize"] = "0",
        };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceInstance.StartAsync(store, configuration));

        Assert.Contains(failure.Failures, f => f.Contains("MaxJsonDepth", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("CheckpointEveryExchanges", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("MaxPageSize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_ValidSettingsInAnyCase_Starts()
    {
        await using var store = StoreLocation.Sqlite();
        var configuration = new Dictionary<string, string?>
        {
            ["DistillGuard:server:maxJsonDepth"] = "16",
            ["DistillGuard:Policies:Rules:0:Name"] = "r",
            ["DistillGuard:Policies:Rules:0:MinVerdict"] = "distillation",
            ["DistillGuard:Policies:Rules:0:Action"] = "block",
            ["DistillGuard:Policies:Rules:0:Signals:novelty"] = "0.5",
            ["DistillGuard:Engine:CheckpointInterval"] = "00:10:00",
        };

        await using var service = await ServiceInstance.StartAsync(store, configuration);

        Assert.Equal(16, service.Service<IOptions<ServerOptions>>().Value.MaxJsonDepth);
        Assert.Equal(Core.Policies.EnforcementAction.Block, service.Service<IOptions<Policies.PolicyOptions>>().Value.Rules[0].Action);
    }
}
