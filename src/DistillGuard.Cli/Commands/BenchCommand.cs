using System.CommandLine;
using System.Text.Json;
using DistillGuard.Cli.Bench;
using DistillGuard.Cli.Rendering;
using DistillGuard.Ingest;

namespace DistillGuard.Cli.Commands;

/// <summary><c>distillguard bench</c>: detection's throughput against a parse floor on one file, and memory per subject.</summary>
internal static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var input = CliOptions.RequiredPath("--input", "Exchange log to measure on (plain or gzip; read several times, so not standard input)");
        var format = CliOptions.Format();
        var runs = CliOptions.AtLeast(new Option<int>("--runs") { Description = "Timed runs of each pass, after one warm-up pass of each", DefaultValueFactory = _ => 5, HelpName = "N" }, 1);
        var subjects = CliOptions.AtLeast(new Option<int>("--subjects") { Description = "Subjects of the memory probe (0 skips it)", DefaultValueFactory = _ => 1_000_000, HelpName = "N" }, 0);
        var perSubject = CliOptions.AtLeast(new Option<int>("--exchanges-per-subject") { Description = "Synthetic exchanges per subject in the memory probe", DefaultValueFactory = _ => 4, HelpName = "N" }, 1);
        var seed = new Option<int>("--seed") { Description = "Seed of the memory probe's synthetic traffic", DefaultValueFactory = _ => CliOptions.DefaultSeed, HelpName = "N" };
        var json = CliOptions.OptionalPath("--json", "Also write the figures as JSON to this file", "OUT");

        // The floor's own process: bench starts it, and tells it over standard input when to run a pass.
        var floorPasses = new Option<bool>(FloorProcess.ServeOption) { Hidden = true };
        var command = new Command("bench", "Measure detection against a single-threaded JSON parse of the same file, and the engine's memory per subject")
        {
            input, format, runs, subjects, perSubject, seed, json, floorPasses,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var settings = new BenchSettings
            {
                Input = parseResult.GetValue(input)!,
                Format = CliOptions.ParseFormat(parseResult.GetValue(format)),
                Runs = parseResult.GetValue(runs),
                Subjects = parseResult.GetValue(subjects),
                ExchangesPerSubject = parseResult.GetValue(perSubject),
                Seed = parseResult.GetValue(seed),
            };
            if (parseResult.GetValue(floorPasses))
            {
                FloorProcess.Serve(settings, Console.In, context.Out);
                return Task.FromResult(ExitCodes.Success);
            }

            return ExecuteAsync(context, settings, parseResult.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, BenchSettings settings, string? jsonPath, CancellationToken cancellationToken)
    {
        if (settings.Input == ExchangeInput.StandardInputPath)
        {
            throw new UsageException("bench reads its input several times; give a file, not standard input");
        }

        // Opening it once up front turns a missing file into the usual one-line error before any work.
        await ExchangeInput.Open(settings.Input).DisposeAsync().ConfigureAwait(false);
        if (jsonPath is not null)
        {
            OutputFiles.EnsureWritable(jsonPath, "bench report");
        }

        if (!BenchRunner.IsOptimized())
        {
            await context.Error.WriteLineAsync("distillguard: warning: this is a Debug build; build with -c Release for figures worth quoting").ConfigureAwait(false);
        }

        var report = await ProgressDisplay.RunWithStatusAsync(
            context,
            phase => BenchRunner.RunAsync(settings, context.Time, phase, cancellationToken)).ConfigureAwait(false);

        BenchView.Write(CliConsole.Create(context.Out, context.OutIsTerminal), report);
        if (jsonPath is not null)
        {
            await OutputFiles.WriteAtomicallyAsync(
                jsonPath,
                (stream, ct) => JsonSerializer.SerializeAsync(stream, report, BenchJsonContext.Default.BenchReport, ct),
                cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
