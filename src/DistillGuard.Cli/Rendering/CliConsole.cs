using Spectre.Console;

namespace DistillGuard.Cli.Rendering;

/// <summary>Makes Spectre.Console consoles over the CLI's writers.</summary>
internal static class CliConsole
{
    /// <summary>The width tables are laid out in when the output is not a terminal (a file, a pipe, a test).</summary>
    private const int RedirectedWidth = 160;

    /// <summary>Gets a console that writes to <paramref name="writer"/>.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="isTerminal">Whether <paramref name="writer"/> is an interactive terminal: colours and the
    /// terminal's width then, plain text at a fixed width otherwise.</param>
    /// <returns>The console.</returns>
    public static IAnsiConsole Create(TextWriter writer, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
