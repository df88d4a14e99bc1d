using DistillGuard.Core.Storage;
using DistillGuard.Storage.PostgreSql;
using Npgsql;

namespace DistillGuard.Storage.Tests;

/// <summary>
/// The contract on PostgreSQL: a database per class (<see cref="PostgreSqlDatabaseFixture"/>), a schema per test.
/// Skipped when <c>DISTILLGUARD_TEST_POSTGRES</c> is unset; <c>.ci/run</c> starts a server and sets it.
/// </summary>
public sealed class PostgreSqlServiceStoreTests(PostgreSqlDatabaseFixture database) : ServiceStoreContractTests, IClassFixture<PostgreSqlDatabaseFixture>
{
    private string? _connectionString;

    [Fact]
    public void Constructor_NoConnectionString_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new PostgreSqlServiceStore(new PostgreSqlStoreOptions()));
    }

    [Fact]
    public async Task AppendExchangesAsync_LockSessionCutAndAnotherProcessTookTheLock_RefusesAndWritesNothing()
    {
        await using var first = await OpenPostgresAsync();
        await using var second = await OpenPostgresAsync();
        await using var held = await first.AcquireWriterLockAsync(TestContext.Current.CancellationToken);
        await first.AppendExchangesAsync([StoredValues.Entry("ex-1")], TestContext.Current.CancellationToken);

        // The lock's connection is cut (a network drop or a server restart would do the same): the lock goes with it,
        // and a second process starts.
        await TerminateWriterLockSessionsAsync();
        await using var taken = await second.AcquireWriterLockAsync(TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => first.AppendExchangesAsync([StoredValues.Entry("ex-2")], TestContext.Current.CancellationToken));
        Assert.Contains("lost the store's writer lock", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await first.CountExchangesAsync(TestContext.Current.CancellationToken));

        // The holder writes.
        await second.AppendExchangesAsync([StoredValues.Entry("ex-3")], TestContext.Current.CancellationToken);
        Assert.Equal(2, await second.CountExchangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AppendExchangesAsync_LockSessionCutAndNobodyTookIt_TakesTheLockAgainAndWrites()
    {
        await using var first = await OpenPostgresAsync();
        await using var second = await OpenPostgresAsync();
        await using var held = await first.AcquireWriterLockAsync(TestContext.Current.CancellationToken);

        await TerminateWriterLockSessionsAsync();
        var sequences = await first.AppendExchangesAsync([StoredValues.Entry("ex-1")], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, sequences[0]);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => second.AcquireWriterLockAsync(TestContext.Current.CancellationToken));
        Assert.Contains("in use by another DistillGuard process", refused.Message, StringComparison.Ordinal);

        // Released with the lease: the lock taken again goes too.
        await held.DisposeAsync();
        await using var taken = await second.AcquireWriterLockAsync(TestContext.Current.CancellationToken);
    }

    protected override async Task<IServiceStore> CreateStoreAsync(int readBatchSize)
    {
        if (!database.IsConfigured)
        {
            Assert.Skip($"{PostgreSqlDatabaseFixture.Variable} is not set; .ci/run sets it");
        }

        _connectionString ??= await database.CreateSchemaAsync(TestContext.Current.CancellationToken);
        return new PostgreSqlServiceStore(new PostgreSqlStoreOptions { ConnectionString = _connectionString, ReadBatchSize = readBatchSize });
    }

    protected override async Task<long> CountCheckpointRowsAsync() => (long)(await ScalarAsync("SELECT COUNT(*) FROM checkpoints;"))!;

    protected override async Task SetSchemaVersionAsync(int version) => await ScalarAsync($"UPDATE schema_version SET version = {version};");

    // The schema goes with the class's database.
    protected override ValueTask DeleteStorageAsync() => ValueTask.CompletedTask;

    private async Task<PostgreSqlServiceStore> OpenPostgresAsync()
    {
        var store = (PostgreSqlServiceStore)await CreateStoreAsync(100);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }

    // Ends every session of this test's schema that holds a DistillGuard writer lock (key 0x4447_5752, "DGWR"), as a cut connection would; waits (up to 10 s) until they have ended.
    private Task<object?> TerminateWriterLockSessionsAsync() => ScalarAsync($"""
        SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = 1145526098::oid
          AND objid = hashtext(current_schema())::oid;
        """);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
