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
            // The caller knows whether the writer is a terminal; Spectre's own detection looks at the process's other
            // streams (stdout redirected, stdin a pipe) and then falls back to a renderer that prints the first state
            // of a progress display and leaves it on screen.
            Ansi = isTerminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
