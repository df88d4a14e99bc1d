using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A hydra cluster (<c>kind: "hydra"</c>): many small accounts, each under any per-account volume threshold, behind a
/// rotating residential proxy pool, tied by a handful of shared payment fingerprints, one rare TLS fingerprint and user
/// agent, throw-away e-mail domains, sign-up bursts, synchronised activity waves and shared prompt templates that sweep
/// a topic taxonomy.
/// </summary>
public sealed record HydraCampaignSpec : CampaignSpec
{
    /// <summary>The value of <c>kind</c> for this campaign.</summary>
    public const string KindName = "hydra";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the number of accounts at scale 1.</summary>
    /// <value>Defaults to 200.</value>
    public int Accounts { get; set; } = 200;

    /// <summary>Gets or sets the range of exchanges each account sends over its life.</summary>
    /// <value>Defaults to 10 to 80.</value>
    public IntRange ExchangesPerAccount { get; set; } = IntRange.Of(10, 80);

    /// <summary>Gets or sets the number of payment fingerprints shared by the cluster at scale 1.</summary>
    /// <value>Defaults to 10.</value>
    public int PaymentFingerprints { get; set; } = 10;

    /// <summary>Gets or sets the number of residential proxy exit addresses in the pool at scale 1.</summary>
    /// <value>Defaults to 500.</value>
    public int ProxyPoolSize { get; set; } = 500;

    /// <summary>Gets or sets the number of sign-up bursts in which the accounts are created.</summary>
    /// <value>Defaults to 6.</value>
    public int SignupBursts { get; set; } = 6;

    /// <summary>Gets or sets the range of activity waves each account takes part in.</summary>
    /// <value>Defaults to 1 to 3.</value>
    public IntRange WavesPerAccount { get; set; } = IntRange.Of(1, 3);

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        problems.NonNegative(where, "accounts", Accounts);
        problems.Range(where, "exchanges_per_account", ExchangesPerAccount, 1);
        problems.Positive(where, "payment_fingerprints", PaymentFingerprints);
        problems.Positive(where, "proxy_pool_size", ProxyPoolSize);
        problems.Positive(where, "signup_bursts", SignupBursts);
        problems.Range(where, "waves_per_account", WavesPerAccount, 1);
    }
}
