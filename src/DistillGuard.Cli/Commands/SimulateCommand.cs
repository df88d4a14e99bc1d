using System.CommandLine;
using DistillGuard.Cli.Rendering;
using DistillGuard.Cli.Simulation;

namespace DistillGuard.Cli.Commands;

/// <summary><c>distillguard simulate</c>: synthetic traffic and its labels from a scenario.</summary>
internal static class SimulateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var output = CliOptions.RequiredPath("--out", $"Folder to write {SimulationJob.TrafficFile}, {SimulationJob.LabelsFile} and {SimulationJob.AllowListFile} to (created if missing)", "DIR");
        var seed = CliOptions.Seed();
        var scale = CliOptions.Scale(1.0);
        var scenario = CliOptions.OptionalPath("--scenario", "Scenario file (JSON); the built-in default scenario when not given");
        var command = new Command("simulate", "Write synthetic API traffic with benign populations and distillation campaigns, its labels, and the accounts the provider allow-lists")
        {
            output, seed, scale, scenario,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var written = await SimulationJob.RunAsync(
                context,
                parseResult.GetValue(output)!,
                parseResult.GetValue(seed),
                parseResult.GetValue(scale),
                parseResult.GetValue(scenario),
                cancellationToken).ConfigureAwait(false);
            SimulationView.Write(CliConsole.Create(context.Out, context.OutIsTerminal), written);
            return ExitCodes.Success;
        });
        return command;
    }
}
