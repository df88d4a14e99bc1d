using System.CommandLine;
using DistillGuard.Cli.Detection;
using DistillGuard.Cli.Rendering;

namespace DistillGuard.Cli.Commands;

/// <summary><c>distillguard detect</c>: an exchange log in, <c>dg-findings/1</c> out, and a summary on the console.</summary>
internal static class DetectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var input = CliOptions.RequiredPath("--input", "Exchange log to read (plain or gzip, recognised by its bytes); '-' reads standard input", "FILE|-");
        var format = CliOptions.Format();
        var output = CliOptions.RequiredPath("--output", "Where to write the findings (dg-findings/1 JSON)");
        var rejects = CliOptions.OptionalPath("--rejects", "Where to write rejected lines as JSON Lines: line number, reason, raw text");
        var command = new Command("detect", "Run detection over an exchange log and write the findings")
        {
            input, format, output, rejects,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (run, findings) = await DetectionJob.RunAsync(
                context,
                parseResult.GetValue(input)!,
                CliOptions.ParseFormat(parseResult.GetValue(format)),
                parseResult.GetValue(output)!,
                parseResult.GetValue(rejects),
                cancellationToken).ConfigureAwait(false);
            FindingsView.Write(CliConsole.Create(context.Out, context.OutIsTerminal), run, findings);
            return ExitCodes.Success;
        });
        return command;
    }
}
