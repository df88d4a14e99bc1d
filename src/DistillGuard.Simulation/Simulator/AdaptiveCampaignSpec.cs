using System.Globalization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// What every adaptive campaign shares: attackers who have read the README. Each account (or end user) is a person's
/// front: its own card, a free-mail address and a home connection, client software and request settings drawn from
/// the same distributions as benign users', human days with rest days and a heavy chat user's volume. Every prompt is
/// an item of a public collection reworded on its own, with no request for the model's reasoning; the accounts
/// together sweep the collections with almost no repeats, which is the tell that remains.
/// </summary>
public abstract record AdaptiveCampaignSpec : CampaignSpec
{
    /// <summary>Initialises the spec; adaptive campaigns never wrap prompts in coercion, so <see cref="CampaignSpec.CoercionShare"/> starts at 0.</summary>
    protected AdaptiveCampaignSpec()
    {
        CoercionShare = 0;
    }

    /// <summary>Gets or sets the range of exchanges a front sends on a day it is active.</summary>
    /// <value>Defaults to 8 to 30 (a heavy chat user's day).</value>
    public IntRange ExchangesPerActiveDay { get; set; } = IntRange.Of(8, 30);

    /// <summary>Gets or sets the range from which each front's chance of being active on a given day is drawn.</summary>
    /// <value>Defaults to 0.45 to 0.8 (rest days included).</value>
    public DoubleRange ActiveDayProbability { get; set; } = DoubleRange.Of(0.45, 0.8);

    /// <summary>Gets or sets the mean number of sittings on an active day.</summary>
    /// <value>Defaults to 3.</value>
    public double SessionsPerActiveDay { get; set; } = 3;

    /// <summary>Gets or sets the registers the paraphraser rewords prompts in; each front favours some of them.</summary>
    /// <value>Defaults to plain, casual, polite, terse, contextual and markdown (the held-out styles are not included).</value>
    public IReadOnlyList<ParaphraseStyle> ParaphraseStyles { get; set; } =
    [
        ParaphraseStyle.Plain, ParaphraseStyle.Casual, ParaphraseStyle.Polite, ParaphraseStyle.Terse, ParaphraseStyle.Contextual, ParaphraseStyle.Markdown,
    ];

    /// <summary>Gets or sets the public collections the campaign sweeps.</summary>
    /// <value>Defaults to all of them.</value>
    public IReadOnlyList<CorpusSource> Corpora { get; set; } =
    [
        CorpusSource.SelfInstruct, CorpusSource.ArenaHard, CorpusSource.Oasst, CorpusSource.HumanEval, CorpusSource.Gsm8k, CorpusSource.FastChat,
    ];

    /// <summary>Gets or sets the languages the fronts write in (<c>en</c>, or one of es, de, fr, pt, it, ru, ja, ko, zh); each front writes in one.</summary>
    /// <value>Defaults to English only.</value>
    public IReadOnlyList<string> Languages { get; set; } = ["en"];

    /// <summary>Gets or sets how many days before <see cref="CampaignSpec.StartDay"/> the sign-up window opens.</summary>
    /// <value>Defaults to 8.</value>
    public double SignupLeadDays { get; set; } = 8;

    /// <summary>Gets or sets how long the sign-up window lasts, in days: a few days for a cohort, hundreds for accounts bought or aged over time.</summary>
    /// <value>Defaults to 4 (a cohort).</value>
    public double SignupWindowDays { get; set; } = 4;

    internal static IReadOnlyList<string> KnownLanguages { get; } = ["en", "es", "de", "fr", "pt", "it", "ru", "ja", "ko", "zh"];

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        if (CoercionShare != 0)
        {
            problems.Add(where, "coercion_share must be 0: adaptive campaigns never ask for the reasoning trace");
        }

        problems.Range(where, "exchanges_per_active_day", ExchangesPerActiveDay, 1);
        problems.Range(where, "active_day_probability", ActiveDayProbability, 0, 1);
        if (!(SessionsPerActiveDay >= 1 && SessionsPerActiveDay <= 20))
        {
            problems.Add(where, "sessions_per_active_day must be between 1 and 20");
        }

        if (ParaphraseStyles is null || ParaphraseStyles.Count == 0)
        {
            problems.Add(where, "paraphrase_styles must name at least one style");
        }

        if (Corpora is null || Corpora.Count == 0)
        {
            problems.Add(where, "corpora must name at least one collection");
        }

        if (Languages is null || Languages.Count == 0)
        {
            problems.Add(where, "languages must name at least one language");
        }
        else
        {
            foreach (var language in Languages.Where(l => !KnownLanguages.Contains(l, StringComparer.Ordinal)))
            {
                problems.Add(where, $"unknown language '{language}'; expected one of: {string.Join(", ", KnownLanguages)}");
            }
        }

        if (!(SignupLeadDays >= 0 && SignupLeadDays <= 1000) || !(SignupWindowDays >= 0 && SignupWindowDays <= 1000))
        {
            problems.Add(where, string.Create(CultureInfo.InvariantCulture, $"signup_lead_days and signup_window_days must be between 0 and 1000 (got {SignupLeadDays} and {SignupWindowDays})"));
        }
    }
}
