using System.Text;
using DistillGuard.Core.Features;

namespace DistillGuard.Ingest.Tests;

public sealed class TimestampWindowTests
{
    private const string Poison = "9999-12-31T23:59:59Z";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Line(string id, string ts) =>
        TestExchanges.MinimalLine(id).Replace("2026-11-20T10:00:00Z", ts, StringComparison.Ordinal);

    private static MemoryStream Input(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

    /// <summary>What each reading path accepts and rejects: (line, reason or null), in input order.</summary>
    private static async Task<List<(long Line, string? Reason)>> OutcomesAsync(string path, Stream input, InputFormat format, ExchangeReaderOptions options)
    {
        var outcomes = new List<(long, string?)>();
        if (path == "observations")
        {
            await foreach (ObservationBatch batch in ExchangeStreamReader.ReadObservationsAsync(input, format, options, null, Ct))
            {
                using (batch)
                {
                    // Observations carry no line number: the batch's lines are its rejections and, in between, its observations.
                    var rejected = batch.Rejections.ToDictionary(r => r.LineNumber, r => r.Reason);
                    Assert.Equal(batch.LineCount - batch.Blank, batch.Parsed + batch.Rejected);
                    outcomes.AddRange(rejected.Select(r => (r.Key, (string?)r.Value)));
                    outcomes.AddRange(Enumerable.Repeat((-1L, (string?)null), batch.Parsed));
                }
            }

            return outcomes;
        }

        var batches = path == "features"
            ? ExchangeStreamReader.ReadWithFeaturesAsync(input, format, options, null, Ct)
            : ExchangeStreamReader.ReadAsync(input, format, FeatureExtractor.Extract, options, null, Ct);
        await foreach (ParsedBatch<ExchangeFeatures> batch in batches)
        {
            outcomes.AddRange(batch.Lines.Select(l => (l.IsAccepted ? -1L : l.LineNumber, l.Rejection?.Reason)));
        }

        return outcomes;
    }

    [Theory]
    [InlineData("exchanges")]
    [InlineData("features")]
    [InlineData("observations")]
    public async Task Read_YearNinetyNinetyNineLine_IsRejectedWithReasonAndTheRestAccepted(string path)
    {
        // Arrange
        string[] lines = [Line("ex_1", "2026-11-20T10:00:00Z"), Line("ex_2", Poison), Line("ex_3", "2026-11-20T10:00:05Z"), Line("ex_4", "1999-12-31T23:59:59Z")];
        var options = new ExchangeReaderOptions { MaxBatchLines = 2 };

        // Act
        var outcomes = await OutcomesAsync(path, Input(lines), InputFormat.Exchange, options);

        // Assert
        Assert.Equal(2, outcomes.Count(o => o.Reason is null));
        var rejected = outcomes.Where(o => o.Reason is not null).OrderBy(o => o.Line).ToList();
        Assert.Equal([2L, 4L], rejected.Select(r => r.Line));
        Assert.Equal("ts 9999-12-31T23:59:59Z is more than 1 day after the latest accepted exchange (2026-11-20T10:00:00Z)", rejected[0].Reason);
        Assert.Equal("ts 1999-12-31T23:59:59Z is before 2000-01-01T00:00:00Z, the earliest timestamp accepted", rejected[1].Reason);
    }

    [Theory]
    [InlineData("exchanges")]
    [InlineData("features")]
    [InlineData("observations")]
    public async Task Read_LiteLlmPayloadInTheYear9999_IsRejected(string path)
    {
        // Arrange
        string sample = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "LiteLlm", "standard_logging_payload.json")))!.ToJsonString();
        string poison = sample.Replace("2025-01-24 09:20:46.847371", "9999-12-31 23:59:59.000000", StringComparison.Ordinal).Replace("chatcmpl-2299b6a2", "chatcmpl-second", StringComparison.Ordinal);

        // Act
        var outcomes = await OutcomesAsync(path, Input([sample, poison]), InputFormat.LiteLlm, new ExchangeReaderOptions());

        // Assert
        Assert.Equal([(-1L, (string?)null), (2L, "ts 9999-12-31T23:59:59Z is more than 1 day after the latest accepted exchange (2025-01-24T09:20:46.847371Z)")], outcomes.OrderBy(o => o.Line));
    }

    [Theory]
    [InlineData("exchanges")]
    [InlineData("features")]
    [InlineData("observations")]
    public async Task Read_ManySmallBatchesInParallel_LatestAcceptedIsDecidedInInputOrder(string path)
    {
        // Arrange: a stream that moves forward an hour a line, with a jump of two days every 50 lines (rejected, and
        // not counted as the latest accepted, so the line after a jump is judged against the line before it).
        var start = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var lines = Enumerable.Range(0, 2000)
            .Select(i => Line($"ex_{i}", (i % 50 == 49 ? start.AddHours(i + 48) : start.AddMinutes(i)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var serial = new ExchangeReaderOptions { MaxBatchLines = 3, MaxDegreeOfParallelism = 1 };
        var parallel = new ExchangeReaderOptions { MaxBatchLines = 3, MaxDegreeOfParallelism = 4, MaxBatchesInFlight = 16 };

        // Act
        var one = await OutcomesAsync(path, Input(lines), InputFormat.Exchange, serial);
        var many = await OutcomesAsync(path, Input(lines), InputFormat.Exchange, parallel);

        // Assert
        Assert.Equal(Enumerable.Range(0, 2000).Where(i => i % 50 == 49).Select(i => (long)i + 1), one.Where(o => o.Reason is not null).Select(o => o.Line).Order());
        Assert.Equal(one, many);
    }

    [Fact]
    public async Task Read_LatestBefore_BoundsTheFirstLine()
    {
        // Arrange
        var options = new ExchangeReaderOptions { LatestBefore = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), MaxTimestampLead = TimeSpan.FromHours(12) };

        // Act
        var outcomes = await OutcomesAsync("exchanges", Input([Line("ex_1", "2026-11-20T10:00:00Z")]), InputFormat.Exchange, options);

        // Assert
        Assert.Equal([(1L, "ts 2026-11-20T10:00:00Z is more than 12 hours after the latest accepted exchange (2026-11-01T00:00:00Z)")], outcomes);
    }

    [Fact]
    public void TryAccept_EndOfTime_NeitherOverflowsNorAccepts()
    {
        // Arrange
        var window = new TimestampWindow(new ExchangeReaderOptions { MaxTimestampLead = TimeSpan.MaxValue }, DateTimeOffset.MaxValue.AddDays(-1));

        // Act
        bool accepted = window.TryAccept(DateTimeOffset.MaxValue, out string? reason);

        // Assert
        Assert.True(accepted, reason);
        Assert.Equal(DateTimeOffset.MaxValue, window.Latest);
    }

    [Fact]
    public void Validate_NegativeLead_Throws()
    {
        var options = new ExchangeReaderOptions { MaxTimestampLead = TimeSpan.FromSeconds(-1) };

        Assert.Throws<ArgumentOutOfRangeException>(() => ExchangeStreamReader.ReadObservationsAsync(new MemoryStream(), InputFormat.Exchange, options, null, Ct));
    }
}
