using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Ingestion;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Api;

public sealed class IngestAdmissionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostExchanges_OneBodyAtATime_SecondBodyWaitsUntilTheFirstIsIngested()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, new Dictionary<string, string?> { ["DistillGuard:Engine:MaxConcurrentIngestBodies"] = "1" });
        var client = service.Client(ServiceInstance.IngestKey);

        // The first body's last line is held back by its client: its ingestion cannot end before it is sent.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new HeldContent(ExchangeLines.Body(ExchangeLines.Exchange("ex_a1", "acct_a")), ExchangeLines.Body(ExchangeLines.Exchange("ex_a2", "acct_a", minute: 1)), release.Task);
        var first = client.PostAsync("/v1/exchanges", held, Ct);
        await held.FirstPartSent.WaitAsync(Ct);

        // Until the service has admitted the first body (real time on purpose: this waits for the service's threads).
        var ingestor = service.Service<ExchangeIngestor>();
        while (ingestor.BodiesInProgress == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), Ct);
        }

        var second = client.PostAsync("/v1/exchanges", ExchangeLines.Ndjson(ExchangeLines.Body(ExchangeLines.Exchange("ex_b1", "acct_b", minute: 2))), Ct);

        // Real time on purpose: the second body must still be waiting for its turn a while later.
        var early = await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(500), Ct));
        Assert.NotSame(second, early);
        Assert.Equal(0, await service.Service<IServiceStore>().CountExchangesAsync(Ct));

        release.SetResult();
        using var firstResponse = await first;
        using var secondResponse = await second;
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        Assert.Equal(3, await service.Service<IServiceStore>().CountExchangesAsync(Ct));
    }

    [Fact]
    public void Validate_NegativeBodiesAtOnce_NamesTheSetting()
    {
        var errors = new EngineHostOptions { MaxConcurrentIngestBodies = -1 }.Validate();

        Assert.Contains(errors, e => e.StartsWith("Engine:MaxConcurrentIngestBodies must not be negative", StringComparison.Ordinal));
    }

    [Fact]
    public void IngestBodiesAtOnce_Zero_IsHalfTheCoresAtLeastOne()
    {
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), new EngineHostOptions().IngestBodiesAtOnce());
        Assert.Equal(3, new EngineHostOptions { MaxConcurrentIngestBodies = 3 }.IngestBodiesAtOnce());
    }

    /// <summary>An ndjson body sent in two parts, the second once <c>release</c> completes (a slow client).</summary>
    private sealed class HeldContent : HttpContent
    {
        private readonly byte[] _first;
        private readonly byte[] _second;
        private readonly Task _release;
        private readonly TaskCompletionSource _firstSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldContent(string first, string second, Task release)
        {
            _first = Encoding.UTF8.GetBytes(first);
            _second = Encoding.UTF8.GetBytes(second);
            _release = release;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        }

        public Task FirstPartSent => _firstSent.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_first);
            await stream.FlushAsync();
            _firstSent.TrySetResult();
            await _release;
            await stream.WriteAsync(_second);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
