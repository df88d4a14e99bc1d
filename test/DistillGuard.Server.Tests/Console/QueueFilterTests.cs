using DistillGuard.Core.Findings;
using DistillGuard.Core.Storage;
using DistillGuard.Server.AnalystConsole;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DistillGuard.Server.Tests.Console;

public sealed class QueueFilterTests
{
    [Fact]
    public void TryParse_EveryFilter_ReadsThemAndWritesTheSameQueryBack()
    {
        var query = Query(("verdict", "distillation"), ("min", "0.5"), ("max", "0.95"), ("signal", "templated_harvest"), ("campaign", "cmp 1"),
            ("status", "claimed"), ("end_users", "1"), ("sort", "score_asc"), ("page", "3"));

        Assert.True(QueueFilter.TryParse(query, out var filter, out var error), error);

        Assert.Equal(Verdict.Distillation, filter.Verdict);
        Assert.Equal(0.5, filter.MinScore);
        Assert.Equal(0.95, filter.MaxScore);
        Assert.Equal("templated_harvest", filter.Signal);
        Assert.Equal("cmp 1", filter.Campaign);
        Assert.Equal(CaseStatus.Claimed, filter.Status);
        Assert.True(filter.HasEndUsers);
        Assert.Equal(QueueSort.ScoreAscending, filter.Sort);
        Assert.Equal(3, filter.Page);
        Assert.Equal("?verdict=distillation&min=0.5&max=0.95&signal=templated_harvest&campaign=cmp%201&status=claimed&end_users=1&sort=score_asc&page=3", filter.ToQuery());
        Assert.Equal("?verdict=distillation&min=0.5&max=0.95&signal=templated_harvest&campaign=cmp%201&status=claimed&end_users=1", filter.ToQuery(page: 1, sort: QueueSort.ScoreDescending));
    }

    [Theory]
    [InlineData("verdict", "2", "verdict")]
    [InlineData("verdict", "evil", "verdict")]
    [InlineData("min", "1.5", "min")]
    [InlineData("max", "NaN", "max")]
    [InlineData("signal", "<script>", "signal")]
    [InlineData("status", "1", "status")]
    [InlineData("end_users", "yes", "end_users")]
    [InlineData("sort", "random", "sort")]
    [InlineData("page", "0", "page")]
    [InlineData("page", "-2", "page")]
    [InlineData("page", "100001", "page")]
    public void TryParse_BadValue_FailsNamingIt(string name, string value, string named)
    {
        Assert.False(QueueFilter.TryParse(Query((name, value)), out _, out var error));

        Assert.StartsWith(named, error);
    }

    [Fact]
    public void TryParse_NoQuery_IsTheWholeQueueByScore()
    {
        Assert.True(QueueFilter.TryParse(Query(), out var filter, out _));

        Assert.Equal(new QueueFilter(), filter);
        Assert.Equal(string.Empty, filter.ToQuery());
    }

    private static QueryCollection Query(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => new StringValues(v.Value)));
}
