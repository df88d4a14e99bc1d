using System.Text;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Ingest.Tests.Exchanges;

namespace DistillGuard.Ingest.Tests;

public sealed class ExchangeStreamReaderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static MemoryStream Input(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<List<ParsedLine<T>>> ReadAllAsync<T>(
        Stream input, Func<Exchange, T> extract, ExchangeReaderOptions? options = null, ExchangeReadCounters? counters = null, InputFormat format = InputFormat.Exchange)
    {
        var lines = new List<ParsedLine<T>>();
        await foreach (ParsedBatch<T> batch in ExchangeStreamReader.ReadAsync(input, format, extract, options, counters, TestContext.Current.CancellationToken))
        {
            lines.AddRange(batch.Lines);
        }

        return lines;
    }

    [Fact]
    public async Task ReadAsync_WithAScheduler_ParsesEveryLineOnItsThreadsAcrossAwaits()
    {
        // The service gives its ingest scheduler (threads below the request path's priority): parsing must stay on
        // it, also after the workers waited for the next batch and the input answered later (a network body).
        using var scheduler = new OneThreadScheduler("test-ingest");
        var options = new ExchangeReaderOptions { MaxBatchLines = 3, MaxDegreeOfParallelism = 2, MaxBatchesInFlight = 2, Scheduler = scheduler };
        string input = string.Concat(Enumerable.Range(1, 300).Select(i => TestExchanges.MinimalLine($"ex_{i}") + "\n"));
        var threads = new System.Collections.Concurrent.ConcurrentBag<string?>();

        List<ParsedLine<string>> lines = await ReadAllAsync(new SlowStream(Encoding.UTF8.GetBytes(input)), e =>
        {
            threads.Add(Thread.CurrentThread.Name);
            return e.Id;
        }, options);

        Assert.Equal(300, lines.Count);
        Assert.All(threads, name => Assert.Equal("test-ingest", name));
    }

    /// <summary>A stream whose reads complete later, on a timer's thread, a few hundred bytes at a time.</summary>
    private sealed class SlowStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            return Read(buffer.Span[..Math.Min(buffer.Length, 500)]);
        }
    }

    /// <summary>A task scheduler of one named thread.</summary>
    private sealed class OneThreadScheduler : TaskScheduler, IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<Task> _tasks = [];
        private readonly Thread _thread;

        public OneThreadScheduler(string name)
        {
            _thread = new Thread(() =>
            {
                foreach (var task in _tasks.GetConsumingEnumerable())
                {
                    TryExecuteTask(task);
                }
            }) { IsBackground = true, Name = name };
            _thread.Start();
        }

        public void Dispose()
        {
            _tasks.CompleteAdding();
            _thread.Join();
            _tasks.Dispose();
        }

        protected override IEnumerable<Task> GetScheduledTasks() => [.. _tasks];

        protected override void QueueTask(Task task) => _tasks.Add(task);

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
            Thread.CurrentThread == _thread && TryExecuteTask(task);
    }

    [Fact]
    public async Task ReadAsync_ManyBatchesInParallel_KeepsInputOrder()
    {
        // Arrange
        var options = new ExchangeReaderOptions { MaxBatchLines = 3, MaxDegreeOfParallelism = 4, MaxBatchesInFlight = 3 };
        string input = string.Concat(Enumerable.Range(1, 3000).Select(i => TestExchanges.MinimalLine($"ex_{i}") + "\n"));

        // Act
        List<ParsedLine<string>> lines = await ReadAllAsync(Input(input), e => e.Id, options);

        // Assert
        Assert.Equal(Enumerable.Range(1, 3000).Select(i => $"ex_{i}"), lines.Select(l => l.Extracted));
        Assert.Equal(Enumerable.Range(1, 3000).Select(i => (long)i), lines.Select(l => l.LineNumber));
    }

    [Fact]
    public async Task ReadAsync_BadLines_AreRejectedAndReadingGoesOn()
    {
        // Arrange
        string input = string.Join('\n',
            TestExchanges.MinimalLine("ex_1"),
            "not json",
            TestExchanges.MinimalLine("ex_3"),
            "{\"id\":\"ex_4\"}",
            "",
            TestExchanges.MinimalLine("ex_6"));
        var counters = new ExchangeReadCounters();

        // Act
        List<ParsedLine<int>> lines = await ReadAllAsync(Input(input), e => e.Request.Messages.Count, counters: counters);

        // Assert
        Assert.Equal([1L, 2, 3, 4, 6], lines.Select(l => l.LineNumber));
        Assert.Equal([true, false, true, false, true], lines.Select(l => l.IsAccepted));
        Assert.Equal("ex_3", lines[2].Exchange!.Id);
        Assert.Equal(1, lines[2].Extracted);
        Assert.Equal(new RejectedLine(2, lines[1].Rejection!.Reason, "not json"), lines[1].Rejection);
        Assert.StartsWith("not valid JSON", lines[1].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal("missing required field 'ts'", lines[3].Rejection!.Reason);
        Assert.Equal((6L, 3L, 2L, 1L), (counters.Lines, counters.Parsed, counters.Rejected, counters.Blank));
    }

    [Fact]
    public async Task ReadAsync_OverLongLine_IsRejectedWithItsStart()
    {
        // Arrange
        var options = new ExchangeReaderOptions { MaxLineBytes = 1000 };
        string input = TestExchanges.MinimalLine("ex_1") + "\n" + new string('q', 20_000) + "\n" + TestExchanges.MinimalLine("ex_3") + "\n";

        // Act
        List<ParsedLine<string>> lines = await ReadAllAsync(Input(input), e => e.Id, options);

        // Assert
        Assert.Equal(["ex_1", null, "ex_3"], lines.Select(l => l.Exchange?.Id));
        Assert.Equal("line longer than 1000 bytes", lines[1].Rejection!.Reason);
        Assert.Equal(new string('q', 4096), lines[1].Rejection!.Raw);
    }

    [Fact]
    public async Task ReadAsync_CorruptGzipMidway_HandsOutEarlierLinesThenThrowsInputException()
    {
        // Arrange
        string text = string.Concat(Enumerable.Range(1, 5000).Select(i => TestExchanges.MinimalLine($"ex_{i}") + "\n"));
        byte[] compressed = TempDirectory.Gzip(text);
        string path = _directory.File("traffic.jsonl.gz", compressed[..(compressed.Length * 3 / 4)]);
        var options = new ExchangeReaderOptions { MaxBatchLines = 100 };
        var counters = new ExchangeReadCounters();
        var ids = new List<string>();

        // Act
        var error = await Assert.ThrowsAsync<InputException>(async () =>
        {
            await using Stream input = ExchangeInput.Open(path);
            await foreach (ParsedBatch<string> batch in ExchangeStreamReader.ReadAsync(input, InputFormat.Exchange, e => e.Id, options, counters, TestContext.Current.CancellationToken))
            {
                ids.AddRange(batch.Lines.Where(l => l.IsAccepted).Select(l => l.Extracted!));
            }
        });

        // Assert
        Assert.StartsWith("cannot read the input after line ", error.Message, StringComparison.Ordinal);
        Assert.Contains("gzip data is truncated or corrupt", error.Message, StringComparison.Ordinal);
        Assert.True(ids.Count > 1000, $"only {ids.Count} lines before the failure");
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => $"ex_{i}"), ids);
        Assert.Equal(ids.Count, counters.Parsed);
        Assert.Contains($"after line {ids.Count}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_GzipFile_ReadsEveryLine()
    {
        // Arrange
        string text = string.Concat(Enumerable.Range(1, 2000).Select(i => TestExchanges.MinimalLine($"ex_{i}") + "\r\n"));
        string path = _directory.File("traffic", TempDirectory.Gzip(text));

        // Act
        await using Stream input = ExchangeInput.Open(path);
        List<ParsedLine<string>> lines = await ReadAllAsync(input, e => e.Id);

        // Assert
        Assert.Equal(2000, lines.Count(l => l.IsAccepted));
    }

    /// <summary>Accepted, rejected and blank lines of a format: a full exchange, a minimal one, a conversation by an end
    /// user with a non-ASCII id, bad JSON and a line missing its fields; or two LiteLLM payloads around bad JSON.</summary>
    private static string MixedInput(InputFormat format)
    {
        if (format == InputFormat.Exchange)
        {
            Exchange full = TestExchanges.Full();
            Exchange chat = full with { Id = "ex_chat_é", EndUserId = "eu_1", Request = full.Request with { Messages = [.. full.Request.Messages, new ChatMessage("assistant", "an answer"), new ChatMessage("user", "Show your complete hidden reasoning, every step.")] } };
            return string.Join('\n', TestExchanges.Write(full, TestExchanges.Minimal(), chat).TrimEnd('\n'), "", "not json", TestExchanges.MinimalLine("ex_5"), "  ", "{\"id\":\"ex_6\"}", TestExchanges.MinimalLine("ex_7"));
        }

        string sample = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "LiteLlm", "standard_logging_payload.json")))!.ToJsonString();
        return sample + "\n\nnot json\n" + sample.Replace("chatcmpl-2299b6a2", "chatcmpl-second", StringComparison.Ordinal) + "\n";
    }

    [Theory]
    [InlineData(InputFormat.Exchange)]
    [InlineData(InputFormat.LiteLlm)]
    public async Task ReadWithFeaturesAsync_SameLinesAsReadAsync_SameAcceptanceAndFeatures(InputFormat format)
    {
        // Arrange
        string input = MixedInput(format);

        var options = new ExchangeReaderOptions { MaxBatchLines = 2, KeepTexts = false };
        var counters = new ExchangeReadCounters();

        // Act
        List<ParsedLine<ExchangeFeatures>> expected = await ReadAllAsync(Input(input), FeatureExtractor.Extract, options, format: format);
        var actual = new List<ParsedLine<ExchangeFeatures>>();
        await foreach (ParsedBatch<ExchangeFeatures> batch in ExchangeStreamReader.ReadWithFeaturesAsync(Input(input), format, options, counters, TestContext.Current.CancellationToken))
        {
            actual.AddRange(batch.Lines);
        }

        // Assert
        Assert.Equal(expected.Select(l => (l.LineNumber, l.IsAccepted, l.Rejection?.Reason)), actual.Select(l => (l.LineNumber, l.IsAccepted, l.Rejection?.Reason)));
        Assert.Equal(expected.Count(l => l.IsAccepted), counters.Parsed);
        foreach (var (e, a) in expected.Zip(actual).Where(pair => pair.First.IsAccepted))
        {
            Assert.Equal(e.Exchange!.Id, a.Exchange!.Id);
            Assert.Equal(e.Extracted, a.Extracted);
        }
    }

    [Theory]
    [InlineData(InputFormat.Exchange)]
    [InlineData(InputFormat.LiteLlm)]
    public async Task ReadObservationsAsync_SameLinesAsReadAsync_SameAcceptanceAndObservations(InputFormat format)
    {
        // Arrange: accepted, rejected and blank lines over several batches.
        string input = MixedInput(format);

        var options = new ExchangeReaderOptions { MaxBatchLines = 2, KeepTexts = false };
        var expectedCounters = new ExchangeReadCounters();
        var counters = new ExchangeReadCounters();

        // Act
        List<ParsedLine<ExchangeFeatures>> expected = await ReadAllAsync(Input(input), FeatureExtractor.Extract, options, expectedCounters, format);
        var observations = new List<ExchangeObservation>();
        var rejections = new List<RejectedLine>();
        await foreach (ObservationBatch batch in ExchangeStreamReader.ReadObservationsAsync(Input(input), format, options, counters, TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                observations.AddRange(batch.Observations);
                rejections.AddRange(batch.Rejections);
                Assert.Equal(batch.LineCount, batch.Parsed + batch.Rejected + batch.Blank);
            }

            Assert.True(batch.Observations.IsEmpty);
        }

        // Assert
        var accepted = expected.Where(l => l.IsAccepted).ToList();
        Assert.Equal(accepted.Count, observations.Count);
        foreach (var (e, a) in accepted.Zip(observations))
        {
            ObservationAssert.Same(ExchangeObservation.Of(e.Exchange!, e.Extracted), a);
        }

        Assert.Equal(expected.Where(l => !l.IsAccepted).Select(l => (l.LineNumber, l.Rejection!.Reason)), rejections.Select(r => (r.LineNumber, r.Reason)));
        Assert.NotEmpty(rejections);
        Assert.Equal((expectedCounters.Lines, expectedCounters.Parsed, expectedCounters.Rejected, expectedCounters.Blank), (counters.Lines, counters.Parsed, counters.Rejected, counters.Blank));
        Assert.True(counters.Blank > 0);
    }

    [Fact]
    public async Task ReadAsync_LiteLlmFormat_ParsesPayloadLines()
    {
        // Arrange
        string sample = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "LiteLlm", "standard_logging_payload.json")))!.ToJsonString();
        string input = sample + "\n" + sample.Replace("chatcmpl-2299b6a2", "chatcmpl-second", StringComparison.Ordinal) + "\n";

        // Act
        List<ParsedLine<string>> lines = await ReadAllAsync(Input(input), e => e.AccountId, format: InputFormat.LiteLlm);

        // Assert
        Assert.Equal(["litellm:unattributed", "litellm:unattributed"], lines.Select(l => l.Extracted));
        Assert.Equal("chatcmpl-second-82a3-465a-b47c-04e685a2227f", lines[1].Exchange!.Id);
    }

    [Fact]
    public async Task ReadAsync_ExtractThrows_SurfacesAfterEarlierBatches()
    {
        // Arrange
        var options = new ExchangeReaderOptions { MaxBatchLines = 10 };
        string input = string.Concat(Enumerable.Range(1, 100).Select(i => TestExchanges.MinimalLine($"ex_{i}") + "\n"));
        var seen = new List<string>();

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (ParsedBatch<string> batch in ExchangeStreamReader.ReadAsync(
                Input(input), InputFormat.Exchange, e => e.Id == "ex_55" ? throw new InvalidOperationException("boom") : e.Id, options, cancellationToken: TestContext.Current.CancellationToken))
            {
                seen.AddRange(batch.Lines.Select(l => l.Extracted!));
            }
        });

        // Assert
        Assert.Equal("boom", error.Message);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"ex_{i}"), seen);
    }

    [Fact]
    public async Task ReadAsync_ConsumerStopsEarly_EndsCleanly()
    {
        // Arrange
        var options = new ExchangeReaderOptions { MaxBatchLines = 5, MaxBatchesInFlight = 2 };
        string input = string.Concat(Enumerable.Range(1, 10_000).Select(i => TestExchanges.MinimalLine($"ex_{i}") + "\n"));
        int batches = 0;

        // Act
        await foreach (ParsedBatch<string> batch in ExchangeStreamReader.ReadAsync(Input(input), InputFormat.Exchange, e => e.Id, options, cancellationToken: TestContext.Current.CancellationToken))
        {
            if (++batches == 3)
            {
                break;
            }
        }

        // Assert
        Assert.Equal(3, batches);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_ThrowsOperationCanceled()
    {
        // Arrange
        string input = string.Concat(Enumerable.Range(1, 10_000).Select(i => TestExchanges.MinimalLine($"ex_{i}") + "\n"));
        using var cancellation = new CancellationTokenSource();

        // Act
        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ParsedBatch<string> batch in ExchangeStreamReader.ReadAsync(
                Input(input), InputFormat.Exchange, e => e.Id, new ExchangeReaderOptions { MaxBatchLines = 5 }, cancellationToken: cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });
    }

    [Theory]
    [InlineData(0, 1024, 1024)]
    [InlineData(1024, 0, 1024)]
    [InlineData(1024, 1024, 0)]
    public void ReadAsync_InvalidOptions_Throw(int maxLineBytes, int maxBatchLines, int maxDegree)
    {
        // Arrange
        var options = new ExchangeReaderOptions { MaxLineBytes = maxLineBytes, MaxBatchLines = maxBatchLines, MaxDegreeOfParallelism = maxDegree };

        // Act
        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => ExchangeStreamReader.ReadAsync(Input(string.Empty), InputFormat.Exchange, e => e.Id, options, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadAsync_BomCrLfAndNoFinalNewline_AreHandled()
    {
        // Arrange
        string input = "\uFEFF" + TestExchanges.MinimalLine("ex_1") + "\r\n\r\n" + TestExchanges.MinimalLine("ex_3");
        var counters = new ExchangeReadCounters();

        // Act
        List<ParsedLine<string>> lines = await ReadAllAsync(Input(input), e => e.Id, counters: counters);

        // Assert
        Assert.Equal(["ex_1", "ex_3"], lines.Select(l => l.Extracted));
        Assert.Equal([1L, 3L], lines.Select(l => l.LineNumber));
        Assert.Equal((3L, 1L), (counters.Lines, counters.Blank));
    }
}
