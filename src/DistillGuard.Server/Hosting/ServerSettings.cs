namespace DistillGuard.Server.Hosting;

/// <summary>What the command line gives the service: where to listen, which store, which files, which mode.</summary>
public sealed class ServerSettings
{
    /// <summary>Gets the addresses to listen on.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    /// <summary>Gets the SQLite file (the embedded default), used when <see cref="PostgresConnectionString"/> is null.</summary>
    public string SqlitePath { get; init; } = "distillguard.db";

    /// <summary>Gets the PostgreSQL connection string, or null for SQLite.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Gets a JSON file with the enforcement policy (a <c>PolicyOptions</c> object), or null for the configuration's.</summary>
    public string? PoliciesFile { get; init; }

    /// <summary>Gets a JSON settings file (appsettings shape, section <c>DistillGuard</c>), or null.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>Gets the upstream OpenAI-compatible API for gateway mode, or null for the service alone.</summary>
    public Uri? Upstream { get; init; }

    /// <summary>Gets the first admin key from the environment (<c>DISTILLGUARD_ADMIN_KEY</c>), or null.</summary>
    public string? AdminKeyFromEnvironment { get; init; }

    /// <summary>Gets where a generated admin key is printed.</summary>
    public TextWriter Console { get; init; } = TextWriter.Null;

    /// <summary>Gets extra configuration values (tests, command-line overrides), applied last.</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();

    /// <summary>Gets the clock; the system clock unless a test passes a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
