using Npgsql;

namespace DistillGuard.Server.Tests.Support;

/// <summary>
/// Where a test's service keeps its state: a fresh SQLite file in a temporary folder, or a fresh database on the
/// PostgreSQL server named by <c>DISTILLGUARD_TEST_POSTGRES</c> (which <c>.ci/run</c> starts), dropped afterwards.
/// </summary>
public sealed class StoreLocation : IAsyncDisposable
{
    public const string PostgresVariable = "DISTILLGUARD_TEST_POSTGRES";

    private readonly string? _directory;
    private readonly string? _adminConnection;
    private readonly string? _database;

    private StoreLocation(string? directory, string? sqlitePath, string? adminConnection, string? database, string? postgres)
    {
        _directory = directory;
        SqlitePath = sqlitePath;
        _adminConnection = adminConnection;
        _database = database;
        PostgresConnectionString = postgres;
    }

    public string? SqlitePath { get; }

    public string? PostgresConnectionString { get; }

    public static StoreLocation Sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dg-server-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new StoreLocation(directory, Path.Combine(directory, "distillguard.db"), null, null, null);
    }

    public static async Task<StoreLocation> PostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(admin))
        {
            Assert.Skip($"{PostgresVariable} is not set; .ci/run sets it");
        }

        var database = "dg_server_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = database };
        return new StoreLocation(null, null, admin, database, builder.ConnectionString);
    }

    public static Task<StoreLocation> CreateAsync(string backend) =>
        backend == "postgres" ? PostgresAsync() : Task.FromResult(Sqlite());

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null && Directory.Exists(_directory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }

        if (_adminConnection is not null && _database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync(CancellationToken.None);
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await command.ExecuteNonQueryAsync(CancellationToken.None);
                    return;
                }
                catch (PostgresException ex) when (attempt < 5 && ex.SqlState is "42501" or "55006")
                {
                    // An autovacuum worker still connected (which only a superuser may end): wait for it to leave.
                    await Task.Delay(200 * attempt, CancellationToken.None);
                }
            }
        }
    }
}
