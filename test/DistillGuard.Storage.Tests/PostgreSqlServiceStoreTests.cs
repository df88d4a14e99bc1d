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

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
