using DistillGuard.Core.Storage;
using DistillGuard.Server.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Security;

/// <summary>
/// Makes the stored keys match the configuration at every start. The configured keys are those of
/// <c>Server:Keys</c> and, when <c>DISTILLGUARD_ADMIN_KEY</c> is set, one admin key named <c>admin</c>; they are the
/// truth: a stored configured key that is no longer configured is removed, and a configured key's name and role are
/// those configured now. Keys created through the key-admin API are kept. When no key is configured, a key generated
/// at an earlier start is kept; when none exists at all, an admin key is generated and handed back to be printed once.
/// Every change is logged and audited (actor <c>configuration</c>).
/// </summary>
internal sealed partial class ApiKeyBootstrapper(
    ApiKeyRing ring,
    IServiceStore store,
    AuditTrail audit,
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<ApiKeyBootstrapper> logger)
{
    /// <summary>The environment variable that gives an admin key.</summary>
    public const string AdminKeyVariable = "DISTILLGUARD_ADMIN_KEY";

    /// <summary>The name of the key <see cref="AdminKeyVariable"/> gives (the actor in the audit log).</summary>
    public const string AdminKeyName = "admin";

    /// <summary>The actor of the audit entries written for changes made at start.</summary>
    public const string ConfigurationActor = "configuration";

    /// <summary>Replaces the configured keys, and generates an admin key when there is none; returns a generated key to show once, or null.</summary>
    /// <exception cref="InvalidOperationException"><see cref="AdminKeyVariable"/> is too short, or is a key or a name <c>Server:Keys</c> has too.</exception>
    public async Task<string?> RunAsync(string? adminKeyFromEnvironment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var configured = Configured(adminKeyFromEnvironment, now);
        ApiKeyOrigin[] replaced = configured.Count > 0 ? [ApiKeyOrigin.Configured, ApiKeyOrigin.Generated] : [ApiKeyOrigin.Configured];
        var changes = await store.ReplaceApiKeysAsync(replaced, configured, cancellationToken).ConfigureAwait(false);
        foreach (var key in changes.Removed)
        {
            LogRemoved(logger, key.Name, key.KeyId, Describe(key.Origin));
            await AuditAsync("key.removed", key, cancellationToken).ConfigureAwait(false);
        }

        foreach (var key in changes.Added)
        {
            await AuditAsync("key.configured", key, cancellationToken).ConfigureAwait(false);
        }

        foreach (var key in changes.Updated)
        {
            LogUpdated(logger, key.Name, key.KeyId, RoleNames.Of(key.Role));
            await AuditAsync("key.updated", key, cancellationToken).ConfigureAwait(false);
        }

        await ring.LoadAsync(cancellationToken).ConfigureAwait(false);
        var fromEnvironment = string.IsNullOrEmpty(adminKeyFromEnvironment) ? 0 : 1;
        LogKeys(logger, options.Value.Keys.Count, fromEnvironment, ring.Keys.Count(k => k.Origin == ApiKeyOrigin.Api), ring.Keys.Count(k => k.Origin == ApiKeyOrigin.Generated));
        if (ring.Count > 0)
        {
            return null;
        }

        var generated = ApiKeys.Generate();
        var hash = ApiKeys.Hash(generated);
        var record = new ApiKeyRecord
        {
            KeyId = ApiKeys.IdOf(hash), Name = AdminKeyName, Role = ApiKeyRole.Admin, SecretHash = hash, CreatedAt = now, Origin = ApiKeyOrigin.Generated,
        };
        await ring.AddAsync(record, cancellationToken).ConfigureAwait(false);
        await AuditAsync("key.generated", record, cancellationToken).ConfigureAwait(false);
        return generated;
    }

    /// <summary>The name of an origin in the API and the logs.</summary>
    public static string Describe(ApiKeyOrigin origin) => origin switch
    {
        ApiKeyOrigin.Configured => "configured",
        ApiKeyOrigin.Generated => "generated",
        ApiKeyOrigin.Api => "api",
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "unknown origin"),
    };

    private List<ApiKeyRecord> Configured(string? adminKeyFromEnvironment, DateTimeOffset now)
    {
        var keys = options.Value.Keys;
        var configured = new List<ApiKeyRecord>(keys.Count + 1);
        foreach (var key in keys)
        {
            configured.Add(Record(key.Name, key.Role, Convert.FromHexString(key.HashHex()!), now));
        }

        if (string.IsNullOrEmpty(adminKeyFromEnvironment))
        {
            return configured;
        }

        if (adminKeyFromEnvironment.Length < ApiKeys.MinLength)
        {
            throw new InvalidOperationException($"{AdminKeyVariable} must be at least {ApiKeys.MinLength} characters long");
        }

        var admin = Record(AdminKeyName, ApiKeyRole.Admin, ApiKeys.Hash(adminKeyFromEnvironment), now);
        for (var i = 0; i < keys.Count; i++)
        {
            if (configured[i].KeyId == admin.KeyId)
            {
                throw new InvalidOperationException($"{AdminKeyVariable} is the same key as Server:Keys:{i} ('{keys[i].Name}'); configure it once");
            }

            if (keys[i].Name == AdminKeyName)
            {
                throw new InvalidOperationException($"{AdminKeyVariable} gives the key named '{AdminKeyName}', and Server:Keys:{i} has that name too; rename one");
            }
        }

        configured.Add(admin);
        return configured;
    }

    private static ApiKeyRecord Record(string name, ApiKeyRole role, byte[] hash, DateTimeOffset now) => new()
    {
        KeyId = ApiKeys.IdOf(hash), Name = name, Role = role, SecretHash = hash, CreatedAt = now, Origin = ApiKeyOrigin.Configured,
    };

    private Task<AuditRecord> AuditAsync(string action, ApiKeyRecord key, CancellationToken cancellationToken) =>
        audit.WriteAsync(ConfigurationActor, action, "key:" + key.KeyId, new Dictionary<string, string?>
        {
            ["name"] = key.Name,
            ["role"] = RoleNames.Of(key.Role),
            ["origin"] = Describe(key.Origin),
        }, cancellationToken);

    [LoggerMessage(1, LogLevel.Warning, "API key '{Name}' ({KeyId}, {Origin}) is no longer configured: removed, it no longer works")]
    private static partial void LogRemoved(ILogger logger, string name, string keyId, string origin);

    [LoggerMessage(2, LogLevel.Information, "API key '{Name}' ({KeyId}) now has the configured name and role ({Role})")]
    private static partial void LogUpdated(ILogger logger, string name, string keyId, string role);

    [LoggerMessage(3, LogLevel.Information, "API keys: {FromSettings} from Server:Keys, {FromEnvironment} from DISTILLGUARD_ADMIN_KEY, {FromApi} created through the API, {Generated} generated")]
    private static partial void LogKeys(ILogger logger, int fromSettings, int fromEnvironment, int fromApi, int generated);
}
