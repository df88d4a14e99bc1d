using DistillGuard.Core.Policies;
using DistillGuard.Core.Storage;
using static DistillGuard.Storage.Tests.StoredValues;

namespace DistillGuard.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IServiceStore"/> shares. Each backend derives from this class once; each test gets
/// storage of its own (a file, a schema) that <see cref="CreateStoreAsync"/> opens.
/// </summary>
public abstract class ServiceStoreContractTests : IAsyncLifetime
{
    private const int DefaultReadBatchSize = 500;
    private readonly List<IServiceStore> _opened = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        await DeleteStorageAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task InitializeAsync_RunTwiceAndConcurrently_LeavesOneWorkingSchema()
    {
        var first = await CreateTrackedAsync();
        var second = await CreateTrackedAsync();
        await Task.WhenAll(first.InitializeAsync(Ct), second.InitializeAsync(Ct));
        await first.InitializeAsync(Ct);

        var sequences = await second.AppendExchangesAsync([Entry("a")], Ct);

        Assert.Equal([1L], sequences);
        Assert.Equal(1, await first.CountExchangesAsync(Ct));
    }

    [Fact]
    public async Task InitializeAsync_SchemaFromANewerVersion_Throws()
    {
        await OpenAsync();
        await SetSchemaVersionAsync(99);

        var reopened = await CreateTrackedAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reopened.InitializeAsync(Ct));
        Assert.Contains("99", error.Message);
    }

    [Fact]
    public async Task AppendExchangesAsync_NewEntries_AssignsIncreasingSequencesFromOne()
    {
        var store = await OpenAsync();

        var sequences = await store.AppendExchangesAsync([Entry("a"), Entry("b"), Entry("c")], Ct);

        Assert.Equal([1L, 2L, 3L], sequences);
        Assert.Equal(3, await store.CountExchangesAsync(Ct));
    }

    [Fact]
    public async Task AppendExchangesAsync_EmptyBatch_ReturnsEmptyAndStoresNothing()
    {
        var store = await OpenAsync();

        var sequences = await store.AppendExchangesAsync([], Ct);

        Assert.Empty(sequences);
        Assert.Equal(0, await store.CountExchangesAsync(Ct));
    }

    [Fact]
    public async Task AppendExchangesAsync_DuplicateWithinBatch_ReturnsZeroAndStoresTheFirstOnce()
    {
        var store = await OpenAsync();

        var sequences = await store.AppendExchangesAsync(
            [Entry("a", payload: [1]), Entry("b"), Entry("a", payload: [2]), Entry("c")], Ct);

        Assert.Equal([1L, 2L, 0L, 3L], sequences);
        var stored = await ReadAllAsync(store);
        Assert.Equal(["a", "b", "c"], stored.Select(e => e.ExchangeId));
        Assert.Equal([1], stored[0].Payload);
    }

    [Fact]
    public async Task AppendExchangesAsync_DuplicateOfEarlierBatch_ReturnsZeroKeepsTheFirstAndConsumesNoSequence()
    {
        var store = await OpenAsync();
        await store.AppendExchangesAsync([Entry("a"), Entry("b", payload: [7])], Ct);

        var sequences = await store.AppendExchangesAsync([Entry("b", payload: [8]), Entry("c"), Entry("a")], Ct);

        Assert.Equal([0L, 3L, 0L], sequences);
        var stored = await ReadAllAsync(store);
        Assert.Equal([1L, 2L, 3L], stored.Select(e => e.Sequence));
        Assert.Equal([7], stored[1].Payload);
    }

    [Fact]
    public async Task AppendExchangesAsync_OnlyDuplicates_ReturnsAllZeros()
    {
        var store = await OpenAsync();
        await store.AppendExchangesAsync([Entry("a"), Entry("b")], Ct);

        var sequences = await store.AppendExchangesAsync([Entry("b"), Entry("a"), Entry("a")], Ct);

        Assert.Equal([0L, 0L, 0L], sequences);
        Assert.Equal(2, await store.CountExchangesAsync(Ct));
    }

    [Fact]
    public async Task AppendExchangesAsync_SuccessiveCalls_SequencesKeepIncreasing()
    {
        var store = await OpenAsync();
        var all = new List<long>();

        for (var call = 0; call < 5; call++)
        {
            var batch = Enumerable.Range(0, call + 1).Select(i => Entry($"e-{call}-{i}")).ToArray();
            all.AddRange(await store.AppendExchangesAsync(batch, Ct));
        }

        Assert.Equal(15, all.Count);
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} follows {pair.First}"));
    }

    [Fact]
    public async Task AppendExchangesAsync_CancelledBeforeTheCommit_StoresNothing()
    {
        var store = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendExchangesAsync([Entry("a")], cancelled.Token));

        Assert.Equal(0, await store.CountExchangesAsync(Ct));
        Assert.Equal([1L], await store.AppendExchangesAsync([Entry("a")], Ct));
    }

    [Fact]
    public async Task ReadExchangesAsync_EveryField_RoundTrips()
    {
        var store = await OpenAsync();
        var full = new JournalEntry
        {
            ExchangeId = "ex-ü-1",
            Timestamp = T0,
            AccountId = "acct-7",
            EndUserId = "user-42",
            Payload = [0x00, 0xff, 0x00, 0x80, 0x7f],
            PromptText = "Solve: 2 + 2 = ? «quoted» 🙂\nsecond line",
        };
        var bare = new JournalEntry { ExchangeId = "ex-2", Timestamp = T0, AccountId = "acct-8", Payload = [] };
        await store.AppendExchangesAsync([full, bare], Ct);

        var stored = await ReadAllAsync(store);

        Assert.Equal(full with { Sequence = 1 }, stored[0] with { Payload = full.Payload });
        Assert.Equal(full.Payload, stored[0].Payload);
        Assert.Equal(bare with { Sequence = 2 }, stored[1] with { Payload = bare.Payload });
        Assert.Empty(stored[1].Payload);
        Assert.Null(stored[1].EndUserId);
        Assert.Null(stored[1].PromptText);
    }

    [Fact]
    public async Task ReadExchangesAsync_AfterASequence_ReturnsOnlyLaterEntriesInOrder()
    {
        var store = await OpenAsync();
        await store.AppendExchangesAsync(Enumerable.Range(1, 10).Select(i => Entry($"e{i}", minute: i)).ToArray(), Ct);

        var stored = await ReadAllAsync(store, afterSequence: 4);

        Assert.Equal([5L, 6L, 7L, 8L, 9L, 10L], stored.Select(e => e.Sequence));
        Assert.Equal(["e5", "e6", "e7", "e8", "e9", "e10"], stored.Select(e => e.ExchangeId));
        Assert.Empty(await ReadAllAsync(store, afterSequence: 10));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(9)]
    [InlineData(1)]
    public async Task ReadExchangesAsync_SeveralPages_StreamsEveryEntryOnceInOrder(int count)
    {
        var store = await OpenAsync(readBatchSize: 3);
        await store.AppendExchangesAsync(Enumerable.Range(1, count).Select(i => Entry($"e{i}")).ToArray(), Ct);

        var stored = await ReadAllAsync(store);

        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), stored.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ReadExchangesAsync_EntriesAppendedWhileReading_ArriveOnLaterPages()
    {
        var store = await OpenAsync(readBatchSize: 2);
        await store.AppendExchangesAsync([Entry("a"), Entry("b"), Entry("c")], Ct);
        var seen = new List<string>();

        await foreach (var entry in store.ReadExchangesAsync(0, Ct))
        {
            seen.Add(entry.ExchangeId);
            if (entry.ExchangeId == "a")
            {
                // The reader holds one page, not the journal: what is committed before its next page is in it.
                await store.AppendExchangesAsync([Entry("d")], Ct);
            }
        }

        Assert.Equal(["a", "b", "c", "d"], seen);
    }

    [Fact]
    public async Task Timestamps_EveryRecordKind_RoundTripToTheMicrosecondInUtc()
    {
        var store = await OpenAsync();

        // 1234567 ticks: 123456 microseconds and 7 ticks that timestamptz cannot hold; the offset is not UTC.
        var local = new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var expected = AsStored(local);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 21, 59, 58, TimeSpan.Zero).AddTicks(1_234_560), expected);

        await store.AppendExchangesAsync([Entry("a") with { Timestamp = local }], Ct);
        await store.SaveCheckpointAsync(new EngineCheckpoint { Sequence = 1, CreatedAt = local, Data = [1] }, Ct);
        var added = await store.AddOverrideAsync(Override("acct-1", local.AddDays(1)) with { CreatedAt = local }, Ct);
        var audited = await store.AppendAuditAsync(Audit("account:acct-1") with { At = local }, Ct);
        await store.AddApiKeyAsync(ApiKey("k1") with { CreatedAt = local }, Ct);

        var instants = new[]
        {
            (await ReadAllAsync(store))[0].Timestamp,
            (await store.LoadLatestCheckpointAsync(Ct))!.CreatedAt,
            (await store.ListActiveOverridesAsync(local, Ct))[0].CreatedAt,
            (await store.ListActiveOverridesAsync(local, Ct))[0].ExpiresAt.AddDays(-1),
            (await store.ReadAuditAsync(0, 10, Ct))[0].At,
            (await store.ListApiKeysAsync(Ct))[0].CreatedAt,
            added.CreatedAt,
            audited.At,
        };
        Assert.All(instants, instant =>
        {
            Assert.Equal(expected.UtcTicks, instant.UtcTicks);
            Assert.Equal(TimeSpan.Zero, instant.Offset);
        });
    }

    [Fact]
    public async Task LoadLatestCheckpointAsync_NoCheckpoint_ReturnsNull()
    {
        var store = await OpenAsync();

        Assert.Null(await store.LoadLatestCheckpointAsync(Ct));
    }

    [Fact]
    public async Task SaveCheckpointAsync_SeveralCheckpoints_LoadsTheHighestSequenceAndKeepsOnlyTheNewestTwo()
    {
        var store = await OpenAsync();

        foreach (var sequence in new long[] { 10, 40, 20, 30 })
        {
            await store.SaveCheckpointAsync(new EngineCheckpoint { Sequence = sequence, CreatedAt = T0.AddSeconds(sequence), Data = [(byte)sequence, 0, 9] }, Ct);
        }

        var latest = await store.LoadLatestCheckpointAsync(Ct);
        Assert.NotNull(latest);
        Assert.Equal(40, latest.Sequence);
        Assert.Equal(T0.AddSeconds(40), latest.CreatedAt);
        Assert.Equal([40, 0, 9], latest.Data);
        Assert.Equal(2, await CountCheckpointRowsAsync());
    }

    [Fact]
    public async Task SaveCheckpointAsync_SameSequenceTwice_LoadsTheLaterOne()
    {
        var store = await OpenAsync();

        await store.SaveCheckpointAsync(new EngineCheckpoint { Sequence = 5, CreatedAt = T0, Data = [1] }, Ct);
        await store.SaveCheckpointAsync(new EngineCheckpoint { Sequence = 5, CreatedAt = T0, Data = [2] }, Ct);

        Assert.Equal([2], (await store.LoadLatestCheckpointAsync(Ct))!.Data);
    }

    [Fact]
    public async Task ListActiveOverridesAsync_ExpiredAndExpiringNow_AreLeftOut()
    {
        var store = await OpenAsync();
        var now = T0.AddHours(1);
        var expired = await store.AddOverrideAsync(Override("acct-old", now.AddTicks(-10)), Ct);
        var expiringNow = await store.AddOverrideAsync(Override("acct-now", now), Ct);
        var active = await store.AddOverrideAsync(
            Override("acct-1", now.AddTicks(10), EnforcementAction.Allow) with { EndUserId = "user-1", Reason = "eval vendor" }, Ct);
        var later = await store.AddOverrideAsync(Override("acct-2", now.AddDays(7), EnforcementAction.Throttle), Ct);

        var listed = await store.ListActiveOverridesAsync(now, Ct);

        Assert.True(expired.Id > 0 && expiringNow.Id > expired.Id && active.Id > expiringNow.Id && later.Id > active.Id);
        Assert.Equal([active, later], listed);
        Assert.Equal(4, (await store.ListActiveOverridesAsync(T0, Ct)).Count);
        Assert.Empty(await store.ListActiveOverridesAsync(now.AddDays(8), Ct));
    }

    [Fact]
    public async Task ReadAuditAsync_PagedByLastId_ReturnsEveryEntryOnceInOrder()
    {
        var store = await OpenAsync();
        var appended = new List<AuditRecord>();
        for (var i = 0; i < 5; i++)
        {
            appended.Add(await store.AppendAuditAsync(Audit($"account:acct-{i}"), Ct));
        }

        var pages = new List<IReadOnlyList<AuditRecord>>();
        var after = 0L;
        while (true)
        {
            var page = await store.ReadAuditAsync(after, 2, Ct);
            pages.Add(page);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Id;
        }

        Assert.All(appended.Zip(appended.Skip(1)), pair => Assert.True(pair.Second.Id > pair.First.Id));
        Assert.Equal([2, 2, 1, 0], pages.Select(p => p.Count));
        Assert.Equal(appended, pages.SelectMany(p => p));
        Assert.Empty(await store.ReadAuditAsync(0, 0, Ct));
    }

    [Fact]
    public async Task AddApiKeyAsync_DuplicateKeyId_ReturnsFalseAndKeepsTheFirst()
    {
        var store = await OpenAsync();
        var admin = ApiKey("k-admin", "ops", ApiKeyRole.Admin);
        var analyst = ApiKey("k-analyst", "soc", ApiKeyRole.Analyst) with { CreatedAt = T0.AddMinutes(1) };

        Assert.True(await store.AddApiKeyAsync(admin, Ct));
        Assert.True(await store.AddApiKeyAsync(analyst, Ct));
        Assert.False(await store.AddApiKeyAsync(ApiKey("k-admin", "intruder", ApiKeyRole.Ingest), Ct));

        var keys = await store.ListApiKeysAsync(Ct);
        Assert.Equal(2, keys.Count);
        Assert.Equal(admin with { SecretHash = keys[0].SecretHash }, keys[0]);
        Assert.Equal(admin.SecretHash, keys[0].SecretHash);
        Assert.Equal(analyst with { SecretHash = keys[1].SecretHash }, keys[1]);
    }

    [Fact]
    public async Task ReplaceApiKeysAsync_ConfiguredSet_RemovesTheUnlistedOfThoseOriginsUpdatesAndAddsKeepingOthers()
    {
        var store = await OpenAsync();
        await store.AddApiKeyAsync(ApiKey("k-kept", "ops", ApiKeyRole.Admin), Ct);
        await store.AddApiKeyAsync(ApiKey("k-gone", "old", ApiKeyRole.Admin), Ct);
        await store.AddApiKeyAsync(ApiKey("k-api", "proxy") with { Origin = ApiKeyOrigin.Api }, Ct);
        await store.AddApiKeyAsync(ApiKey("k-generated", "admin", ApiKeyRole.Admin) with { Origin = ApiKeyOrigin.Generated }, Ct);

        var changes = await store.ReplaceApiKeysAsync(
            [ApiKeyOrigin.Configured, ApiKeyOrigin.Generated],
            [ApiKey("k-kept", "ops-renamed", ApiKeyRole.Ingest) with { CreatedAt = T0.AddDays(9) }, ApiKey("k-new", "soc", ApiKeyRole.Analyst)],
            Ct);

        Assert.Equal(["k-gone", "k-generated"], changes.Removed.Select(k => k.KeyId).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("k-new", Assert.Single(changes.Added).KeyId);
        Assert.Equal("k-kept", Assert.Single(changes.Updated).KeyId);
        var keys = (await store.ListApiKeysAsync(Ct)).ToDictionary(k => k.KeyId);
        Assert.Equal(["k-api", "k-kept", "k-new"], keys.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("ops-renamed", ApiKeyRole.Ingest, T0), (keys["k-kept"].Name, keys["k-kept"].Role, keys["k-kept"].CreatedAt));
        Assert.Equal(ApiKeyOrigin.Api, keys["k-api"].Origin);
        Assert.Equal(ApiKeyOrigin.Configured, keys["k-new"].Origin);
    }

    [Fact]
    public async Task ReplaceApiKeysAsync_SameSetAgain_ChangesNothing()
    {
        var store = await OpenAsync();
        ApiKeyRecord[] set = [ApiKey("k1", "a", ApiKeyRole.Admin), ApiKey("k2", "b")];
        await store.ReplaceApiKeysAsync([ApiKeyOrigin.Configured], set, Ct);

        var changes = await store.ReplaceApiKeysAsync([ApiKeyOrigin.Configured], set, Ct);

        Assert.Empty(changes.Added);
        Assert.Empty(changes.Updated);
        Assert.Empty(changes.Removed);
        Assert.Equal(2, (await store.ListApiKeysAsync(Ct)).Count);
    }

    [Fact]
    public async Task RemoveApiKeyAsync_StoredAndUnknown_RemovesOnceAndReportsWhether()
    {
        var store = await OpenAsync();
        await store.AddApiKeyAsync(ApiKey("k1") with { Origin = ApiKeyOrigin.Api }, Ct);

        Assert.True(await store.RemoveApiKeyAsync("k1", Ct));
        Assert.False(await store.RemoveApiKeyAsync("k1", Ct));
        Assert.Empty(await store.ListApiKeysAsync(Ct));
    }

    [Fact]
    public async Task AcquireWriterLockAsync_SecondStoreOnTheSameStorage_RefusesUntilTheFirstReleases()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        var held = await first.AcquireWriterLockAsync(Ct);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => second.AcquireWriterLockAsync(Ct));
        Assert.Contains("in use by another DistillGuard process", refused.Message, StringComparison.Ordinal);

        await held.DisposeAsync();
        var taken = await second.AcquireWriterLockAsync(Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.AcquireWriterLockAsync(Ct));
        await taken.DisposeAsync();
    }

    [Fact]
    public async Task AppendExchangesAsync_ParallelAppendersOnTwoStores_LoseNothingAndNeverShareASequence()
    {
        var stores = new[] { await OpenAsync(), await CreateTrackedAsync() };
        await stores[1].InitializeAsync(Ct);
        const int Appenders = 6;
        const int Ids = 120;
        const int BatchSize = 5;

        // Every appender sends every id, starting at a different point, so each id races between all of them.
        var results = await Task.WhenAll(Enumerable.Range(0, Appenders).Select(appender => Task.Run(
            async () =>
            {
                var store = stores[appender % stores.Length];
                var assigned = new List<(string Id, long Sequence)>();
                var ids = Enumerable.Range(0, Ids).Select(i => $"x-{(i + (appender * 37)) % Ids}").ToArray();
                foreach (var chunk in ids.Chunk(BatchSize))
                {
                    var sequences = await store.AppendExchangesAsync(chunk.Select(id => Entry(id)).ToArray(), Ct);
                    Assert.Equal(chunk.Length, sequences.Count);
                    var stored = sequences.Where(s => s != 0).ToArray();
                    Assert.Equal(stored.Order(), stored);
                    assigned.AddRange(chunk.Zip(sequences));
                }

                return assigned;
            },
            Ct)));

        var winners = results.SelectMany(r => r).Where(r => r.Sequence != 0).ToArray();
        Assert.Equal(Ids, winners.Length);
        Assert.Equal(Ids, winners.Select(w => w.Id).Distinct().Count());
        Assert.Equal(Ids, winners.Select(w => w.Sequence).Distinct().Count());
        Assert.Equal(Ids, await stores[0].CountExchangesAsync(Ct));
        var journal = await ReadAllAsync(stores[1]);
        Assert.Equal(winners.OrderBy(w => w.Sequence).Select(w => (w.Id, w.Sequence)), journal.Select(e => (e.ExchangeId, e.Sequence)));
    }

    [Fact]
    public async Task DisposeAsync_ThenReopen_SeesEverythingAndContinuesTheSequence()
    {
        var store = await OpenAsync();
        await store.AppendExchangesAsync([Entry("a"), Entry("b")], Ct);
        await store.SaveCheckpointAsync(new EngineCheckpoint { Sequence = 2, CreatedAt = T0, Data = [4, 2] }, Ct);
        var added = await store.AddOverrideAsync(Override("acct-1", T0.AddDays(1)), Ct);
        var audited = await store.AppendAuditAsync(Audit("account:acct-1"), Ct);
        await store.AddApiKeyAsync(ApiKey("k1"), Ct);
        await store.DisposeAsync();

        var reopened = await OpenAsync();

        Assert.Equal(["a", "b"], (await ReadAllAsync(reopened)).Select(e => e.ExchangeId));
        Assert.Equal([4, 2], (await reopened.LoadLatestCheckpointAsync(Ct))!.Data);
        Assert.Equal([added], await reopened.ListActiveOverridesAsync(T0, Ct));
        Assert.Equal([audited], await reopened.ReadAuditAsync(0, 10, Ct));
        Assert.Equal("k1", Assert.Single(await reopened.ListApiKeysAsync(Ct)).KeyId);
        Assert.Equal([0L, 3L], await reopened.AppendExchangesAsync([Entry("a"), Entry("c")], Ct));
    }

    [Fact]
    public async Task CountExchangesPerHourAsync_TwoAccountsOverTwoHours_CountsEachHourOfTheAccountsAsked()
    {
        var store = await OpenAsync();
        await store.AppendExchangesAsync(
            [Entry("a", minute: 1), Entry("b", minute: 50), Entry("c", minute: 61), Entry("d", minute: 2, account: "acct-2"), Entry("e", minute: 3, account: "acct-3")],
            Ct);

        var hours = await ((IActivityStore)store).CountExchangesPerHourAsync(["acct-1", "acct-2"], Ct);

        var hour = StoreConventions.Truncate(new DateTimeOffset(T0.Year, T0.Month, T0.Day, T0.Hour, 0, 0, TimeSpan.Zero));
        Assert.Equal(
            [new HourlyActivity("acct-1", hour, 2), new HourlyActivity("acct-1", hour.AddHours(1), 1), new HourlyActivity("acct-2", hour, 1)],
            hours);
    }

    [Fact]
    public async Task SaveCaseAsync_SameSubjectTwice_KeepsTheLatestAndReadsItBackAfterReopen()
    {
        var store = (ICaseStore)await OpenAsync();
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(15);
        await store.SaveCaseAsync(new CaseRecord { AccountId = "acct-1", Status = CaseStatus.Claimed, ClaimedBy = "alice", UpdatedAt = at }, Ct);
        await store.SaveCaseAsync(
            new CaseRecord
            {
                AccountId = "acct-1", Status = CaseStatus.Decided, ClaimedBy = "alice", DecidedBy = "bob", OverrideId = 7,
                Label = CaseLabel.ConfirmedDistillation, Note = "templated sweep", UpdatedAt = at.AddMinutes(5),
            },
            Ct);
        await store.SaveCaseAsync(new CaseRecord { AccountId = "acct-1", EndUserId = "eu-9", Status = CaseStatus.Claimed, ClaimedBy = "carol", UpdatedAt = at }, Ct);

        var reopened = (ICaseStore)await OpenAsync();
        var cases = await reopened.ListCasesAsync(Ct);

        Assert.Equal(2, cases.Count);
        var account = Assert.Single(cases, c => c.EndUserId is null);
        Assert.Equal(
            new CaseRecord
            {
                AccountId = "acct-1", Status = CaseStatus.Decided, ClaimedBy = "alice", DecidedBy = "bob", OverrideId = 7,
                Label = CaseLabel.ConfirmedDistillation, Note = "templated sweep", UpdatedAt = StoreConventions.Truncate(at.AddMinutes(5)),
            },
            account);
        var endUser = Assert.Single(cases, c => c.EndUserId == "eu-9");
        Assert.Equal(CaseStatus.Claimed, endUser.Status);
        Assert.Null(endUser.Label);
        Assert.Null(endUser.OverrideId);
    }


    /// <summary>Creates a store over this test's storage (the same storage on every call), not yet initialized.</summary>
    /// <param name="readBatchSize">How many exchanges a read fetches per query.</param>
    /// <returns>The store.</returns>
    protected abstract Task<IServiceStore> CreateStoreAsync(int readBatchSize);

    /// <summary>Counts the checkpoint rows in this test's storage, bypassing the store.</summary>
    /// <returns>The count.</returns>
    protected abstract Task<long> CountCheckpointRowsAsync();

    /// <summary>Overwrites the recorded schema version in this test's storage, bypassing the store.</summary>
    /// <param name="version">The version to record.</param>
    /// <returns>A task.</returns>
    protected abstract Task SetSchemaVersionAsync(int version);

    /// <summary>Removes this test's storage; every store over it is disposed by then.</summary>
    /// <returns>A task.</returns>
    protected abstract ValueTask DeleteStorageAsync();

    private static async Task<List<JournalEntry>> ReadAllAsync(IServiceStore store, long afterSequence = 0)
    {
        var entries = new List<JournalEntry>();
        await foreach (var entry in store.ReadExchangesAsync(afterSequence, Ct))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private async Task<IServiceStore> OpenAsync(int readBatchSize = DefaultReadBatchSize)
    {
        var store = await CreateTrackedAsync(readBatchSize);
        await store.InitializeAsync(Ct);
        return store;
    }

    private async Task<IServiceStore> CreateTrackedAsync(int readBatchSize = DefaultReadBatchSize)
    {
        var store = await CreateStoreAsync(readBatchSize);
        _opened.Add(store);
        return store;
    }
}
