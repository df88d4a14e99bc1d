namespace DistillGuard.Ingest.Tests;

public sealed class ExchangeInputTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string ReadToEnd(Stream stream)
    {
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public void Open_PlainFile_ReadsItsBytes()
    {
        // Arrange
        string path = _directory.File("traffic.jsonl", "{\"a\":1}\n");

        // Act
        using Stream stream = ExchangeInput.Open(path);

        // Assert
        Assert.Equal("{\"a\":1}\n", ReadToEnd(stream));
    }

    [Theory]
    [InlineData("traffic.jsonl.gz")]
    [InlineData("traffic.jsonl")]
    [InlineData("no-extension")]
    public void Open_GzipFileWhateverItsName_IsDecompressed(string name)
    {
        // Arrange
        string path = _directory.File(name, TempDirectory.Gzip("{\"a\":1}\n{\"b\":2}\n"));

        // Act
        using Stream stream = ExchangeInput.Open(path);

        // Assert
        Assert.Equal("{\"a\":1}\n{\"b\":2}\n", ReadToEnd(stream));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    public void Open_FileShorterThanTheMagic_IsReadAsPlainText(string content)
    {
        // Arrange
        string path = _directory.File("short.jsonl", content);

        // Act
        using Stream stream = ExchangeInput.Open(path);

        // Assert
        Assert.Equal(content, ReadToEnd(stream));
    }

    [Fact]
    public void Open_MissingFile_ThrowsInputExceptionNamingIt()
    {
        // Arrange
        string path = Path.Combine(_directory.Path, "x.jsonl");

        // Act
        var error = Assert.Throws<InputException>(() => ExchangeInput.Open(path));

        // Assert
        Assert.Equal($"input file '{path}' not found", error.Message);
    }

    [Fact]
    public void Open_MissingDirectory_ThrowsInputException()
    {
        // Arrange
        string path = Path.Combine(_directory.Path, "nowhere", "x.jsonl");

        // Act
        var error = Assert.Throws<InputException>(() => ExchangeInput.Open(path));

        // Assert
        Assert.Equal($"input file '{path}' not found", error.Message);
    }

    [Fact]
    public void Open_Directory_ThrowsInputException()
    {
        // Act
        var error = Assert.Throws<InputException>(() => ExchangeInput.Open(_directory.Path));

        // Assert
        Assert.Equal($"input path '{_directory.Path}' is a directory, not a file", error.Message);
    }

    [Fact]
    public void OpenStream_NonSeekableGzip_IsDecompressed()
    {
        // Arrange
        byte[] compressed = TempDirectory.Gzip("line\n");

        // Act
        using Stream stream = ExchangeInput.OpenStream(new Reading.ChunkedStream(compressed, 1), "standard input");

        // Assert
        Assert.Equal("line\n", ReadToEnd(stream));
    }

    [Fact]
    public void OpenStream_NonSeekablePlainText_KeepsTheSniffedBytes()
    {
        // Arrange
        byte[] plain = "{\"a\":1}\n"u8.ToArray();

        // Act
        using Stream stream = ExchangeInput.OpenStream(new Reading.ChunkedStream(plain, 1), "standard input");

        // Assert
        Assert.Equal("{\"a\":1}\n", ReadToEnd(stream));
    }
}
