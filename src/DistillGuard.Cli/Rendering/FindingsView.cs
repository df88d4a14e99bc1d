using System.Text;
using DistillGuard.Cli.Detection;
using DistillGuard.Core.Findings;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DistillGuard.Cli.Rendering;

/// <summary>The summary <c>detect</c> prints: the input's counts, the campaigns and the subjects most likely to be distilling.</summary>
internal static class FindingsView
{
    /// <summary>How many subjects the summary lists.</summary>
    public const int TopSubjects = 15;

    /// <summary>How many signals are shown per subject.</summary>
    private const int SignalsPerSubject = 2;

    /// <summary>Writes the summary.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="run">The detection run, for its counts.</param>
    /// <param name="findings">The findings of the run.</param>
    public static void Write(IAnsiConsole console, DetectionRun run, FindingsDocument findings)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(findings);
        console.Write(Counts(run, findings));
        console.WriteLine();
        console.Write(Campaigns(findings.Campaigns));
        console.WriteLine();
        console.Write(Subjects(findings.Subjects));
    }

    private static Table Counts(DetectionRun run, FindingsDocument findings)
    {
        var input = findings.Input;
        var flagged = 0;
        var distilling = 0;
        foreach (var subject in findings.Subjects)
        {
            flagged += subject.Verdict >= Verdict.Suspicious ? 1 : 0;
            distilling += subject.Verdict == Verdict.Distillation ? 1 : 0;
        }

        var table = new Table().Title("input").AddColumns("lines", "accepted", "rejected", "duplicates", "late", "first", "last", "subjects", "suspicious+", "distillation", "campaigns");
        table.AddRow(
            Formatting.Count(input.Lines),
            Formatting.Count(input.Accepted),
            Formatting.Count(input.Rejected),
            Formatting.Count(input.Duplicates),
            Formatting.Count(run.Late),
            Formatting.Timestamp(input.FirstTimestamp),
            Formatting.Timestamp(input.LastTimestamp),
            Formatting.Count(findings.Subjects.Count),
            Formatting.Count(flagged),
            Formatting.Count(distilling),
            Formatting.Count(findings.Campaigns.Count));
        return RightAligned(table, 0, 1, 2, 3, 4, 7, 8, 9, 10);
    }

    private static IRenderable Campaigns(IReadOnlyList<CampaignFinding> campaigns)
    {
        if (campaigns.Count == 0)
        {
            return new Text("no campaigns");
        }

        var table = new Table().Title("campaigns").AddColumns("id", "score", "accounts", "summary");
        foreach (var campaign in campaigns.OrderByDescending(c => c.Score).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            table.AddRow(
                new Text(campaign.Id),
                new Text(Formatting.Score(campaign.Score)),
                new Text(Formatting.Count(campaign.Subjects.Count)),
                new Text(campaign.Summary));
        }

        return RightAligned(table, 1, 2);
    }

    private static IRenderable Subjects(IReadOnlyList<SubjectFinding> subjects)
    {
        if (subjects.Count == 0)
        {
            return new Text("no subjects");
        }

        // The engine orders subjects by descending score already; the view does not rely on it.
        var top = subjects.OrderByDescending(s => s.Score).Take(TopSubjects).ToList();
        var table = new Table()
            .Title(top.Count < subjects.Count ? $"top {top.Count} of {Formatting.Count(subjects.Count)} subjects" : "subjects")
            .AddColumns("subject", "verdict", "score", "exchanges", "top signals");
        foreach (var subject in top)
        {
            table.AddRow(
                new Text(new SubjectKey(subject.AccountId, subject.EndUserId).ToString()),
                new Text(Formatting.Verdict(subject.Verdict)),
                new Text(Formatting.Score(subject.Score)),
                new Text(Formatting.Count(subject.Exchanges)),
                new Text(TopSignals(subject.Signals)));
        }

        return RightAligned(table, 2, 3);
    }

    private static string TopSignals(IReadOnlyList<SignalResult> signals)
    {
        if (signals.Count == 0)
        {
            return "-";
        }

        var text = new StringBuilder();
        foreach (var signal in signals.OrderByDescending(s => s.Contribution).Take(SignalsPerSubject))
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(signal.Name).Append(" (").Append(Formatting.Score(signal.Value)).Append("): ").Append(signal.Evidence);
        }

        return text.ToString();
    }

    private static Table RightAligned(Table table, params int[] columns)
    {
        foreach (var column in columns)
        {
            table.Columns[column].RightAligned();
        }

        return table;
    }
}
