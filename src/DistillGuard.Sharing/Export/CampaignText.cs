using System.Globalization;
using DistillGuard.Sharing.Pseudonymisation;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Export;

/// <summary>
/// The names, descriptions and labels of an exported campaign's objects: the essentials (what it is, the score, how many
/// accounts, which signals) repeated where a plain STIX tool (MISP, OpenCTI) shows them.
/// </summary>
internal sealed class CampaignText
{
    private const string Product = "distillguard";
    private const string Topic = "model-distillation";

    private readonly string _producer;
    private readonly CampaignFactsExtension _facts;
    private readonly int _keyEpoch;
    private readonly string _score;
    private readonly string _first;
    private readonly string _last;
    private readonly string _signals;

    public CampaignText(string producer, CampaignFactsExtension facts, (DateTimeOffset First, DateTimeOffset Last) window, IReadOnlyList<SharedFingerprintGroup> fingerprints, int keyEpoch)
    {
        _producer = producer;
        _facts = facts;
        _keyEpoch = keyEpoch;
        _score = facts.Score.ToString("0.00", CultureInfo.InvariantCulture);
        _first = StixTimestamp.Format(window.First);
        _last = StixTimestamp.Format(window.Last);
        _signals = facts.Signals is { Count: > 0 } signals ? string.Join(", ", signals) : "none";
        var byType = fingerprints.GroupBy(f => f.Type).OrderBy(g => g.Key).Select(g => Count(g.Count(), Display(g.Key))).ToList();
        Shared = byType.Count > 0 ? string.Join(", ", byType) : "no fingerprints (the sharing policy keeps them)";
        ProxyPrefixes = fingerprints.Count(f => f.Type == FingerprintType.ProxyPrefix);

        CampaignName = string.Create(CultureInfo.InvariantCulture, $"Model-distillation campaign seen by {producer} from {window.First:yyyy-MM-dd}: {Accounts}, score {_score}");
        CampaignDescription = string.Create(
            CultureInfo.InvariantCulture,
            $"A model-distillation campaign detected by {producer} with DistillGuard: {Accounts} judged part of it ({facts.Verdict}) made {Count(facts.Exchanges, "exchange")} "
            + $"between {_first} and {_last}; campaign score {_score}. Signals: {_signals}. Links between the accounts: {string.Join(", ", facts.LinkKinds ?? ["none"])}. "
            + $"Shared: {Shared}, pseudonymised with HMAC-SHA256 under the trust group's key of epoch {keyEpoch}.");
        CampaignLabels = [Product, Topic, $"verdict:{facts.Verdict}", $"score:{_score}", $"accounts:{facts.Subjects}", .. (facts.Signals ?? []).Select(s => $"signal:{s}")];
        VolumeLabels = [Product, Topic, $"accounts:{facts.Subjects}", string.Create(CultureInfo.InvariantCulture, $"exchanges:{facts.Exchanges}")];
        SightingDescription = string.Create(CultureInfo.InvariantCulture, $"{producer} saw {Accounts} of this campaign make {Count(facts.Exchanges, "exchange")} between {_first} and {_last}.");
        AccountFarmName = $"Account farm of a model-distillation campaign ({Accounts}, score {_score})";
        AccountFarmDescription = $"{Accounts} at {producer}, judged to act together in a model-distillation campaign (score {_score}; signals: {_signals}). Shared: {Shared}.";
        AccountFarmLabels = [Product, Topic, "account-farm", $"accounts:{facts.Subjects}", $"score:{_score}"];
        ProxyPoolName = $"Proxy pool of a model-distillation campaign ({Count(ProxyPrefixes, "network prefix", "network prefixes")})";
        ProxyPoolDescription = $"Residential or mobile proxy addresses that the campaign's {Accounts} rotated through at {producer}, shared as {Count(ProxyPrefixes, "pseudonymised /24 or /64 prefix", "pseudonymised /24 or /64 prefixes")}.";
        ProxyPoolLabels = [Product, Topic, "proxy-pool", string.Create(CultureInfo.InvariantCulture, $"prefixes:{ProxyPrefixes}")];
    }

    public string Shared { get; }

    public int ProxyPrefixes { get; }

    public string CampaignName { get; }

    public string CampaignDescription { get; }

    public IReadOnlyList<string> CampaignLabels { get; }

    public IReadOnlyList<string> VolumeLabels { get; }

    public string SightingDescription { get; }

    public string AccountFarmName { get; }

    public string AccountFarmDescription { get; }

    public IReadOnlyList<string> AccountFarmLabels { get; }

    public string ProxyPoolName { get; }

    public string ProxyPoolDescription { get; }

    public IReadOnlyList<string> ProxyPoolLabels { get; }

    private string Accounts => Count(_facts.Subjects, "account");

    public string IndicatorName(SharedFingerprintGroup group) =>
        $"Pseudonymised {Display(group.Type)} of a model-distillation campaign ({Accounts}, score {_score})";

    public string IndicatorDescription(SharedFingerprintGroup group)
    {
        var how = group.Type == FingerprintType.PromptTemplate
            ? $"the {group.Fingerprints.Count} LSH bands of the template's MinHash signature, each an HMAC-SHA256 under the trust group's key of epoch {_keyEpoch}; a template matches when any band does, so paraphrases match too"
            : $"an HMAC-SHA256 of the normalised value under the trust group's key of epoch {_keyEpoch}";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"A {Display(group.Type)} shared by {Count(group.Subjects, "account")} of a model-distillation campaign that {_producer} detected ({Accounts}, score {_score}, signals: {_signals}). "
            + $"The value is {how}; match it with your own key ring, never expect the raw value.");
    }

    public IReadOnlyList<string> IndicatorLabels(SharedFingerprintGroup group) =>
        [Product, Topic, $"fingerprint:{group.Type.Name()}", string.Create(CultureInfo.InvariantCulture, $"key-epoch:{_keyEpoch}"), $"score:{_score}", $"accounts:{_facts.Subjects}"];

    private static string Display(FingerprintType type) => type switch
    {
        FingerprintType.Payment => "payment-method fingerprint",
        FingerprintType.Tls => "TLS client fingerprint",
        FingerprintType.EmailDomain => "e-mail domain",
        FingerprintType.ProxyPrefix => "proxy network prefix",
        FingerprintType.PromptTemplate => "prompt-template fingerprint",
        _ => type.Name(),
    };

    private static string Count(long n, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many ?? (one.EndsWith('x') ? one + "es" : one + "s"))}");
}
