using DistillGuard.Core.Storage;
using DistillGuard.Server.Tests.Support;
using DistillGuard.Storage.PostgreSql;
using DistillGuard.Storage.Sqlite;

namespace DistillGuard.Server.Tests.Taxii;

/// <summary>The <see cref="ITaxiiStore"/> of both stores, called directly.</summary>
public sealed class TaxiiStoreTests
{
    private const string Collection = TaxiiTestServer.Indicators;
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Backends => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Add_ConcurrentWritersAtTheSameInstant_GetDistinctIncreasingDateAdded(string backend)
    {
        await using var location = await StoreLocation.CreateAsync(backend);
        await using var store = await OpenAsync(location);
        var taxii = (ITaxiiStore)store;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => taxii.AddTaxiiObjectsAsync(
            Collection,
            [.. Enumerable.Range(0, 10).Select(i => NewObject((writer * 10) + i))],
            Now,
            Ct)));

        var all = results.SelectMany(r => r).ToList();
        Assert.All(all, o => Assert.True(o.Added));
        Assert.Equal(80, all.Select(o => o.Stored.DateAdded).Distinct().Count());
        Assert.All(all, o => Assert.True(o.Stored.DateAdded >= Now));
        foreach (var writer in results)
        {
            // One call's versions get increasing values in the order given.
            Assert.Equal(writer.Select(o => o.Stored.DateAdded).Order(), writer.Select(o => o.Stored.DateAdded));
        }

        var read = await taxii.QueryTaxiiObjectsAsync(new TaxiiObjectQueryRecord { CollectionId = Collection, MaxTlp = 4, AllVersions = true, Limit = 1000 }, Ct);
        Assert.Equal(all.Select(o => o.Stored.DateAdded).Order(), read.Select(o => o.DateAdded));
        Assert.Equal(Now.AddTicks(790), read[^1].DateAdded);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Query_FiltersByTlpAndVersionAndPagesByDateAdded(string backend)
    {
        await using var location = await StoreLocation.CreateAsync(backend);
        await using var store = await OpenAsync(location);
        var taxii = (ITaxiiStore)store;
        await taxii.AddTaxiiObjectsAsync(Collection, [NewObject(1, tlp: 1), NewObject(2, tlp: 3), NewObject(1, tlp: 2, day: 2)], Now, Ct);
        await taxii.AddTaxiiObjectsAsync(TaxiiTestServer.Reference, [NewObject(3)], Now, Ct);

        async Task<IEnumerable<string>> Query(TaxiiObjectQueryRecord query) =>
            (await taxii.QueryTaxiiObjectsAsync(query, Ct)).Select(o => $"{o.ObjectId[^1]}@{o.Version.Day}");

        var basic = new TaxiiObjectQueryRecord { CollectionId = Collection, MaxTlp = 2, LastVersion = true, Limit = 10, IncludeJson = true };
        Assert.Equal(["1@2"], await Query(basic));
        Assert.Equal(["1@1"], await Query(basic with { MaxTlp = 1 }));
        Assert.Equal(["2@1", "1@2"], await Query(basic with { MaxTlp = 3 }));
        Assert.Equal(["1@1", "2@1"], await Query(basic with { MaxTlp = 3, LastVersion = false, FirstVersion = true }));
        Assert.Equal(["1@1", "2@1", "1@2"], await Query(basic with { MaxTlp = 3, AllVersions = true }));
        Assert.Equal(["1@1"], await Query(basic with { MaxTlp = 3, AllVersions = true, Limit = 1 }));
        Assert.Equal(["2@1", "1@2"], await Query(basic with { MaxTlp = 3, AllVersions = true, AddedAfter = Now }));
        Assert.Equal(["1@2"], await Query(basic with { MaxTlp = 3, LastVersion = false, Versions = [new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)] }));
        Assert.Equal(["2@1"], await Query(basic with { MaxTlp = 3, ObjectIds = [NewObject(2).ObjectId] }));
        Assert.Empty(await Query(basic with { Types = ["campaign"] }));
        Assert.Empty(await Query(basic with { SpecVersions = ["2.0"] }));
        var withJson = await taxii.QueryTaxiiObjectsAsync(basic, Ct);
        Assert.Equal(NewObject(1, tlp: 2, day: 2).Json, withJson.Single().Json);
        var withoutJson = await taxii.QueryTaxiiObjectsAsync(basic with { IncludeJson = false }, Ct);
        Assert.Null(withoutJson.Single().Json);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Add_ExistingVersionOrObservable_IsNotStoredAgain_AndInitializeIsIdempotent(string backend)
    {
        await using var location = await StoreLocation.CreateAsync(backend);
        await using var store = await OpenAsync(location);
        var taxii = (ITaxiiStore)store;
        var observable = NewObject(7) with { Version = null, VersionText = null, Type = "ipv4-addr" };
        var first = await taxii.AddTaxiiObjectsAsync(Collection, [NewObject(1), observable], Now, Ct);

        await store.InitializeAsync(Ct);
        var second = await taxii.AddTaxiiObjectsAsync(Collection, [NewObject(1), observable, NewObject(1, day: 2)], Now, Ct);

        Assert.Equal([false, false, true], second.Select(o => o.Added));
        Assert.Equal(first[0].Stored.DateAdded, second[0].Stored.DateAdded);
        Assert.Equal(first[1].Stored.DateAdded, second[1].Stored.Version);
        Assert.Null(second[1].Stored.VersionText);
        Assert.True(second[2].Stored.DateAdded > first[1].Stored.DateAdded);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Delete_ThenAdd_NewDateAddedIsAfterTheDeletedOne(string backend)
    {
        await using var location = await StoreLocation.CreateAsync(backend);
        await using var store = await OpenAsync(location);
        var taxii = (ITaxiiStore)store;
        var added = await taxii.AddTaxiiObjectsAsync(Collection, [NewObject(1), NewObject(2)], Now, Ct);

        var deleted = await taxii.DeleteTaxiiObjectVersionsAsync(Collection, NewObject(2).ObjectId, [added[1].Stored.Version], Ct);
        var again = await taxii.AddTaxiiObjectsAsync(Collection, [NewObject(3)], Now, Ct);

        Assert.Equal(1, deleted);
        Assert.True(again[0].Stored.DateAdded > added[1].Stored.DateAdded);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Status_RoundTrips(string backend)
    {
        await using var location = await StoreLocation.CreateAsync(backend);
        await using var store = await OpenAsync(location);
        var taxii = (ITaxiiStore)store;
        var status = new TaxiiStatusRecord
        {
            Id = "9b5e2f0c-1d3a-4f6e-8b7c-0a1b2c3d4e5f",
            ApiRoot = TaxiiTestServer.RootA,
            Owner = "alpha",
            RequestTimestamp = Now.AddTicks(10),
            Successes = [new TaxiiStatusDetailRecord { ObjectId = "indicator--1", Version = "2026-03-01T10:00:00.000Z" }],
            Failures = [new TaxiiStatusDetailRecord { ObjectId = "indicator--2", Version = "", Message = "bad" }],
        };

        await taxii.SaveTaxiiStatusAsync(status, Ct);
        var read = await taxii.FindTaxiiStatusAsync(status.Id, Ct);

        Assert.NotNull(read);
        Assert.Equal(status.RequestTimestamp, read.RequestTimestamp);
        Assert.Equal(status.Successes, read.Successes);
        Assert.Equal(status.Failures, read.Failures);
        Assert.Empty(read.Pendings);
        Assert.Equal((status.Id, status.ApiRoot, status.Owner), (read.Id, read.ApiRoot, read.Owner));
        Assert.Null(await taxii.FindTaxiiStatusAsync("00000000-0000-4000-8000-000000000000", Ct));
    }

    private static async Task<IServiceStore> OpenAsync(StoreLocation location)
    {
        IServiceStore store = location.PostgresConnectionString is { } connection
            ? new PostgreSqlServiceStore(new PostgreSqlStoreOptions { ConnectionString = connection })
            : new SqliteServiceStore(new SqliteStoreOptions { DataSource = location.SqlitePath! });
        await store.InitializeAsync(Ct);
        return store;
    }

    private static TaxiiNewObjectRecord NewObject(int n, int tlp = 1, int day = 1)
    {
        var id = StixSamples.IndicatorId(n);
        var version = new DateTimeOffset(2026, 3, day, 10, 0, 0, TimeSpan.Zero);
        var text = version.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return new TaxiiNewObjectRecord
        {
            ObjectId = id,
            Type = "indicator",
            SpecVersion = "2.1",
            Version = version,
            VersionText = text,
            Tlp = tlp,
            Json = $$"""{"type":"indicator","spec_version":"2.1","id":"{{id}}","modified":"{{text}}"}""",
        };
    }
}
