using DistillGuard.Ingest.Reading;

namespace DistillGuard.Ingest;

/// <summary>Opens an input of exchanges: a file or standard input, plain or gzip-compressed.</summary>
public static class ExchangeInput
{
    /// <summary>The path that means standard input.</summary>
    public const string StandardInputPath = "-";

    private const int FileBufferSize = 64 * 1024;

    /// <summary>
    /// Opens <paramref name="path"/> for reading; <c>-</c> means standard input. Gzip is recognised by its magic
    /// bytes (<c>1f 8b</c>) whatever the file is called, and decompressed as it is read.
    /// </summary>
    /// <param name="path">A file path, or <c>-</c> for standard input.</param>
    /// <returns>A readable, forward-only stream of the uncompressed bytes; the caller disposes it.</returns>
    /// <exception cref="InputException">The file does not exist, is a directory, or cannot be opened.</exception>
    /// <remarks>
    /// Gzip is decompressed member by member and every member's CRC-32 and length are checked, so a corrupt
    /// or truncated file fails when it is read (with an <see cref="InvalidDataException"/>, which
    /// <see cref="ExchangeStreamReader"/> reports as an <see cref="InputException"/> with the line it reached)
    /// instead of ending early as if it were complete, which is what <see cref="System.IO.Compression.GZipStream"/>
    /// does by default.
    /// </remarks>
    public static Stream Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path == StandardInputPath)
        {
            return OpenStream(Console.OpenStandardInput(), "standard input");
        }

        if (Directory.Exists(path))
        {
            throw new InputException($"input path '{path}' is a directory, not a file");
        }

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"input file '{path}' not found", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InputException($"input file '{path}' cannot be read: permission denied", ex);
        }
        catch (IOException ex)
        {
            throw new InputException($"input file '{path}' cannot be read: {ex.Message}", ex);
        }

        try
        {
            return OpenStream(file, $"input file '{path}'");
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Wraps <paramref name="source"/> in a decompressing stream if it starts with the gzip magic bytes.</summary>
    /// <param name="source">The raw input; it is owned by the returned stream.</param>
    /// <param name="description">How to name the input in an error message.</param>
    /// <returns>The stream to read.</returns>
    internal static Stream OpenStream(Stream source, string description)
    {
        Span<byte> magic = stackalloc byte[2];
        int read;
        try
        {
            read = source.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        }
        catch (IOException ex)
        {
            throw new InputException($"{description} cannot be read: {ex.Message}", ex);
        }

        bool isGzip = read == 2 && magic[0] == GzipReadStream.Id1 && magic[1] == GzipReadStream.Id2;
        Stream stream;
        if (source.CanSeek)
        {
            source.Seek(-read, SeekOrigin.Current);
            stream = source;
        }
        else
        {
            stream = new PrefixedStream(magic[..read].ToArray(), source);
        }

        return isGzip ? new GzipReadStream(stream) : stream;
    }
}
