using System.CommandLine;
using System.CommandLine.Invocation;
using DistillGuard.Ingest;
using DistillGuard.Simulation.Simulator;

namespace DistillGuard.Cli;

/// <summary>The <c>distillguard</c> command.</summary>
internal static class Program
{
    /// <summary>Runs the command line against the console.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> Main(string[] args)
    {
        using var signals = new TerminationSignals();
        return await RunAsync(args, CliContext.ForConsole(), signals.Token).ConfigureAwait(false);
    }

    /// <summary>Runs the command line with the given writers, which are not terminals; the entry point for tests.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, CliContext.ForWriters(output, error), cancellationToken);

    /// <summary>Runs the command line in a context.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="context">Where to write, and the clock.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = CliApplication.CreateRootCommand(context);

        // Bare 'distillguard' asks what the tool does: answer with the help rather than an error.
        var parseResult = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parseResult.Action is ParseErrorAction)
        {
            var command = CommandPath(parseResult);
            var message = string.Join("; ", parseResult.Errors.Select(e => OneLine(e.Message)));
            await context.Error.WriteLineAsync($"{command}: error: {message} (see '{command} --help')").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,

            // Signals are handled by TerminationSignals (Main), which cancels the token given here.
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InputException or UsageException or ScenarioException)
        {
            return await FailAsync(context, ExitCodes.BadInput, ex.Message).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return await FailAsync(context, ExitCodes.BadInput, ex.Message).ConfigureAwait(false);
        }
        catch (Ingestion.IngestServiceException ex)
        {
            return await FailAsync(context, ExitCodes.InternalError, ex.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return await FailAsync(context, ExitCodes.Interrupted, "interrupted").ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The process boundary: any other fault becomes one line and its own exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return await FailAsync(context, ExitCodes.InternalError, $"internal error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
        }
    }

    private static async Task<int> FailAsync(CliContext context, int exitCode, string message)
    {
        await context.Error.WriteLineAsync($"{CliApplication.Name}: error: {OneLine(message)}").ConfigureAwait(false);
        return exitCode;
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string OneLine(string message)
    {
        var lines = message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (text.Length > 0)
            {
                // A line that introduces a list ("Must be one of:") runs on into it.
                text.Append(text[^1] == ':' ? " " : "; ");
            }

            text.Append(line);
        }

        return text.ToString();
    }
}
