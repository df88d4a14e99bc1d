using System.Text;
using DistillGuard.Core.Exchanges;
using DistillGuard.Ingest.Exchanges;

namespace DistillGuard.Ingest.Tests.Exchanges;

public sealed class ExchangeJsonWriterTests
{
    [Fact]
    public void Write_FullExchange_RoundTripsThroughTheParser()
    {
        // Arrange
        Exchange expected = TestExchanges.Full();

        // Act
        string text = TestExchanges.Write(expected);
        Exchange actual = TestExchanges.Parse(text.TrimEnd('\n'));

        // Assert
        Assert.Equivalent(expected, actual, strict: true);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Billing!.SignupTimestamp, actual.Billing!.SignupTimestamp);
        Assert.Equal(text, TestExchanges.Write(actual));
    }

    [Fact]
    public void Write_MinimalExchange_RoundTripsThroughTheParser()
    {
        // Arrange
        Exchange expected = TestExchanges.Minimal();

        // Act
        string text = TestExchanges.Write(expected);
        Exchange actual = TestExchanges.Parse(text.TrimEnd('\n'));

        // Assert
        Assert.Equivalent(expected, actual, strict: true);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
    }

    [Fact]
    public void Write_MinimalExchange_WritesOnlyRequiredFields()
    {
        // Act
        string text = TestExchanges.Write(TestExchanges.Minimal());

        // Assert
        Assert.Equal(
            """{"id":"ex_000002","ts":"2026-11-20T10:00:01.000Z","account_id":"acct_0042","request":{"model":"frontier-large","messages":[{"role":"user","content":"Hello"}]},"response":{"status":200}}""" + "\n",
            text);
    }

    [Fact]
    public void Write_FullExchange_UsesTheSpecFieldNamesInOrder()
    {
        // Act
        string text = TestExchanges.Write(TestExchanges.Full());

        // Assert
        string[] names =
        [
            "\"id\"", "\"ts\"", "\"account_id\"", "\"api_key_id\"", "\"end_user_id\"",
            "\"client\"", "\"ip\"", "\"asn\"", "\"asn_org\"", "\"network_type\":\"datacenter\"", "\"country\"", "\"user_agent\"", "\"headers\"", "\"tls_fingerprint\"",
            "\"billing\"", "\"payment_fingerprint\"", "\"email_domain\"", "\"signup_ts\":\"2026-11-01T08:00:00.000Z\"", "\"plan\"",
            "\"request\"", "\"model\"", "\"messages\"", "\"temperature\"", "\"top_p\"", "\"n\"", "\"max_tokens\"", "\"max_completion_tokens\"",
            "\"logprobs\"", "\"top_logprobs\"", "\"seed\"", "\"reasoning_effort\"", "\"stream\"", "\"tools\":[{\"type\":\"function\"}]",
            "\"response_format\":{\"type\":\"json_object\"}", "\"user\"",
            "\"response\"", "\"status\"", "\"finish_reason\"", "\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":812,\"reasoning_tokens\":640}",
            "\"output_text\"", "\"latency_ms\":5231.5",
        ];
        int position = 0;
        foreach (string name in names)
        {
            int found = text.IndexOf(name, position, StringComparison.Ordinal);
            Assert.True(found >= position, $"{name} not found after position {position}");
            position = found + name.Length;
        }

        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Write_TimestampWithOffset_WritesUtcWithMillisecondsAndZ()
    {
        // Arrange
        Exchange exchange = TestExchanges.Minimal() with { Timestamp = new DateTimeOffset(2026, 11, 20, 12, 0, 0, 5, TimeSpan.FromHours(2)) };

        // Act
        string text = TestExchanges.Write(exchange);

        // Assert
        Assert.Contains("\"ts\":\"2026-11-20T10:00:00.005Z\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NonAsciiText_IsWrittenUnescaped()
    {
        // Arrange
        Exchange exchange = TestExchanges.Minimal() with
        {
            Request = TestExchanges.Minimal().Request with { Messages = [new ChatMessage("user", "数学 <b> & \"q\"")] },
        };

        // Act
        string text = TestExchanges.Write(exchange);

        // Assert
        Assert.Contains("\"content\":\"数学 <b> & \\\"q\\\"\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ManyExchanges_WritesOneLineEachAndEveryLineParses()
    {
        // Arrange
        Exchange[] exchanges = [.. Enumerable.Range(0, 5000).Select(i => TestExchanges.Full($"ex_{i:D6}"))];

        // Act
        string text = TestExchanges.Write(exchanges);

        // Assert
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5000, lines.Length);
        Assert.Equal("ex_004999", TestExchanges.Parse(lines[^1]).Id);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_LeaveOpenFalse_DisposesTheStream()
    {
        // Arrange
        var stream = new MemoryStream();
        var writer = new ExchangeJsonWriter(stream);
        writer.Write(TestExchanges.Minimal());

        // Act
        writer.Dispose();

        // Assert
        Assert.False(stream.CanWrite);
    }

    [Fact]
    public async Task DisposeAsync_PendingLines_AreFlushed()
    {
        // Arrange
        var stream = new MemoryStream();
        var writer = new ExchangeJsonWriter(stream, leaveOpen: true);
        writer.Write(TestExchanges.Minimal());
        Assert.Equal(0, stream.Length);

        // Act
        await writer.DisposeAsync();

        // Assert
        Assert.StartsWith("{\"id\":\"ex_000002\"", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }
}
