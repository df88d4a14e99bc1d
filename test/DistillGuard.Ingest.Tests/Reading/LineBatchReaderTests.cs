using System.Text;
using DistillGuard.Ingest.Reading;

namespace DistillGuard.Ingest.Tests.Reading;

public sealed class LineBatchReaderTests
{
    private sealed record Line(long Number, string Text, string? Rejection);

    private static async Task<(List<Line> Lines, long LinesRead, int Batches)> ReadAllAsync(byte[] input, ExchangeReaderOptions? options = null, int chunk = int.MaxValue)
    {
        options ??= new ExchangeReaderOptions();
        using var stream = new ChunkedStream(input, chunk);
        using var reader = new LineBatchReader(stream, options);
        var lines = new List<Line>();
        long covered = 0;
        int batches = 0;
        while (await reader.ReadBatchAsync(CancellationToken.None) is { } batch)
        {
            using (batch)
            {
                batches++;
                Assert.Equal(covered + 1, batch.FirstLineNumber);
                covered += batch.LineCount;
                for (int i = 0; i < batch.Count; i++)
                {
                    LineEntry entry = batch.GetEntry(i);
                    lines.Add(new Line(entry.LineNumber, Encoding.UTF8.GetString(batch.GetBytes(entry)), entry.Rejection));
                }
            }
        }

        Assert.Equal(covered, reader.LinesRead);
        return (lines, reader.LinesRead, batches);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task ReadBatchAsync_LfLines_NumbersThemFromOne()
    {
        // Act
        var (lines, read, _) = await ReadAllAsync(Bytes("a\nb\nc\n"));

        // Assert
        Assert.Equal([new Line(1, "a", null), new Line(2, "b", null), new Line(3, "c", null)], lines);
        Assert.Equal(3, read);
    }

    [Fact]
    public async Task ReadBatchAsync_CrLfLines_StripsTheCarriageReturn()
    {
        // Act
        var (lines, _, _) = await ReadAllAsync(Bytes("a\r\nb\r\n"));

        // Assert
        Assert.Equal(["a", "b"], lines.Select(l => l.Text));
    }

    [Fact]
    public async Task ReadBatchAsync_LastLineWithoutNewline_IsRead()
    {
        // Act
        var (lines, read, _) = await ReadAllAsync(Bytes("a\nlast"));

        // Assert
        Assert.Equal(new Line(2, "last", null), lines[^1]);
        Assert.Equal(2, read);
    }

    [Fact]
    public async Task ReadBatchAsync_ByteOrderMark_IsSkippedOnTheFirstLineOnly()
    {
        // Arrange
        byte[] input = [0xEF, 0xBB, 0xBF, .. Bytes("a\n"), 0xEF, 0xBB, 0xBF, .. Bytes("b\n")];

        // Act
        var (lines, _, _) = await ReadAllAsync(input, chunk: 1);

        // Assert
        Assert.Equal("a", lines[0].Text);
        Assert.Equal("\uFEFFb", lines[1].Text);
    }

    [Fact]
    public async Task ReadBatchAsync_BlankLines_AreCountedButNotReturned()
    {
        // Act
        var (lines, read, _) = await ReadAllAsync(Bytes("\na\n\n  \t\r\nb\n\n"));

        // Assert
        Assert.Equal([new Line(2, "a", null), new Line(5, "b", null)], lines);
        Assert.Equal(6, read);
    }

    [Fact]
    public async Task ReadBatchAsync_EmptyInput_ReturnsNoBatch()
    {
        // Act
        var (lines, read, batches) = await ReadAllAsync([]);

        // Assert
        Assert.Empty(lines);
        Assert.Equal(0, read);
        Assert.Equal(0, batches);
    }

    [Fact]
    public async Task ReadBatchAsync_OverLongLine_IsRejectedAndReadingGoesOn()
    {
        // Arrange
        var options = new ExchangeReaderOptions { MaxLineBytes = 100, MaxBatchBytes = 128 };
        string longLine = new('x', 5000);

        // Act
        var (lines, read, _) = await ReadAllAsync(Bytes($"first\n{longLine}\nafter\n"), options, chunk: 37);

        // Assert
        Assert.Equal(3, read);
        Assert.Equal(new Line(1, "first", null), lines[0]);
        Assert.Equal(2, lines[1].Number);
        Assert.Equal("line longer than 100 bytes", lines[1].Rejection);
        Assert.StartsWith("xxxx", lines[1].Text, StringComparison.Ordinal);
        Assert.Equal(new Line(3, "after", null), lines[2]);
    }

    [Fact]
    public async Task ReadBatchAsync_OverLongLastLineWithoutNewline_IsRejected()
    {
        // Arrange
        var options = new ExchangeReaderOptions { MaxLineBytes = 10 };

        // Act
        var (lines, read, _) = await ReadAllAsync(Bytes("ok\n" + new string('y', 50)), options);

        // Assert
        Assert.Equal(2, read);
        Assert.Equal("line longer than 10 bytes", lines[1].Rejection);
    }

    [Theory]
    [InlineData(10, null)]
    [InlineData(11, "line longer than 10 bytes")]
    public async Task ReadBatchAsync_LineAtTheLimit_IsAcceptedAndOneMoreByteIsNot(int length, string? rejection)
    {
        // Arrange
        var options = new ExchangeReaderOptions { MaxLineBytes = 10, MaxBatchBytes = 1 };

        // Act
        var (lines, _, _) = await ReadAllAsync(Bytes(new string('z', length) + "\r\nnext\n"), options, chunk: 3);

        // Assert
        Assert.Equal(rejection, lines[0].Rejection);
        Assert.Equal("next", lines[1].Text);
    }

    [Fact]
    public async Task ReadBatchAsync_ManyLines_SplitsIntoBatchesWithoutLosingAny()
    {
        // Arrange
        var options = new ExchangeReaderOptions { MaxBatchLines = 7, MaxBatchBytes = 64, MaxLineBytes = 32 };
        string input = string.Concat(Enumerable.Range(1, 1000).Select(i => $"line-{i}\n"));

        // Act
        var (lines, read, batches) = await ReadAllAsync(Bytes(input), options, chunk: 13);

        // Assert
        Assert.Equal(1000, read);
        Assert.True(batches >= 1000 / 7);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => new Line(i, $"line-{i}", null)), lines);
    }

    [Fact]
    public async Task ReadBatchAsync_FailingStream_ReturnsCompletedLinesThenThrowsInputException()
    {
        // Arrange
        byte[] input = Bytes("a\nb\nhalf");
        using var stream = new ChunkedStream(input, int.MaxValue, failAfter: input.Length, failure: new InvalidDataException("bad block"));
        using var reader = new LineBatchReader(stream, new ExchangeReaderOptions());

        // Act
        using LineBatch? first = await reader.ReadBatchAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<InputException>(async () => await reader.ReadBatchAsync(CancellationToken.None));

        // Assert
        Assert.Equal(2, first!.Count);
        Assert.Equal("cannot read the input after line 2: bad block", error.Message);
        Assert.Null(await reader.ReadBatchAsync(CancellationToken.None));
    }
}
