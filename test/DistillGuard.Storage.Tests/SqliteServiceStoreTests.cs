using DistillGuard.Core.Storage;
using DistillGuard.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace DistillGuard.Storage.Tests;

/// <summary>The contract on SQLite: a database file of its own in a temporary directory per test.</summary>
public sealed class SqliteServiceStoreTests : ServiceStoreContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "distillguard-storage-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "store.db");

    [Fact]
    public async Task InitializeAsync_NewFile_UsesWalJournalAndFullSync()
    {
        await using var store = await CreateStoreAsync(readBatchSize: 10);
        await store.InitializeAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
        Assert.True(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseFromBeforeKeyOrigins_AddsTheColumnAndTakesItsKeysAsConfigured()
    {
        await using (var store = await CreateStoreAsync(readBatchSize: 10))
        {
            await store.InitializeAsync(TestContext.Current.CancellationToken);
            await store.AddApiKeyAsync(StoredValues.ApiKey("k-old") with { Origin = ApiKeyOrigin.Api }, TestContext.Current.CancellationToken);
        }

        SqliteConnection.ClearAllPools();
        await ScalarAsync("ALTER TABLE api_keys DROP COLUMN origin;");
        await using var reopened = await CreateStoreAsync(readBatchSize: 10);
        await reopened.InitializeAsync(TestContext.Current.CancellationToken);

        var key = Assert.Single(await reopened.ListApiKeysAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("k-old", ApiKeyOrigin.Configured), (key.KeyId, key.Origin));
    }

    [Fact]
    public void Constructor_InMemoryDatabase_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new SqliteServiceStore(new SqliteStoreOptions { DataSource = ":memory:" }));
    }

    protected override Task<IServiceStore> CreateStoreAsync(int readBatchSize)
    {
        Directory.CreateDirectory(_directory);
        return Task.FromResult<IServiceStore>(new SqliteServiceStore(new SqliteStoreOptions { DataSource = DatabasePath, ReadBatchSize = readBatchSize }));
    }

    protected override async Task<long> CountCheckpointRowsAsync() => (long)(await ScalarAsync("SELECT COUNT(*) FROM checkpoints;"))!;

    protected override async Task SetSchemaVersionAsync(int version) => await ScalarAsync($"UPDATE schema_version SET version = {version};");

    protected override ValueTask DeleteStorageAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
