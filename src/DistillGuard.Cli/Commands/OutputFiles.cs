namespace DistillGuard.Cli.Commands;

/// <summary>Checks and writes the files commands produce.</summary>
internal static class OutputFiles
{
    /// <summary>Fails early, before any work, when <paramref name="path"/> cannot be written to.</summary>
    /// <param name="path">The output file.</param>
    /// <param name="what">How to name it in the message, for example <c>findings file</c>.</param>
    /// <exception cref="UsageException">Its folder does not exist, or it is a folder.</exception>
    public static void EnsureWritable(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new UsageException($"{what} '{path}' is a directory");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException($"folder of {what} '{path}' does not exist");
        }
    }

    /// <summary>
    /// Writes a file through a temporary file beside it that is renamed into place, so that a reader never sees a
    /// half-written file and a failed run leaves the previous one.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    public static async Task WriteAtomicallyAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
