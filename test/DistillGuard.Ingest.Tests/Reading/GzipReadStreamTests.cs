using System.IO.Compression;
using System.Text;
using DistillGuard.Ingest.Reading;

namespace DistillGuard.Ingest.Tests.Reading;

public sealed class GzipReadStreamTests
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes(string.Concat(
        Enumerable.Range(0, 4000).Select(i => $"{{\"id\":\"ex_{i}\",\"text\":\"{new string((char)('a' + (i % 26)), i % 97)}\"}}\n")));

    private static byte[] ReadAll(Stream stream, bool async, int bufferSize = 4096)
    {
        using var output = new MemoryStream();
        byte[] buffer = new byte[bufferSize];
        int read;
        while ((read = async ? stream.ReadAsync(buffer).AsTask().GetAwaiter().GetResult() : stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] compressed, bool async = true, int chunk = int.MaxValue)
    {
        using var stream = new GzipReadStream(new ChunkedStream(compressed, chunk));
        return ReadAll(stream, async);
    }

    [Theory]
    [InlineData(true, int.MaxValue)]
    [InlineData(false, int.MaxValue)]
    [InlineData(true, 7)]
    public void Read_ValidGzip_YieldsTheOriginalBytes(bool async, int chunk)
    {
        // Arrange
        byte[] compressed = TempDirectory.Gzip(Content);

        // Act
        byte[] result = Decompress(compressed, async, chunk);

        // Assert
        Assert.Equal(Content, result);
    }

    [Fact]
    public void Read_ConcatenatedMembers_YieldsAllOfThem()
    {
        // Arrange
        byte[] compressed = [.. TempDirectory.Gzip("first\n"), .. TempDirectory.Gzip([]), .. TempDirectory.Gzip(Content), .. TempDirectory.Gzip("last\n")];

        // Act
        byte[] result = Decompress(compressed, chunk: 5);

        // Assert
        Assert.Equal([.. Encoding.UTF8.GetBytes("first\n"), .. Content, .. Encoding.UTF8.GetBytes("last\n")], result);
    }

    [Fact]
    public void Read_HeaderWithNameCommentExtraAndCrc_IsSkipped()
    {
        // Arrange
        byte[] plain = TempDirectory.Gzip("hello\n");
        byte[] deflateAndTrailer = plain[10..];
        byte[] header = [0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3, 3, 0, (byte)'a', (byte)'b', (byte)'c', .. Encoding.ASCII.GetBytes("traffic.jsonl"), 0, .. Encoding.ASCII.GetBytes("a comment"), 0, 0x12, 0x34];

        // Act
        byte[] result = Decompress([.. header, .. deflateAndTrailer]);

        // Assert
        Assert.Equal("hello\n", Encoding.UTF8.GetString(result));
    }

    [Fact]
    public void Read_TruncatedAnywhere_Throws()
    {
        // Arrange
        byte[] compressed = TempDirectory.Gzip(Content);

        // Act
        // Assert
        for (int length = 1; length < compressed.Length; length += Math.Max(1, compressed.Length / 200))
        {
            byte[] truncated = compressed[..length];
            Assert.Throws<InvalidDataException>(() => Decompress(truncated));
        }

        Assert.Throws<InvalidDataException>(() => Decompress(compressed[..^1]));
        Assert.Throws<InvalidDataException>(() => Decompress(compressed[..^8]));
    }

    [Fact]
    public void Read_WrongCrc_Throws()
    {
        // Arrange
        byte[] compressed = TempDirectory.Gzip(Content);
        compressed[^6] ^= 0x01;

        // Act
        var error = Assert.Throws<InvalidDataException>(() => Decompress(compressed));

        // Assert
        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CorruptDeflateData_Throws()
    {
        // Arrange
        byte[] compressed = TempDirectory.Gzip(Content);
        for (int i = 40; i < 60; i++)
        {
            compressed[i] ^= 0x5a;
        }

        // Act
        // Assert
        Assert.Throws<InvalidDataException>(() => Decompress(compressed));
    }

    [Fact]
    public void Read_TrailingGarbage_Throws()
    {
        // Arrange
        byte[] compressed = [.. TempDirectory.Gzip(Content), .. "junk"u8];

        // Act
        // Assert
        Assert.Throws<InvalidDataException>(() => Decompress(compressed));
    }

    [Fact]
    public void Read_UnsupportedMethod_Throws()
    {
        // Arrange
        byte[] compressed = TempDirectory.Gzip(Content);
        compressed[2] = 7;

        // Act
        var error = Assert.Throws<InvalidDataException>(() => Decompress(compressed));

        // Assert
        Assert.Contains("compression method 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MatchesGZipStreamOnLargeInput()
    {
        // Arrange
        byte[] big = [.. Enumerable.Range(0, 20).SelectMany(_ => Content)];
        byte[] compressed = TempDirectory.Gzip(big);
        using var reference = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);

        // Act
        byte[] result = Decompress(compressed, chunk: 65_536);

        // Assert
        Assert.Equal(ReadAll(reference, async: false), result);
    }
}
