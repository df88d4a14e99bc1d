using System.Runtime.InteropServices;

namespace DistillGuard.Cli.Commands;

/// <summary>Checks and writes the files commands produce; <c>-</c> means standard output.</summary>
internal static class OutputFiles
{
    /// <summary>The path that means standard output.</summary>
    public const string StandardOutputPath = "-";

    // The file type bits of System.Native's FileStatus.Mode (the runtime's own stat, the same on every Unix).
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>
    /// Fails early, before any work, when <paramref name="path"/> cannot be written to: its folder is missing or not
    /// writable, or it names something other than a regular file (a folder, a device such as <c>/dev/full</c>, a pipe,
    /// a socket, a symbolic link), which writing through a renamed temporary file would replace.
    /// </summary>
    /// <param name="path">The output file, or <c>-</c> for standard output.</param>
    /// <param name="what">How to name it in the message, for example <c>findings file</c>.</param>
    /// <exception cref="UsageException">It cannot be written.</exception>
    public static void EnsureWritable(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path == StandardOutputPath)
        {
            return;
        }

        if (Directory.Exists(path))
        {
            throw new UsageException($"{what} '{path}' is a directory");
        }

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException($"folder of {what} '{path}' does not exist");
        }

        if (Path.Exists(full) && !IsRegularFile(full))
        {
            throw new UsageException($"{what} '{path}' is not a regular file (a device, pipe, socket or symbolic link), so it is not replaced; give a regular file, or '-' for standard output");
        }

        // The temporary file is what will be written: a folder that does not take it is reported now, by the name given.
        var probe = TemporaryPath(full);
        try
        {
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose).Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{what} '{path}' cannot be written: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Writes a file through a temporary file beside it that is renamed into place, so that a reader never sees a
    /// half-written file and a failed or interrupted run leaves the previous one (and no temporary file); <c>-</c>
    /// writes to standard output.
    /// </summary>
    /// <param name="path">The file, or <c>-</c>.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <exception cref="UsageException">The file cannot be written.</exception>
    public static async Task WriteAtomicallyAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (path == StandardOutputPath)
        {
            var output = Console.OpenStandardOutput();
            await using (output.ConfigureAwait(false))
            {
                await write(output, cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var full = Path.GetFullPath(path);
        if (Path.Exists(full) && !IsRegularFile(full))
        {
            throw new UsageException($"'{path}' is not a regular file, so it is not replaced");
        }

        var temporary = TemporaryPath(full);
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"'{path}' cannot be written: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Deletes a file a cancelled run left behind, if it is there.</summary>
    /// <param name="path">The file, or <c>-</c> (nothing to delete), or <see langword="null"/>.</param>
    public static void DeletePartial(string? path)
    {
        if (path is null or StandardOutputPath)
        {
            return;
        }

        try
        {
            if (File.Exists(path) && IsRegularFile(Path.GetFullPath(path)))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The run is being interrupted anyway; the file stays, and the interruption is what is reported.
        }
    }

    private static string TemporaryPath(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");

    private static bool IsRegularFile(string full)
    {
        if (OperatingSystem.IsWindows())
        {
            return (File.GetAttributes(full) & (FileAttributes.Device | FileAttributes.ReparsePoint | FileAttributes.Directory)) == 0;
        }

        // lstat through the runtime's own System.Native (FileStatus: Flags, then Mode), so the layout is the same on
        // every Unix and architecture; .NET's FileSystemInfo does not say whether an entry is a device or a pipe.
        Span<byte> status = stackalloc byte[256];
        if (NativeMethods.LStat(full, ref MemoryMarshal.GetReference(status)) != 0)
        {
            return false;
        }

        return (BitConverter.ToInt32(status[4..]) & TypeMask) == RegularFile;
    }

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref byte status);
    }
}
