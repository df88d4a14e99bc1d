using System.CommandLine;
using DistillGuard.Cli.Evaluation;
using DistillGuard.Cli.Rendering;
using DistillGuard.Simulation.Evaluation;

namespace DistillGuard.Cli.Commands;

/// <summary><c>distillguard evaluate</c>: findings against labels, with optional bars that set the exit code.</summary>
internal static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var findings = CliOptions.RequiredPath("--findings", "Findings to evaluate (dg-findings/1, as detect writes it)");
        var labels = CliOptions.RequiredPath("--labels", "Labels of the same traffic (JSON Lines, as simulate writes them)");
        var json = CliOptions.OptionalPath("--json", "Also write the evaluation as JSON to this file", "OUT");
        var bars = new EvaluationBars();
        var command = new Command("evaluate", "Score findings against labels: recall, precision, false positives per population, campaign grouping, harvest before detection, calibration")
        {
            findings, labels,
        };
        bars.AddTo(command);
        command.Add(json);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var jsonPath = parseResult.GetValue(json);
            if (jsonPath is not null)
            {
                OutputFiles.EnsureWritable(jsonPath, "evaluation file");
            }

            var report = await EvaluationJob.EvaluateFilesAsync(parseResult.GetValue(findings)!, parseResult.GetValue(labels)!, bars.GetOptions(parseResult), cancellationToken).ConfigureAwait(false);
            EvaluationJob.EnsureBarsApply(report, bars.GetThresholds(parseResult));
            if (jsonPath is not null)
            {
                await EvaluationJob.WriteJsonAsync(jsonPath, report, cancellationToken).ConfigureAwait(false);
            }

            return await ReportAsync(context, report, bars.GetThresholds(parseResult)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Prints the report and each missed bar; answers the exit code.</summary>
    public static async Task<int> ReportAsync(CliContext context, EvaluationReport report, EvaluationThresholds? thresholds)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        EvaluationJob.EnsureBarsApply(report, thresholds);
        var misses = thresholds is null ? [] : report.Check(thresholds);
        EvaluationView.Write(CliConsole.Create(context.Out, context.OutIsTerminal), report, thresholds, misses);
        foreach (var miss in misses)
        {
            await context.Error.WriteLineAsync($"{CliApplication.Name}: bar missed: {miss}").ConfigureAwait(false);
        }

        return misses.Count == 0 ? ExitCodes.Success : ExitCodes.FailedBar;
    }
}
