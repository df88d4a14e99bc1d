using DistillGuard.Core.Storage;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Security;

/// <summary>
/// Puts the configured keys in the store at start. On a first start with no key anywhere, takes the admin key from
/// <c>DISTILLGUARD_ADMIN_KEY</c>, or generates one and hands it back to be printed once.
/// </summary>
internal sealed class ApiKeyBootstrapper(ApiKeyRing ring, IOptions<ServerOptions> options, TimeProvider time)
{
    /// <summary>The environment variable that gives the first admin key.</summary>
    public const string AdminKeyVariable = "DISTILLGUARD_ADMIN_KEY";

    /// <summary>Loads and adds keys; returns a generated admin key to show once, or null.</summary>
    public async Task<string?> RunAsync(string? adminKeyFromEnvironment, CancellationToken cancellationToken)
    {
        await ring.LoadAsync(cancellationToken).ConfigureAwait(false);
        foreach (var configured in options.Value.Keys)
        {
            var hash = configured.Key is { } key ? ApiKeys.Hash(key) : Convert.FromHexString(configured.Sha256!);
            await AddAsync(configured.Name, configured.Role, hash, cancellationToken).ConfigureAwait(false);
        }

        if (ring.Count > 0)
        {
            return null;
        }

        string? generated = null;
        var adminKey = adminKeyFromEnvironment;
        if (string.IsNullOrEmpty(adminKey))
        {
            adminKey = generated = ApiKeys.Generate();
        }
        else if (adminKey.Length < ApiKeys.MinLength)
        {
            throw new InvalidOperationException($"{AdminKeyVariable} must be at least {ApiKeys.MinLength} characters long");
        }

        await AddAsync("admin", ApiKeyRole.Admin, ApiKeys.Hash(adminKey), cancellationToken).ConfigureAwait(false);
        return generated;
    }

    private Task<bool> AddAsync(string name, ApiKeyRole role, byte[] hash, CancellationToken cancellationToken) =>
        ring.AddAsync(
            new ApiKeyRecord { KeyId = ApiKeys.IdOf(hash), Name = name, Role = role, SecretHash = hash, CreatedAt = time.GetUtcNow() },
            cancellationToken);
}
