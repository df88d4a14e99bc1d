using System.Net;
using System.Text;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Api;

/// <summary>An ingest body is accepted or refused as a whole.</summary>
public sealed class IngestAtomicityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Backends => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task PostExchanges_ChunkedBodyOverTheLimit_Is413AndCommitsNothing(string backend)
    {
        // A body without a length (chunked), of more lines than the reader's first batches hold, over a 4 MiB limit.
        await using var store = await StoreLocation.CreateAsync(backend);
        await using var service = await ServiceInstance.StartAsync(store, new Dictionary<string, string?> { ["DistillGuard:Server:MaxRequestBodyBytes"] = (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var client = service.Client(ServiceInstance.IngestKey);
        using (var first = await client.PostAsync("/v1/exchanges", ExchangeLines.Ndjson(ExchangeLines.Body(ExchangeLines.Exchange("ex_before", "acct_0"))), Ct))
        {
            first.EnsureSuccessStatusCode();
        }

        var body = ExchangeLines.Body([.. Enumerable.Range(0, 16_000).Select(i => ExchangeLines.Exchange($"ex_{i}", $"acct_{i % 50}", minute: i / 100))]);
        Assert.True(Encoding.UTF8.GetByteCount(body) > 4 * 1024 * 1024);
        using var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");

        using var response = await client.PostAsync("/v1/exchanges", content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(content.Headers.ContentLength);
        Assert.Equal(1, await service.Service<IServiceStore>().CountExchangesAsync(Ct));
        using var findings = await service.Client(ServiceInstance.AnalystKey).GetAsync("/v1/findings", Ct);
        Assert.Equal(1, System.Text.Json.Nodes.JsonNode.Parse(await findings.Content.ReadAsStringAsync(Ct))!["input"]!["accepted"]!.GetValue<long>());
    }

    [Fact]
    public async Task PostExchanges_BodyUnderTheLimit_IsOneTransactionOfEveryLine()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var body = ExchangeLines.Body([.. Enumerable.Range(0, 20_000).Select(i => ExchangeLines.Exchange($"ex_{i}", $"acct_{i % 50}", minute: i / 100))]);
        using var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", content, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(20_000, await service.Service<IServiceStore>().CountExchangesAsync(Ct));
    }

    /// <summary>A stream whose length is unknown, so that the client sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
