using System.CommandLine;
using DistillGuard.Cli.Detection;
using DistillGuard.Cli.Evaluation;
using DistillGuard.Cli.Rendering;
using DistillGuard.Cli.Simulation;
using DistillGuard.Ingest;
using Spectre.Console;

namespace DistillGuard.Cli.Commands;

/// <summary><c>distillguard demo</c>: simulate the default scenario, detect, evaluate; the one command to see the tool work.</summary>
internal static class DemoCommand
{
    /// <summary>The scale the demo runs at unless told otherwise: large enough to show every population and campaign, quick on a laptop.</summary>
    public const double DefaultScale = 0.5;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var seed = CliOptions.Seed();
        var scale = CliOptions.Scale(DefaultScale);
        var keep = new Option<bool>("--keep") { Description = "Keep the temporary folder with the traffic, labels, findings and rejects, and print where it is" };
        var bars = new EvaluationBars();
        var command = new Command("demo", "Simulate the default scenario into a temporary folder, run detection over it and evaluate the findings")
        {
            seed, scale, keep,
        };
        bars.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            context,
            parseResult.GetValue(seed),
            parseResult.GetValue(scale),
            parseResult.GetValue(keep),
            bars,
            parseResult,
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CliContext context,
        int seed,
        double scale,
        bool keep,
        EvaluationBars bars,
        ParseResult parseResult,
        CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "distillguard-demo-" + Path.GetRandomFileName());
        var console = CliConsole.Create(context.Out, context.OutIsTerminal);
        try
        {
            console.Write(new Rule("1. simulate: the default scenario").LeftJustified());
            var simulation = await SimulationJob.RunAsync(context, folder, seed, scale, scenarioPath: null, cancellationToken).ConfigureAwait(false);
            SimulationView.Write(console, simulation);
            console.WriteLine();

            console.Write(new Rule("2. detect: the traffic, without its labels, with the provider's allow-list").LeftJustified());
            var findingsPath = Path.Combine(folder, "findings.json");
            var (run, findings) = await DetectionJob.RunAsync(
                context,
                simulation.TrafficPath,
                InputFormat.Exchange,
                findingsPath,
                Path.Combine(folder, "rejects.jsonl"),
                await AllowListFile.ReadAsync(simulation.AllowListPath, cancellationToken).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            FindingsView.Write(console, run, findings);
            console.WriteLine();

            console.Write(new Rule("3. evaluate: the findings against the labels").LeftJustified());
            var report = await EvaluationJob.EvaluateFilesAsync(findingsPath, simulation.LabelsPath, bars.GetOptions(parseResult), cancellationToken).ConfigureAwait(false);
            return await EvaluateCommand.ReportAsync(context, report, bars.GetThresholds(parseResult)).ConfigureAwait(false);
        }
        finally
        {
            if (keep)
            {
                await context.Out.WriteLineAsync($"kept {folder}").ConfigureAwait(false);
            }
            else if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
