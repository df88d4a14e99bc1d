using System.CommandLine;
using DistillGuard.Cli.Detection;
using DistillGuard.Cli.Rendering;
using DistillGuard.Ingest;

namespace DistillGuard.Cli.Commands;

/// <summary><c>distillguard detect</c>: an exchange log in, <c>dg-findings/1</c> out, and a summary on the console.</summary>
internal static class DetectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var input = CliOptions.RequiredPath("--input", "Exchange log to read (plain or gzip, recognised by its bytes); '-' reads standard input", "FILE|-");
        var format = CliOptions.Format();
        var output = CliOptions.RequiredPath("--output", "Where to write the findings (dg-findings/1 JSON); '-' writes them to standard output (the summary then goes to standard error)", "FILE|-");
        var rejects = CliOptions.OptionalPath("--rejects", "Where to write rejected lines as JSON Lines: line number, reason, raw text");
        var allowList = CliOptions.AllowList();
        var command = new Command("detect", "Run detection over an exchange log and write the findings")
        {
            input, format, output, rejects, allowList,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var outputPath = parseResult.GetValue(output)!;
            var rejectsPath = parseResult.GetValue(rejects);

            // Read before the input, so a bad allow-list stops the run before anything is written.
            var allowed = parseResult.GetValue(allowList) is { } allowListPath
                ? await AllowListFile.ReadAsync(allowListPath, cancellationToken).ConfigureAwait(false)
                : null;
            DetectionRun run;
            Core.Findings.FindingsDocument findings;
            try
            {
                (run, findings) = await DetectionJob.RunAsync(
                    context,
                    parseResult.GetValue(input)!,
                    CliOptions.ParseFormat(parseResult.GetValue(format)),
                    outputPath,
                    rejectsPath,
                    allowed,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Interrupted: the rejects file was truncated when the run began and holds only part of the rejections.
                OutputFiles.DeletePartial(rejectsPath);
                throw;
            }

            var summaryWriter = outputPath == OutputFiles.StandardOutputPath ? context.Error : context.Out;
            var summaryIsTerminal = outputPath == OutputFiles.StandardOutputPath ? context.ErrorIsTerminal : context.OutIsTerminal;
            FindingsView.Write(CliConsole.Create(summaryWriter, summaryIsTerminal), run, findings);
            if (run.Summary is { Accepted: 0, Rejected: > 0 } summary)
            {
                throw new InputException($"accepted 0 of {Formatting.Count(summary.Lines)} lines: every line was rejected{(rejectsPath is null ? " (--rejects FILE says why)" : $" (see {rejectsPath})")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
