using System.Globalization;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Tests.Ingestion;

public sealed class IngestSchedulerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_Niceness10_WorkRunsAtThatNiceValueAndStaysAcrossAwaits()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the nice value of a thread is read from /proc on Linux");
        using var scheduler = new IngestScheduler(Options.Create(new EngineHostOptions { IngestNiceness = 10 }), NullLogger<IngestScheduler>.Instance);

        var (before, after) = await scheduler.RunAsync(async () =>
        {
            var first = ThreadNice();
            await Task.Delay(TimeSpan.FromMilliseconds(5), Ct).ConfigureAwait(true);
            return (first, ThreadNice());
        });

        Assert.Equal(10, before);
        Assert.Equal(10, after);
    }

    [Fact]
    public async Task RunAsync_NicenessZero_WorkKeepsTheProcessPriority()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the nice value of a thread is read from /proc on Linux");
        using var scheduler = new IngestScheduler(Options.Create(new EngineHostOptions { IngestNiceness = 0 }), NullLogger<IngestScheduler>.Instance);

        var nice = await scheduler.RunAsync(() => Task.FromResult(ThreadNice()));

        Assert.Equal(0, nice);
    }

    [Fact]
    public async Task RunAsync_WorkThrows_TheTaskFaultsAndTheSchedulerGoesOn()
    {
        using var scheduler = new IngestScheduler(Options.Create(new EngineHostOptions()), NullLogger<IngestScheduler>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => scheduler.RunAsync<int>(() => throw new InvalidOperationException("bad body")));
        Assert.Equal(42, await scheduler.RunAsync(() => Task.FromResult(42)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(20)]
    public void Validate_NicenessOutOfRange_NamesTheSetting(int niceness)
    {
        var errors = new EngineHostOptions { IngestNiceness = niceness }.Validate();

        Assert.Contains(errors, e => e.StartsWith("Engine:IngestNiceness must be in [0, 19]", StringComparison.Ordinal));
    }

    // Field 19 of /proc/thread-self/stat (after the command name in parentheses) is the thread's nice value.
    private static int ThreadNice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }
}
