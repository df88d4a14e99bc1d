using System.Collections.Frozen;
using DistillGuard.Core.Scoring;

namespace DistillGuard.Core.Engine;

/// <summary>Options of the detection engine.</summary>
public sealed class DetectionOptions
{
    /// <summary>Gets or sets how signals combine into scores and verdicts.</summary>
    public ScoringOptions Scoring { get; set; } = new();

    /// <summary>Gets or sets how often, in stream time, campaigns are re-evaluated.</summary>
    /// <value>Defaults to one hour.</value>
    public TimeSpan CampaignInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how far out of timestamp order an exchange may arrive and still be put in order.</summary>
    /// <value>Defaults to five minutes.</value>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets for how long, in stream time, exchange ids are remembered to drop duplicates.</summary>
    /// <value>Defaults to 24 hours. Zero remembers no id and drops no duplicate (for a caller that drops them itself).</value>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the number of end users from which an account is judged as a multi-tenant router or app.</summary>
    /// <value>Defaults to 10.</value>
    public int MultiTenantEndUsers { get; set; } = 10;

    /// <summary>Gets or sets the share of a campaign's score that lifts each member.</summary>
    /// <value>Defaults to 1 (a member of a campaign scores at least the campaign's score).</value>
    public double CampaignLift { get; set; } = 1.0;

    /// <summary>Gets or sets the smallest campaign, in accounts, whose score lifts its members.</summary>
    /// <value>Defaults to 2.</value>
    public int MinCampaignAccounts { get; set; } = 2;

    /// <summary>Gets or sets how soon after a model first appears a campaign's use of it counts as a release pivot.</summary>
    /// <value>Defaults to 48 hours.</value>
    public TimeSpan ReleasePivotWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Gets or sets whether accounts that share near-duplicate prompts in rare content buckets are tied into campaigns.</summary>
    /// <value>
    /// Defaults to false: on adaptive-train.json (seed 11) the ties chained companies, batch jobs and classifiers that
    /// ask about the same public items or use similar templates into one 407-account campaign with the attackers (12
    /// companies at distillation). The content index still runs and counts each account's near-duplicates.
    /// </value>
    public bool TieNearDuplicates { get; set; }

    /// <summary>Gets or sets the width of the sign-up windows in which accounts that behave alike form a cohort.</summary>
    /// <value>Defaults to four days.</value>
    public TimeSpan CohortWindow { get; set; } = TimeSpan.FromDays(4);

    /// <summary>Gets or sets the fewest accounts of one sign-up window and one behaviour that form a cohort; 0 for none.</summary>
    /// <value>Defaults to 8.</value>
    public int MinCohortAccounts { get; set; } = 8;

    /// <summary>Gets or sets the indicators peers shared, matched against accounts' fingerprints; null for none.</summary>
    /// <value>Null. Not part of a checkpoint: a restored engine uses the matcher it is given.</value>
    public Intelligence.IPeerIndicatorMatcher? PeerIndicators { get; set; }

    /// <summary>
    /// Gets or sets the accounts the provider allow-lists: licensed customers whose harvest-like traffic is permitted
    /// (a synthetic-data customer on an enterprise plan), matched against an exchange's <c>account_id</c> with the set's
    /// own comparer (the command line and the service build ordinal sets). Not to be changed while an engine uses it.
    /// </summary>
    /// <value>
    /// Empty. An allow-listed account and its end users are still scored, and their signals and evidence kept, but
    /// their score is held at most 0.01 under <see cref="ScoringOptions.DistillationThreshold"/> (never under
    /// <see cref="ScoringOptions.SuspiciousThreshold"/>), so the verdict is at most <c>suspicious</c> and the score's
    /// order agrees with it; the findings say so with an <c>allow_list</c> entry among the subject's signals. An
    /// allow-listed account may be a member of a campaign, but its exchanges do not count toward the campaign's score,
    /// so it lifts no other member. A non-empty allow-list is part of a checkpoint's fingerprint.
    /// </value>
    public IReadOnlySet<string> AllowListedAccounts { get; set; } = FrozenSet<string>.Empty;

    /// <summary>Throws when the options are inconsistent.</summary>
    public void Validate()
    {
        Scoring.Validate();
        if (CampaignInterval <= TimeSpan.Zero || ReorderWindow < TimeSpan.Zero || DuplicateWindow < TimeSpan.Zero)
        {
            throw new ArgumentException("intervals and windows must not be negative, and the campaign interval must be positive");
        }

        if (CohortWindow <= TimeSpan.Zero || MinCohortAccounts is < 0 or 1)
        {
            throw new ArgumentException("the cohort window must be positive, and a cohort 0 (none) or at least 2 accounts");
        }

        if (MultiTenantEndUsers < 1 || MinCampaignAccounts < 2 || CampaignLift is < 0 or > 1)
        {
            throw new ArgumentException("multi-tenant end users must be ≥ 1, campaigns ≥ 2 accounts, the lift in [0, 1]");
        }

        ArgumentNullException.ThrowIfNull(AllowListedAccounts, nameof(AllowListedAccounts));
        if (AllowListedAccounts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("an allow-listed account id must not be null, empty or blank");
        }

        if (AllowListedAccounts.Count > 0 && !(Scoring.SuspiciousThreshold < Scoring.DistillationThreshold))
        {
            throw new ArgumentException("an allow-list needs the suspicious threshold below the distillation threshold: allow-listed accounts are held between them");
        }
    }
}
