using DistillGuard.Simulation.Evaluation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DistillGuard.Cli.Rendering;

/// <summary>
/// The tables <c>evaluate</c> and <c>demo</c> print: overall, per benign population, per labelled campaign, per found
/// campaign, the harvest before detection, the calibration, and the bars.
/// </summary>
internal static class EvaluationView
{
    /// <summary>Writes the report, and the bars when there are any.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="report">The report.</param>
    /// <param name="thresholds">The bars, or <see langword="null"/>.</param>
    /// <param name="misses">The bars missed.</param>
    public static void Write(IAnsiConsole console, EvaluationReport report, EvaluationThresholds? thresholds, IReadOnlyList<EvaluationMiss> misses)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(misses);
        console.Write(Overall(report));
        console.WriteLine();
        console.Write(Populations(report.Populations));
        console.WriteLine();
        console.Write(Campaigns(report));
        console.WriteLine();
        console.Write(FoundCampaigns(report.FindingsCampaigns));
        console.WriteLine();
        console.Write(Harvest(report.Harvest));
        console.WriteLine();
        console.Write(Calibration(report.Calibration));
        if (thresholds is not null)
        {
            console.WriteLine();
            console.Write(Bars(thresholds, misses));
        }
    }

    private static Table Overall(EvaluationReport report)
    {
        var counts = report.Counts;
        var table = new Table()
            .Title("evaluation")
            .Caption($"{Formatting.Count(counts.Labels)} labels ({Formatting.Count(counts.AttackerLabels)} distillation, {Formatting.Count(counts.BenignLabels)} benign); "
                + $"{Formatting.Count(counts.UnlabelledSubjects)} findings subjects without a label; {Formatting.Count(counts.LabelsWithoutFinding)} labels without a finding")
            .AddColumns("measure", "value", "of");
        var recall = report.Recall;
        var precision = report.Precision;
        var benign = report.Benign;
        var delay = report.DetectionDelay;
        var grouping = report.Grouping;
        table.AddRow("attacker recall, suspicious or worse", Share(recall.Recall), Of(recall.Flagged, recall.Attackers));
        table.AddRow("attacker recall, distillation", Share(recall.RecallAtDistillation), Of(recall.AtDistillation, recall.Attackers));
        table.AddRow("precision of distillation verdicts", Share(precision.Precision), Of(precision.TrueDistillationVerdicts, precision.DistillationVerdicts));
        table.AddRow("benign distillation rate (false positives)", Share(benign.DistillationRate), Of(benign.DistillationVerdicts, benign.Subjects));
        table.AddRow("benign suspicious-or-worse rate", Share(benign.FlaggedRate), Of(benign.FlaggedVerdicts, benign.Subjects));
        table.AddRow("campaigns found (grouped, see below)", Formatting.Count(grouping.CampaignsFound), $"of {Formatting.Count(grouping.LabelledCampaigns)} labelled campaigns");
        table.AddRow(
            "campaign purity, mean",
            Share(grouping.Purity),
            $"{Formatting.Count(grouping.FoundCampaigns)} found campaigns; member-weighted {Share(grouping.PurityWeighted)}");
        table.AddRow(
            "campaign completeness, mean",
            Share(grouping.Completeness),
            $"{Formatting.Count(grouping.GroupedCampaigns)} labelled campaigns; member-weighted {Share(grouping.CompletenessWeighted)}");
        if (report.Harvest is { Overall: var harvest })
        {
            table.AddRow(
                "output tokens served before distillation",
                Share(harvest.TokenShareBeforeDistillation),
                $"{Formatting.Count(harvest.OutputTokensBeforeDistillation)} / {Formatting.Count(harvest.OutputTokens)} tokens");
        }

        table.AddRow(
            "median detection delay",
            delay.MedianFraction is { } fraction ? $"{Formatting.Percent(fraction)} of its exchanges" : "n/a",
            delay.MedianExchangesBeforeFlag is { } exchanges ? $"{Formatting.Number(exchanges, 0)} exchanges, {Formatting.Count(delay.Measured)} attackers" : "-");
        if (precision.UnlabelledDistillationVerdicts > 0)
        {
            table.AddRow("distillation verdicts on unlabelled subjects", Formatting.Count(precision.UnlabelledDistillationVerdicts), "-");
        }

        table.Columns[1].RightAligned();
        return table;
    }

    private static IRenderable Populations(IReadOnlyList<BenignRateMetrics> populations)
    {
        if (populations.Count == 0)
        {
            return new Text("no benign populations labelled");
        }

        var table = new Table().Title("benign populations").AddColumns("population", "subjects", "distillation rate", "suspicious+ rate");
        foreach (var population in populations)
        {
            table.AddRow(
                new Text(population.Population ?? "-"),
                new Text(Formatting.Count(population.Subjects)),
                new Text($"{Share(population.DistillationRate)} ({Formatting.Count(population.DistillationVerdicts)})"),
                new Text($"{Share(population.FlaggedRate)} ({Formatting.Count(population.FlaggedVerdicts)})"));
        }

        RightAlign(table, 1, 2, 3);
        return table;
    }

    private static IRenderable Campaigns(EvaluationReport report)
    {
        var campaigns = report.LabelledCampaigns;
        if (campaigns.Count == 0)
        {
            return new Text("no campaigns labelled");
        }

        var table = new Table()
            .Title("labelled campaigns")
            .Caption($"found: {report.FoundCampaignRule}")
            .AddColumns("campaign", "members", "recall", "best found campaign", "completeness", "its purity", "found");
        foreach (var campaign in campaigns)
        {
            var best = campaign.DominantFindingsCampaign is { } id
                ? $"{id} ({Formatting.Count(campaign.InDominantFindingsCampaign)}; {Formatting.Count(campaign.FindingsCampaigns)} found campaigns)"
                : "none";
            table.AddRow(
                new Text(campaign.Campaign),
                new Text(Formatting.Count(campaign.Members)),
                new Text($"{Formatting.Percent(campaign.Recall)} ({Formatting.Count(campaign.Flagged)})"),
                new Text(best),
                new Text(campaign.Completeness is { } completeness ? Formatting.Percent(completeness) : "-"),
                new Text(Share(campaign.DominantFindingsCampaignPurity)),
                new Text(campaign.Found ? "yes" : "no"));
        }

        RightAlign(table, 1, 2, 4, 5);
        return table;
    }

    private static IRenderable FoundCampaigns(IReadOnlyList<FindingsCampaignMetrics> found)
    {
        if (found.Count == 0)
        {
            return new Text("no campaigns found");
        }

        var table = new Table()
            .Title("found campaigns")
            .Caption("purity: share of the labelled members from the labelled campaign most of them belong to; benign members count against it")
            .AddColumns("found campaign", "members", "labelled", "benign", "most from", "purity");
        foreach (var campaign in found)
        {
            table.AddRow(
                new Text(campaign.Kind == FoundCampaignKind.Account ? $"{campaign.Id} (account with its end users)" : campaign.Id),
                new Text(Formatting.Count(campaign.Members)),
                new Text(Formatting.Count(campaign.LabelledMembers)),
                new Text(Formatting.Count(campaign.BenignMembers)),
                new Text(campaign.DominantLabelledCampaign is { } dominant ? $"{dominant} ({Formatting.Count(campaign.DominantMembers)})" : "-"),
                new Text(Share(campaign.Purity)));
        }

        RightAlign(table, 1, 2, 3, 5);
        return table;
    }

    private static IRenderable Harvest(HarvestReport? harvest)
    {
        if (harvest is null)
        {
            return new Text("harvest before detection: unavailable (the findings carry no output_tokens)");
        }

        var table = new Table()
            .Title("harvest before detection")
            .Caption("served before each member's first suspicious and first distillation verdict (an account's verdict covers its end users); "
                + "tokens are visible output tokens (completion minus reasoning); burned: members stopped by the end")
            .AddColumns("campaign", "members", "exchanges", "before suspicious", "before distillation", "output tokens", "before suspicious", "before distillation", "burned", "per 10k harvested");
        foreach (var row in harvest.Campaigns.Append(harvest.Overall))
        {
            table.AddRow(
                new Text(row.Campaign ?? "all attackers"),
                new Text(Formatting.Count(row.Members)),
                new Text(Formatting.Count(row.Exchanges)),
                new Text(Share(row.ExchangeShareBeforeFlag)),
                new Text(Share(row.ExchangeShareBeforeDistillation)),
                new Text(Formatting.Count(row.OutputTokens)),
                new Text(Share(row.TokenShareBeforeFlag)),
                new Text(Share(row.TokenShareBeforeDistillation)),
                new Text(Formatting.Count(row.Burned)),
                new Text(row.BurnedPerTenThousandExchanges is { } burned ? Formatting.Number(burned, 1) : "-"));
        }

        RightAlign(table, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        return table;
    }

    private static Table Calibration(CalibrationMetrics calibration)
    {
        var table = new Table()
            .Title("calibration")
            .Caption($"labelled subjects by score; expected calibration error {Share(calibration.ExpectedCalibrationError)}, "
                + $"Brier score {(calibration.BrierScore is { } brier ? Formatting.Number(brier, 4) : "n/a")}")
            .AddColumns("score", "subjects", "attackers", "attacker share", "mean score");
        foreach (var band in calibration.Bands)
        {
            var upper = band.Upper >= 1 ? $"{Formatting.Score(band.Upper)}]" : $"{Formatting.Score(band.Upper)})";
            table.AddRow(
                new Text($"[{Formatting.Score(band.Lower)}, {upper}"),
                new Text(Formatting.Count(band.Subjects)),
                new Text(Formatting.Count(band.Attackers)),
                new Text(Share(band.AttackerShare)),
                new Text(band.MeanScore is { } mean ? Formatting.Number(mean, 3) : "-"));
        }

        RightAlign(table, 1, 2, 3, 4);
        return table;
    }

    private static Table Bars(EvaluationThresholds thresholds, IReadOnlyList<EvaluationMiss> misses)
    {
        var table = new Table().Title("bars").AddColumns("bar", "result");
        table.AddRow(new Text($"attacker recall ≥ {Formatting.Score(thresholds.MinRecall)}"), Result(misses, EvaluationMetric.AttackerRecall));
        table.AddRow(new Text($"benign distillation rate ≤ {Formatting.Score(thresholds.MaxFpr)}, overall and per population"), Result(misses, EvaluationMetric.BenignDistillationRate));
        if (thresholds.MinPrecision is { } minPrecision)
        {
            table.AddRow(new Text($"distillation precision ≥ {Formatting.Score(minPrecision)}"), Result(misses, EvaluationMetric.DistillationPrecision));
        }

        if (thresholds.MinPurity is { } minPurity)
        {
            table.AddRow(new Text($"campaign purity, mean ≥ {Formatting.Score(minPurity)}"), Result(misses, EvaluationMetric.CampaignPurity));
        }

        if (thresholds.MinCompleteness is { } minCompleteness)
        {
            table.AddRow(new Text($"campaign completeness, mean ≥ {Formatting.Score(minCompleteness)}"), Result(misses, EvaluationMetric.CampaignCompleteness));
        }

        if (thresholds.MaxHarvestShare is { } maxHarvest)
        {
            table.AddRow(new Text($"output tokens served before distillation ≤ {Formatting.Score(maxHarvest)}, overall and per campaign"), Result(misses, EvaluationMetric.HarvestShare));
        }

        return table;
    }

    private static Text Result(IReadOnlyList<EvaluationMiss> misses, EvaluationMetric metric)
    {
        var missed = misses.Where(m => m.Metric == metric).ToList();
        return missed.Count == 0 ? new Text("met") : new Text("MISSED: " + string.Join("; ", missed.Select(m => m.ToString())));
    }

    private static void RightAlign(Table table, params int[] columns)
    {
        foreach (var column in columns)
        {
            table.Columns[column].RightAligned();
        }
    }

    private static string Share(double? value) => value is { } v ? Formatting.Percent(v) : "n/a";

    private static string Of(int part, int whole) => $"{Formatting.Count(part)} / {Formatting.Count(whole)}";
}
