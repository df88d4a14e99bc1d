using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DistillGuard.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DistillGuard.Server.Tests.Api;

/// <remarks>
/// Alone, not beside other tests: OpenTelemetry listens to every meter named DistillGuard in the process, so decisions
/// of services that other tests run at the same time would show in this service's /metrics.
/// </remarks>
[CollectionDefinition(nameof(DecisionMetricsTests), DisableParallelization = true)]
[Collection(nameof(DecisionMetricsTests))]
public sealed partial class DecisionMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetMetrics_DecisionDuration_HasMicrosecondBucketsTimedOnTheInjectedClock()
    {
        // The service's clock stands still: a decision timed on it takes 0 ms, whatever the real time it took.
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, time: new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        for (var i = 0; i < 3; i++)
        {
            using var decided = await service.Client(ServiceInstance.IngestKey).PostAsync(
                "/v1/decisions", new StringContent("{\"account_id\":\"acct_m\"}", Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        using var response = await service.Client(ServiceInstance.AnalystKey).GetAsync("/metrics", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        var buckets = Bucket().Matches(text).ToDictionary(m => m.Groups["le"].Value, m => long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(3, buckets["0.01"]);
        Assert.Equal(3, buckets["0.1"]);
        Assert.Equal(3, buckets["+Inf"]);
        Assert.Matches(@"distillguard_decisions_duration_milliseconds_sum\{[^}]*action=""allow""[^}]*\} 0\b", text);
    }

    [GeneratedRegex(@"distillguard_decisions_duration_milliseconds_bucket\{[^}]*action=""allow""[^}]*le=""(?<le>[^""]+)""[^}]*\} (?<count>\d+)")]
    private static partial Regex Bucket();
}
