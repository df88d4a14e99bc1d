using DistillGuard.Simulation.Evaluation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DistillGuard.Cli.Rendering;

/// <summary>The tables <c>evaluate</c> and <c>demo</c> print: overall, per benign population, per labelled campaign, and the bars.</summary>
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
        console.Write(Campaigns(report.LabelledCampaigns));
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
        table.AddRow("attacker recall, suspicious or worse", Share(recall.Recall), Of(recall.Flagged, recall.Attackers));
        table.AddRow("attacker recall, distillation", Share(recall.RecallAtDistillation), Of(recall.AtDistillation, recall.Attackers));
        table.AddRow("precision of distillation verdicts", Share(precision.Precision), Of(precision.TrueDistillationVerdicts, precision.DistillationVerdicts));
        table.AddRow("benign distillation rate (false positives)", Share(benign.DistillationRate), Of(benign.DistillationVerdicts, benign.Subjects));
        table.AddRow("benign suspicious-or-worse rate", Share(benign.FlaggedRate), Of(benign.FlaggedVerdicts, benign.Subjects));
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

        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();
        return table;
    }

    private static IRenderable Campaigns(IReadOnlyList<LabelledCampaignMetrics> campaigns)
    {
        if (campaigns.Count == 0)
        {
            return new Text("no campaigns labelled");
        }

        var table = new Table()
            .Title("labelled campaigns")
            .Caption($"found: {EvaluationReport.CampaignFoundDefinition}; grouping: share of the flagged members in the findings campaign that holds most of them")
            .AddColumns("campaign", "members", "recall", "found", "grouping");
        foreach (var campaign in campaigns)
        {
            var grouping = campaign.Grouping is { } share
                ? $"{Formatting.Percent(share)} in {campaign.DominantFindingsCampaign ?? "no campaign"} ({Formatting.Count(campaign.FindingsCampaigns)} findings campaigns)"
                : "-";
            table.AddRow(
                new Text(campaign.Campaign),
                new Text(Formatting.Count(campaign.Members)),
                new Text($"{Formatting.Percent(campaign.Recall)} ({Formatting.Count(campaign.Flagged)})"),
                new Text(campaign.Found ? "yes" : "no"),
                new Text(grouping));
        }

        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
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

        return table;
    }

    private static Text Result(IReadOnlyList<EvaluationMiss> misses, EvaluationMetric metric)
    {
        var missed = misses.Where(m => m.Metric == metric).ToList();
        return missed.Count == 0 ? new Text("met") : new Text("MISSED: " + string.Join("; ", missed.Select(m => m.ToString())));
    }

    private static string Share(double? value) => value is { } v ? Formatting.Percent(v) : "n/a";

    private static string Of(int part, int whole) => $"{Formatting.Count(part)} / {Formatting.Count(whole)}";
}
