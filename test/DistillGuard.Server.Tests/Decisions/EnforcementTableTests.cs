using DistillGuard.Core.Findings;
using DistillGuard.Core.Policies;
using DistillGuard.Server.Decisions;
using DistillGuard.Server.Policies;
using Microsoft.Extensions.Time.Testing;

namespace DistillGuard.Server.Tests.Decisions;

public sealed class EnforcementTableTests
{
    [Fact]
    public void GetOrAdd_PastTheCap_KeepsAtMostTheCap()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var table = new EnforcementTable(time, new ThrottleOptions { MaxTrackedSubjects = 100 });

        for (var i = 0; i < 10_000; i++)
        {
            var entry = table.GetOrAdd(new SubjectKey($"acct_{i}", null));
            entry.Level = EnforcementAction.Throttle;
            table.TryAcquire(entry, out _, out _);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.InRange(table.Count, 1, 100);
    }

    [Fact]
    public void GetOrAdd_PastTheCap_DropsIdleEntriesBeforeBusyOnes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var table = new EnforcementTable(time, new ThrottleOptions { MaxTrackedSubjects = 10 });
        var busy = new SubjectKey("acct_busy", null);
        var budget = table.GetOrAdd(busy);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(table.TryAcquire(budget, out _, out _));
        }

        for (var i = 0; i < 9; i++)
        {
            table.GetOrAdd(new SubjectKey($"acct_idle_{i}", null));
        }

        // The idle ones are older than a full refill (5 tokens x 6 s); the busy one is used just before the push.
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Same(budget, table.GetOrAdd(busy));
        table.GetOrAdd(new SubjectKey("acct_new", null));

        Assert.Same(budget, table.Find(busy));
        Assert.NotNull(table.Find(new SubjectKey("acct_new", null)));
        Assert.Null(table.Find(new SubjectKey("acct_idle_0", null)));
    }
}
