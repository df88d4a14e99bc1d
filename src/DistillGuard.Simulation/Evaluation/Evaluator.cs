using System.Globalization;
using DistillGuard.Core.Findings;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>Scores a findings document against the labels of the same traffic.</summary>
/// <remarks>
/// <para>
/// A label matches the finding with the same <c>(account_id, end_user_id)</c>, compared exactly: a label about an end
/// user matches only a finding for that end user, never the account's. A subject is flagged when its verdict is
/// <c>suspicious</c> or <c>distillation</c>.
/// </para>
/// <para>
/// A labelled attacker missing from the findings counts as missed. A benign label missing from the findings was never
/// judged, so it counts in no false-positive rate (it is reported under <see cref="BenignRateMetrics.WithoutFinding"/>).
/// Subjects without a label count in no rate; their <c>distillation</c> verdicts are reported beside the precision.
/// </para>
/// <para>
/// Beyond recall and false positives: how subjects were grouped into campaigns (purity of each found campaign,
/// completeness of each labelled campaign, <see cref="CampaignGrouping"/>); what attackers were served before they were
/// flagged and stopped, from the findings' harvest counts (<see cref="HarvestMetrics"/>, unavailable when the findings
/// carry none); and how the scores match the observed share of attackers (<see cref="CalibrationMetrics"/>).
/// </para>
/// </remarks>
public static class Evaluator
{
    /// <summary>Evaluates findings against labels.</summary>
    /// <param name="findings">The findings.</param>
    /// <param name="labels">The labels; at most one per subject, each <c>benign</c> or <c>distillation</c>.</param>
    /// <param name="options">The definitions measured by; defaults when null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">
    /// A subject appears twice in the findings or in the labels, a label is neither <c>benign</c> nor <c>distillation</c>,
    /// or an account's end users labelled <c>distillation</c> were served more than the account.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The options are not valid.</exception>
    public static EvaluationReport Evaluate(FindingsDocument findings, IReadOnlyList<SubjectLabel> labels, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new EvaluationOptions();
        options.Validate();
        var findingsBySubject = IndexFindings(findings.Subjects);
        var labelsBySubject = IndexLabels(labels);
        var matched = labels.Select(label => new LabelledSubject(label, findingsBySubject.GetValueOrDefault(label.Subject))).ToList();
        var attackers = matched.Where(subject => subject.Label.IsDistillation).ToList();
        var benign = matched.Where(subject => !subject.Label.IsDistillation).ToList();
        var unlabelled = findings.Subjects.Where(finding => !labelsBySubject.ContainsKey(Key(finding))).ToList();
        var (found, labelled, grouping) = CampaignGrouping.Measure(findings, labelsBySubject, attackers, options);

        return new EvaluationReport
        {
            Counts = new EvaluationCounts
            {
                Labels = labels.Count,
                AttackerLabels = attackers.Count,
                BenignLabels = benign.Count,
                LabelledSubjects = findings.Subjects.Count - unlabelled.Count,
                UnlabelledSubjects = unlabelled.Count,
                LabelsWithoutFinding = matched.Count(subject => subject.Finding is null),
            },
            Recall = MeasureRecall(attackers),
            Precision = MeasurePrecision(matched, unlabelled),
            Benign = MeasureBenign(population: null, benign),
            Populations = benign
                .Where(subject => subject.Label.Population is not null)
                .GroupBy(subject => subject.Label.Population!, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => MeasureBenign(group.Key, group.ToList()))
                .ToList(),
            FoundCampaignRule = FoundRule(options),
            Grouping = grouping,
            LabelledCampaigns = labelled,
            FindingsCampaigns = found,
            Harvest = HarvestMeasure.Measure(findings, labelsBySubject, attackers),
            Calibration = CalibrationMeasure.Measure(matched, options.CalibrationBands),
            DetectionDelay = MeasureDelay(attackers),
        };
    }

    private static Dictionary<SubjectKey, SubjectFinding> IndexFindings(IReadOnlyList<SubjectFinding> subjects)
    {
        var index = new Dictionary<SubjectKey, SubjectFinding>(subjects.Count);
        foreach (var finding in subjects)
        {
            if (!index.TryAdd(Key(finding), finding))
            {
                throw new ArgumentException($"Subject {Key(finding)} appears twice in the findings.", nameof(subjects));
            }
        }

        return index;
    }

    private static Dictionary<SubjectKey, SubjectLabel> IndexLabels(IReadOnlyList<SubjectLabel> labels)
    {
        var index = new Dictionary<SubjectKey, SubjectLabel>(labels.Count);
        foreach (var label in labels)
        {
            ArgumentNullException.ThrowIfNull(label, nameof(labels));
            if (!label.IsDistillation && !string.Equals(label.Label, SubjectLabel.Benign, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Subject {label.Subject} is labelled '{label.Label}'; a label is '{SubjectLabel.Benign}' or '{SubjectLabel.Distillation}'.",
                    nameof(labels));
            }

            if (!index.TryAdd(label.Subject, label))
            {
                throw new ArgumentException($"Subject {label.Subject} is labelled twice.", nameof(labels));
            }
        }

        return index;
    }

    private static RecallMetrics MeasureRecall(List<LabelledSubject> attackers)
    {
        var flagged = attackers.Count(subject => subject.IsFlagged);
        var atDistillation = attackers.Count(subject => subject.Finding?.Verdict == Verdict.Distillation);
        return new RecallMetrics
        {
            Attackers = attackers.Count,
            Flagged = flagged,
            AtDistillation = atDistillation,
            MissingFromFindings = attackers.Count(subject => subject.Finding is null),
            Recall = Ratio(flagged, attackers.Count),
            RecallAtDistillation = Ratio(atDistillation, attackers.Count),
        };
    }

    private static PrecisionMetrics MeasurePrecision(List<LabelledSubject> matched, List<SubjectFinding> unlabelled)
    {
        var enforced = matched.Where(subject => subject.Finding?.Verdict == Verdict.Distillation).ToList();
        var correct = enforced.Count(subject => subject.Label.IsDistillation);
        return new PrecisionMetrics
        {
            DistillationVerdicts = enforced.Count,
            TrueDistillationVerdicts = correct,
            Precision = Ratio(correct, enforced.Count),
            UnlabelledDistillationVerdicts = unlabelled.Count(finding => finding.Verdict == Verdict.Distillation),
        };
    }

    private static BenignRateMetrics MeasureBenign(string? population, List<LabelledSubject> benign)
    {
        var judged = benign.Where(subject => subject.Finding is not null).ToList();
        var distillation = judged.Count(subject => subject.Finding!.Verdict == Verdict.Distillation);
        var flagged = judged.Count(subject => subject.IsFlagged);
        return new BenignRateMetrics
        {
            Population = population,
            Subjects = judged.Count,
            WithoutFinding = benign.Count - judged.Count,
            DistillationVerdicts = distillation,
            FlaggedVerdicts = flagged,
            DistillationRate = Ratio(distillation, judged.Count),
            FlaggedRate = Ratio(flagged, judged.Count),
        };
    }

    private static DetectionDelayMetrics MeasureDelay(List<LabelledSubject> attackers)
    {
        var delays = attackers
            .Where(subject => subject.IsFlagged && subject.Finding!.ExchangesBeforeFlag is not null && subject.Finding.Exchanges > 0)
            .Select(subject => subject.Finding!)
            .ToList();
        var fractions = delays.Select(finding => (double)finding.ExchangesBeforeFlag!.Value / finding.Exchanges).Order().ToArray();
        var counts = delays.Select(finding => (double)finding.ExchangesBeforeFlag!.Value).Order().ToArray();
        return new DetectionDelayMetrics
        {
            Measured = delays.Count,
            MedianFraction = Percentile(fractions, 0.5),
            P90Fraction = Percentile(fractions, 0.9),
            MedianExchangesBeforeFlag = Percentile(counts, 0.5),
        };
    }

    /// <summary>The most frequent non-null value, ties to the ordinally first so that reports are deterministic.</summary>
    internal static (string? Value, int Count) MostCommon(IEnumerable<string?> values) => values
        .OfType<string>()
        .GroupBy(value => value, StringComparer.Ordinal)
        .Select(group => ((string?)group.Key, group.Count()))
        .OrderByDescending(candidate => candidate.Item2)
        .ThenBy(candidate => candidate.Item1, StringComparer.Ordinal)
        .FirstOrDefault();

    // Hyndman and Fan's definition 7: linear interpolation between the closest ranks of the sorted values.
    private static double? Percentile(double[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        var position = (sorted.Length - 1) * quantile;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    internal static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;

    internal static SubjectKey Key(SubjectFinding finding) => new(finding.AccountId, finding.EndUserId);

    private static string FoundRule(EvaluationOptions options) => string.Create(
        CultureInfo.InvariantCulture,
        $"a labelled campaign of {options.MinGroupedMembers} or more members is found when at least {options.FoundCompleteness:0.##} of its members "
        + $"(completeness) are in one found campaign (a findings campaign with the end users behind its accounts, or a flagged account with its end users) "
        + $"whose labelled members are at least {options.FoundPurity:0.##} from it (purity); a smaller one when at least half its members are flagged "
        + $"and the found campaign holding most of them, if any, has that purity");
}
