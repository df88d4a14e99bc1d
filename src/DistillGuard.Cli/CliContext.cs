namespace DistillGuard.Cli;

/// <summary>Where a command writes and what it may ask of its surroundings; tests pass their own.</summary>
/// <param name="Out">Standard output: summaries and tables.</param>
/// <param name="Error">Standard error: errors and progress.</param>
/// <param name="ErrorIsTerminal">Whether <paramref name="Error"/> is an interactive terminal; progress is drawn only then.</param>
/// <param name="OutIsTerminal">Whether <paramref name="Out"/> is an interactive terminal; colours are used only then.</param>
/// <param name="Time">The clock, for the findings' <c>generated_at</c> and for timing.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, bool ErrorIsTerminal, bool OutIsTerminal, TimeProvider Time)
{
    /// <summary>Gets the context of the process: the console's streams and the system clock.</summary>
    public static CliContext ForConsole() =>
        new(Console.Out, Console.Error, !Console.IsErrorRedirected, !Console.IsOutputRedirected, TimeProvider.System);

    /// <summary>Gets a context over two writers that are not terminals.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="time">The clock; the system clock when <see langword="null"/>.</param>
    public static CliContext ForWriters(TextWriter output, TextWriter error, TimeProvider? time = null) =>
        new(output, error, false, false, time ?? TimeProvider.System);
}
