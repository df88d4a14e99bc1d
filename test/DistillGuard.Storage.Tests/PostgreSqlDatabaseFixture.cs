using System.Globalization;
using Npgsql;

namespace DistillGuard.Storage.Tests;

/// <summary>
/// A database of its own for one test class on the server that <c>DISTILLGUARD_TEST_POSTGRES</c> names, dropped after
/// the class; each test gets a fresh schema in it. Does nothing when the variable is unset.
/// </summary>
public sealed class PostgreSqlDatabaseFixture : IAsyncLifetime
{
    /// <summary>The environment variable with the connection string of a role that may create databases.</summary>
    public const string Variable = "DISTILLGUARD_TEST_POSTGRES";

    private readonly string? _serverConnectionString = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
    private readonly string _database = $"distillguard_test_{Guid.NewGuid():N}";
    private int _schemas;
    private bool _created;

    /// <summary>Gets a value indicating whether a server was configured.</summary>
    public bool IsConfigured => _serverConnectionString is not null;

    /// <summary>Gets the connection string of this class's database.</summary>
    public string DatabaseConnectionString =>
        new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _database }.ToString();

    public async ValueTask InitializeAsync()
    {
        if (_serverConnectionString is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {_database};", connection);
        await command.ExecuteNonQueryAsync();
        _created = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_created)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates a new empty schema in this class's database.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A connection string whose search path is the new schema.</returns>
    public async Task<string> CreateSchemaAsync(CancellationToken cancellationToken)
    {
        var schema = string.Create(CultureInfo.InvariantCulture, $"test_{Interlocked.Increment(ref _schemas)}");
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema};", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(DatabaseConnectionString) { SearchPath = schema }.ToString();
    }
}
