using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DistillGuard.Server.Tests.Sharing;

/// <summary>Configurations of providers A (publishes), B (pulls, sends sightings) and C (pulls, sends none) in one trust group.</summary>
public static class SharingProviders
{
    public const string Collection = "5a1e0000-0000-4000-8000-00000000000a";
    public const string Root = "trust-group";
    public const string BPassword = "b-password-Qm7Xw2Lk9Pz4Rt8Vn3Hs";
    public const string CToken = "c-token-Jd5Fg8Kl1Zx6Cv3Bn9Mq";
    public static readonly string GroupKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("trust-group-key-of-the-test-0123456789"));

    /// <summary>The clock of all three: the start of the simulated traffic.</summary>
    public static FakeTimeProvider Clock()
    {
        var first = JsonNode.Parse(SimulatedTraffic.Lines[0])!["ts"]!.GetValue<string>();
        return new FakeTimeProvider(DateTimeOffset.Parse(first, CultureInfo.InvariantCulture));
    }

    public static Dictionary<string, string?> ProviderA() => new()
    {
        ["DistillGuard:Taxii:ApiRoots:0:Name"] = Root,
        ["DistillGuard:Taxii:ApiRoots:0:Title"] = "Trust group",
        ["DistillGuard:Taxii:Collections:0:Id"] = Collection,
        ["DistillGuard:Taxii:Collections:0:ApiRoot"] = Root,
        ["DistillGuard:Taxii:Collections:0:Title"] = "Provider A's campaign indicators",
        ["DistillGuard:Taxii:Peers:0:Name"] = "provider-b",
        ["DistillGuard:Taxii:Peers:0:MaxTlp"] = "Amber",
        ["DistillGuard:Taxii:Peers:0:Credentials:0:Kind"] = "Basic",
        ["DistillGuard:Taxii:Peers:0:Credentials:0:Username"] = "provider-b",
        ["DistillGuard:Taxii:Peers:0:Credentials:0:Sha256"] = Sha256(BPassword),
        ["DistillGuard:Taxii:Peers:0:Grants:0:Collection"] = Collection,
        ["DistillGuard:Taxii:Peers:0:Grants:0:CanRead"] = "true",
        ["DistillGuard:Taxii:Peers:0:Grants:0:CanWrite"] = "true",
        ["DistillGuard:Taxii:Peers:1:Name"] = "provider-c",
        ["DistillGuard:Taxii:Peers:1:MaxTlp"] = "Amber",
        ["DistillGuard:Taxii:Peers:1:Credentials:0:Kind"] = "Bearer",
        ["DistillGuard:Taxii:Peers:1:Credentials:0:Sha256"] = Sha256(CToken),
        ["DistillGuard:Taxii:Peers:1:Grants:0:Collection"] = Collection,
        ["DistillGuard:Taxii:Peers:1:Grants:0:CanRead"] = "true",
        ["DistillGuard:Taxii:Peers:1:Grants:0:CanWrite"] = "true",
        ["DistillGuard:Sharing:ProducerName"] = "Provider A",
        ["DistillGuard:Sharing:Keys:0:Epoch"] = "1",
        ["DistillGuard:Sharing:Keys:0:Key"] = GroupKey,
        ["DistillGuard:Sharing:Keys:0:ActiveFrom"] = "2020-01-01T00:00:00Z",
        ["DistillGuard:Sharing:LocalCollection"] = Collection,
    };

    /// <summary>A provider that pulls A; B with Basic credentials and sightings, C with a token and none.</summary>
    public static Dictionary<string, string?> Puller(string name, Uri providerA, bool sightings) => new()
    {
        ["DistillGuard:Sharing:ProducerName"] = name,
        ["DistillGuard:Sharing:Keys:0:Epoch"] = "1",
        ["DistillGuard:Sharing:Keys:0:Key"] = GroupKey,
        ["DistillGuard:Sharing:Keys:0:ActiveFrom"] = "2020-01-01T00:00:00Z",
        ["DistillGuard:Sharing:Peers:0:Name"] = "provider-a",
        ["DistillGuard:Sharing:Peers:0:ApiRoot"] = new Uri(providerA, $"taxii2/{Root}/").ToString(),
        ["DistillGuard:Sharing:Peers:0:Collection"] = Collection,
        ["DistillGuard:Sharing:Peers:0:Interval"] = "00:00:00",
        ["DistillGuard:Sharing:Peers:0:SendSightings"] = sightings ? "true" : "false",
        [sightings ? "DistillGuard:Sharing:Peers:0:Username" : "DistillGuard:Sharing:Peers:0:Token"] = sightings ? "provider-b" : CToken,
        [sightings ? "DistillGuard:Sharing:Peers:0:Password" : "DistillGuard:Sharing:Peers:0:Unused"] = sightings ? BPassword : null,
    };

    public static string Sha256(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
