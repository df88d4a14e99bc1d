using DistillGuard.Core.Findings;
using DistillGuard.Sharing.Pseudonymisation;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Export;

/// <summary>What may leave the provider, and how it is marked.</summary>
/// <remarks>
/// Some rules are not options: only subjects judged part of a campaign contribute anything, account ids never leave,
/// values leave only pseudonymised, and nothing marked <c>TLP:RED</c> is ever exported (<see cref="StixExportGuard"/>).
/// </remarks>
public sealed class SharingPolicy
{
    /// <summary>Gets or sets whether payment-method fingerprints may leave.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool SharePaymentFingerprints { get; set; } = true;

    /// <summary>Gets or sets whether TLS client fingerprints (with their user agents) may leave.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool ShareTlsFingerprints { get; set; } = true;

    /// <summary>Gets or sets whether account e-mail domains may leave.</summary>
    /// <value>Defaults to <see langword="false"/>: a small company's domain identifies it even pseudonymised, to anyone who has the key.</value>
    public bool ShareEmailDomains { get; set; }

    /// <summary>Gets or sets whether proxy prefixes (IPv4 /24, IPv6 /64) may leave.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool ShareProxyPrefixes { get; set; } = true;

    /// <summary>Gets or sets whether prompt-template fingerprints (locality-sensitive, never the text) may leave.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool SharePromptTemplates { get; set; } = true;

    /// <summary>Gets or sets the TLP level of an export that names none.</summary>
    /// <value>Defaults to <see cref="TrafficLightProtocol.Amber"/>; <see cref="TrafficLightProtocol.Red"/> is not allowed.</value>
    public TrafficLightProtocol DefaultTlp { get; set; } = TrafficLightProtocol.Amber;

    /// <summary>Gets or sets the lowest campaign score that is shared.</summary>
    /// <value>Defaults to 0.85, the engine's default <c>distillation</c> threshold.</value>
    public double MinimumCampaignScore { get; set; } = 0.85;

    /// <summary>Gets or sets the verdict from which a campaign member counts as judged part of it.</summary>
    /// <value>Defaults to <see cref="Verdict.Suspicious"/>; members judged <c>benign</c> never count.</value>
    public Verdict MinimumMemberVerdict { get; set; } = Verdict.Suspicious;

    /// <summary>Gets or sets how many accounts must share a value for it to leave.</summary>
    /// <value>Defaults to 2: a value of one account describes that account more than the campaign.</value>
    public int MinimumSubjectsPerValue { get; set; } = 2;

    /// <summary>Gets or sets how long an exported indicator stays valid.</summary>
    /// <value>Defaults to 90 days.</value>
    public TimeSpan IndicatorValidity { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Gets whether a kind of fingerprint may leave.</summary>
    /// <param name="type">The kind.</param>
    /// <returns>Whether the policy allows it.</returns>
    public bool Allows(FingerprintType type) => type switch
    {
        FingerprintType.Payment => SharePaymentFingerprints,
        FingerprintType.Tls => ShareTlsFingerprints,
        FingerprintType.EmailDomain => ShareEmailDomains,
        FingerprintType.ProxyPrefix => ShareProxyPrefixes,
        FingerprintType.PromptTemplate => SharePromptTemplates,
        _ => false,
    };

    /// <summary>Gets whether a campaign's score is high enough to share.</summary>
    /// <param name="campaign">The campaign.</param>
    /// <returns>Whether its score reaches <see cref="MinimumCampaignScore"/>.</returns>
    public bool IsShareable(CampaignFinding campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.Score >= MinimumCampaignScore;
    }

    /// <summary>Throws when the options are inconsistent.</summary>
    public void Validate()
    {
        if (DefaultTlp is < TrafficLightProtocol.Clear or >= TrafficLightProtocol.Red)
        {
            throw new ArgumentException("the default TLP must be CLEAR, GREEN, AMBER or AMBER+STRICT: TLP:RED never leaves");
        }

        if (MinimumCampaignScore is < 0 or > 1 || double.IsNaN(MinimumCampaignScore))
        {
            throw new ArgumentException("the minimum campaign score must be in [0, 1]");
        }

        if (MinimumMemberVerdict < Verdict.Suspicious || MinimumMemberVerdict > Verdict.Distillation)
        {
            throw new ArgumentException("members judged benign never count as part of a campaign: the minimum member verdict is suspicious or distillation");
        }

        if (MinimumSubjectsPerValue < 1 || IndicatorValidity <= TimeSpan.Zero)
        {
            throw new ArgumentException("a shared value needs at least one subject, and indicators a positive validity");
        }
    }
}
