using DistillGuard.Ingest;

namespace DistillGuard.Cli.Commands;

/// <summary>Opens the documents commands read whole (findings, labels), turning a missing file into a one-line error.</summary>
internal static class InputFiles
{
    /// <summary>Opens <paramref name="path"/> for reading, decompressing it if it is gzip.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">How to name it in a message, for example <c>labels file</c>.</param>
    /// <returns>The stream; the caller disposes it.</returns>
    /// <exception cref="InputException">The file does not exist or cannot be read.</exception>
    public static Stream Open(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path != ExchangeInput.StandardInputPath && !File.Exists(path))
        {
            throw new InputException(Directory.Exists(path) ? $"{what} '{path}' is a directory, not a file" : $"{what} '{path}' not found");
        }

        return ExchangeInput.Open(path);
    }
}
