using DistillGuard.Cli.Bench;

namespace DistillGuard.Cli.Tests.Bench;

[Collection(HeapMeasurements.Name)]
public sealed class MemoryProbeTests
{
    [Fact]
    public void Run_SomeSubjects_TracksEachAndMeasuresGrowth()
    {
        var measured = MemoryProbe.Run(subjects: 500, exchangesPerSubject: 3, seed: 1, TestContext.Current.CancellationToken);

        Assert.Equal(500, measured.Subjects);
        Assert.Equal(1500, measured.Exchanges);
        Assert.True(measured.HeapBytes > 0);
        Assert.True(measured.BytesPerSubject > 100, $"{measured.BytesPerSubject} bytes per subject is less than any state could take");
    }

    [Fact]
    public void SyntheticTraffic_SameSeed_SameExchanges()
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var a = new SyntheticTraffic(3, start);
        var b = new SyntheticTraffic(3, start);

        for (var i = 0; i < 20; i++)
        {
            var x = a.Next(i % 4, i, TimeSpan.FromSeconds(1));
            var y = b.Next(i % 4, i, TimeSpan.FromSeconds(1));
            Assert.Equal(x.Id, y.Id);
            Assert.Equal(x.Timestamp, y.Timestamp);
            Assert.Equal(x.Client!.Ip, y.Client!.Ip);
            Assert.Equal(x.Request.Messages[^1].Content, y.Request.Messages[^1].Content);
        }
    }

    [Fact]
    public void SyntheticTraffic_ConsecutiveExchanges_VaryPromptsAndAddresses()
    {
        var traffic = new SyntheticTraffic(5, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

        var exchanges = Enumerable.Range(0, 50).Select(i => traffic.Next(0, i, TimeSpan.FromSeconds(1))).ToList();

        Assert.True(exchanges.Select(e => e.Request.Messages[^1].Content).Distinct().Count() > 45);
        Assert.True(exchanges.Select(e => e.Client!.Ip).Distinct().Count() > 45);
        Assert.All(exchanges, e => Assert.Equal("acct_000000", e.AccountId));
    }
}
