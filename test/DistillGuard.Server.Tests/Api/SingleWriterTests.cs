using System.Diagnostics;
using System.Net;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Api;

/// <summary>
/// One writer per store: a second service on the same SQLite file or PostgreSQL schema refuses to start with a clear
/// error, before it writes anything, and the first keeps every acknowledged exchange; the lock goes with its holder
/// (a stop, a dispose without a stop, or kill -9 of the process).
/// </summary>
public sealed class SingleWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Backends => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task SecondService_SameStore_RefusesToStartAndTheFirstKeepsEverything(string backend)
    {
        await using var store = await StoreLocation.CreateAsync(backend);
        await using (var first = await ServiceInstance.StartAsync(store))
        {
            var lines = Enumerable.Range(0, 50).Select(i => ExchangeLines.Exchange($"ex_{i}", "acct_1", minute: i)).ToArray();
            using (var ingest = await first.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", ExchangeLines.Ndjson(ExchangeLines.Body(lines)), Ct))
            {
                Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
            }

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceInstance.StartAsync(store));

            Assert.Contains("is in use by another DistillGuard process", refused.Message, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await first.Client(null).GetAsync("/healthz", Ct)).StatusCode);
        }

        await using var restarted = await ServiceInstance.StartAsync(store);
        Assert.Equal(50, await restarted.Service<Core.Storage.IServiceStore>().CountExchangesAsync(Ct));
    }

    [Fact]
    public async Task Service_DisposedWithoutAStop_ReleasesTheLock()
    {
        await using var store = StoreLocation.Sqlite();
        var crashed = await ServiceInstance.StartAsync(store);
        await crashed.AbandonAsync();

        await using var next = await ServiceInstance.StartAsync(store);

        Assert.Equal(HttpStatusCode.OK, (await next.Client(null).GetAsync("/healthz", Ct)).StatusCode);
    }

    [Fact]
    public async Task ServeProcess_SecondOnTheSameDb_ExitsWith2AndAfterKill9AThirdStarts()
    {
        await using var store = StoreLocation.Sqlite();
        using var first = Serve(store.SqlitePath!);
        try
        {
            await WaitForLineAsync(first, "distillguard: listening on");

            using var second = Serve(store.SqlitePath!);
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            bounded.CancelAfter(TimeSpan.FromMinutes(2));
            try
            {
                var error = await second.StandardError.ReadToEndAsync(bounded.Token);
                await second.WaitForExitAsync(bounded.Token);
                Assert.Equal(2, second.ExitCode);
                Assert.Contains("is in use by another DistillGuard process", error, StringComparison.Ordinal);
            }
            finally
            {
                if (!second.HasExited)
                {
                    second.Kill();
                    await second.WaitForExitAsync(CancellationToken.None);
                }
            }

            first.Kill();
            await first.WaitForExitAsync(Ct);
            using var third = Serve(store.SqlitePath!);
            try
            {
                await WaitForLineAsync(third, "distillguard: listening on");
            }
            finally
            {
                third.Kill();
                await third.WaitForExitAsync(Ct);
            }
        }
        finally
        {
            if (!first.HasExited)
            {
                first.Kill();
                await first.WaitForExitAsync(Ct);
            }
        }
    }

    /// <summary>Starts <c>distillguard serve</c> (the apphost beside the tests) on a free port; SIGKILL is what Kill sends.</summary>
    private static Process Serve(string db)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "distillguard"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "serve", "--db", db, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DISTILLGUARD_ADMIN_KEY"] = ServiceInstance.AdminKey;
        return Process.Start(start)!;
    }

    private static async Task WaitForLineAsync(Process process, string prefix)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"the process ended before writing '{prefix}': {await process.StandardError.ReadToEndAsync(Ct)}");
    }
}
