using DistillGuard.Core.Findings;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>Measures what labelled attackers were served before detection flagged and stopped them (<see cref="HarvestMetrics"/>).</summary>
internal static class HarvestMeasure
{
    /// <summary>Measures the harvest, or answers <see langword="null"/> when a subject of the findings carries no harvest counts.</summary>
    /// <exception cref="ArgumentException">An account's end users labelled <c>distillation</c> were served more than the account.</exception>
    public static HarvestReport? Measure(FindingsDocument findings, Dictionary<SubjectKey, SubjectLabel> labelsBySubject, List<LabelledSubject> attackers)
    {
        if (findings.Subjects.Any(finding => finding.Harvest is null))
        {
            return null;
        }

        // End users with a distillation label of their own count for themselves, not again in their account's counts.
        var ownLabel = findings.Subjects
            .Where(finding => finding.EndUserId is not null && labelsBySubject.GetValueOrDefault(Evaluator.Key(finding)) is { IsDistillation: true })
            .ToLookup(finding => finding.AccountId, StringComparer.Ordinal);
        var units = attackers.Select(subject => (subject.Label, Unit: UnitOf(subject.Finding, ownLabel))).ToList();
        return new HarvestReport
        {
            Overall = Sum(null, units.Select(unit => unit.Unit)),
            Campaigns = units
                .Where(unit => unit.Label.Campaign is not null)
                .GroupBy(unit => unit.Label.Campaign!, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => Sum(group.Key, group.Select(unit => unit.Unit)))
                .ToList(),
        };
    }

    private static Unit UnitOf(SubjectFinding? finding, ILookup<string, SubjectFinding> ownLabel)
    {
        if (finding is null)
        {
            return default;
        }

        var harvest = finding.Harvest!;
        if (finding.EndUserId is not null)
        {
            // Stopped at its own distillation verdict or its account's, whichever came first; flagged at its own or its
            // account's first flag, or when stopped.
            var stop = Math.Min(harvest.ExchangesBeforeDistillation ?? finding.Exchanges, harvest.ExchangesBeforeAccountDistillation ?? finding.Exchanges);
            var stopTokens = Math.Min(harvest.OutputTokensBeforeDistillation ?? harvest.OutputTokens, harvest.OutputTokensBeforeAccountDistillation ?? harvest.OutputTokens);
            return new Unit(
                finding.Exchanges,
                Min(finding.ExchangesBeforeFlag ?? finding.Exchanges, harvest.ExchangesBeforeAccountFlag ?? finding.Exchanges, stop),
                stop,
                harvest.OutputTokens,
                Min(harvest.OutputTokensBeforeFlag ?? harvest.OutputTokens, harvest.OutputTokensBeforeAccountFlag ?? harvest.OutputTokens, stopTokens),
                stopTokens,
                harvest.ExchangesBeforeDistillation is not null || harvest.ExchangesBeforeAccountDistillation is not null);
        }

        // An account: what its end users with labels of their own had been served at each of the account's verdicts is
        // theirs, so it comes off the account's counts.
        var unit = new Unit(
            finding.Exchanges,
            finding.ExchangesBeforeFlag ?? finding.Exchanges,
            harvest.ExchangesBeforeDistillation ?? finding.Exchanges,
            harvest.OutputTokens,
            harvest.OutputTokensBeforeFlag ?? harvest.OutputTokens,
            harvest.OutputTokensBeforeDistillation ?? harvest.OutputTokens,
            harvest.ExchangesBeforeDistillation is not null);
        foreach (var endUser in ownLabel[finding.AccountId])
        {
            var its = endUser.Harvest!;
            unit = unit with
            {
                Exchanges = unit.Exchanges - endUser.Exchanges,
                BeforeFlag = unit.BeforeFlag - (its.ExchangesBeforeAccountFlag ?? endUser.Exchanges),
                BeforeStop = unit.BeforeStop - (its.ExchangesBeforeAccountDistillation ?? endUser.Exchanges),
                Tokens = unit.Tokens - its.OutputTokens,
                TokensBeforeFlag = unit.TokensBeforeFlag - (its.OutputTokensBeforeAccountFlag ?? its.OutputTokens),
                TokensBeforeStop = unit.TokensBeforeStop - (its.OutputTokensBeforeAccountDistillation ?? its.OutputTokens),
            };
        }

        if (unit.Exchanges < 0 || unit.BeforeFlag < 0 || unit.BeforeStop < 0 || unit.Tokens < 0 || unit.TokensBeforeFlag < 0 || unit.TokensBeforeStop < 0)
        {
            throw new ArgumentException(
                $"Subject {Evaluator.Key(finding)}: its end users labelled distillation were served more than the account itself.", nameof(finding));
        }

        // Flagged no later than stopped, whatever a document says.
        return unit with { BeforeFlag = Math.Min(unit.BeforeFlag, unit.BeforeStop), TokensBeforeFlag = Math.Min(unit.TokensBeforeFlag, unit.TokensBeforeStop) };
    }

    private static HarvestMetrics Sum(string? campaign, IEnumerable<Unit> units)
    {
        var list = units.ToList();
        var exchanges = list.Sum(unit => unit.Exchanges);
        var beforeFlag = list.Sum(unit => unit.BeforeFlag);
        var beforeStop = list.Sum(unit => unit.BeforeStop);
        var tokens = list.Sum(unit => unit.Tokens);
        var tokensBeforeFlag = list.Sum(unit => unit.TokensBeforeFlag);
        var tokensBeforeStop = list.Sum(unit => unit.TokensBeforeStop);
        var burned = list.Count(unit => unit.Stopped);
        return new HarvestMetrics
        {
            Campaign = campaign,
            Members = list.Count,
            Exchanges = exchanges,
            ExchangesBeforeFlag = beforeFlag,
            ExchangesBeforeDistillation = beforeStop,
            OutputTokens = tokens,
            OutputTokensBeforeFlag = tokensBeforeFlag,
            OutputTokensBeforeDistillation = tokensBeforeStop,
            ExchangeShareBeforeFlag = Share(beforeFlag, exchanges),
            ExchangeShareBeforeDistillation = Share(beforeStop, exchanges),
            TokenShareBeforeFlag = Share(tokensBeforeFlag, tokens),
            TokenShareBeforeDistillation = Share(tokensBeforeStop, tokens),
            Burned = burned,
            BurnedPerTenThousandExchanges = beforeStop == 0 ? null : burned * 10_000.0 / beforeStop,
        };
    }

    private static long Min(long a, long b, long c) => Math.Min(a, Math.Min(b, c));

    private static double? Share(long part, long whole) => whole == 0 ? null : (double)part / whole;

    /// <summary>One attacker's exchanges and visible output tokens: all, before it was flagged, before it was stopped.</summary>
    private readonly record struct Unit(long Exchanges, long BeforeFlag, long BeforeStop, long Tokens, long TokensBeforeFlag, long TokensBeforeStop, bool Stopped);
}
