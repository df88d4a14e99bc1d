using DistillGuard.Server.Security;

namespace DistillGuard.Server;

/// <summary>The service's limits and keys (section <c>DistillGuard:Server</c>), validated at start.</summary>
public sealed class ServerOptions
{
    /// <summary>The smallest <see cref="MaxRequestBodyBytes"/> accepted.</summary>
    public const long MinRequestBodyBytes = 1024;

    /// <summary>Gets or sets the largest request body accepted; larger ones get 413.</summary>
    /// <value>32 MiB.</value>
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Gets or sets the deepest JSON nesting accepted in request bodies.</summary>
    /// <value>32.</value>
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>Gets or sets how many API requests a key may make per second, sustained.</summary>
    /// <value>2,000.</value>
    public int ApiRequestsPerSecond { get; set; } = 2_000;

    /// <summary>Gets or sets how many API requests a key may make in a burst.</summary>
    /// <value>4,000.</value>
    public int ApiBurst { get; set; } = 4_000;

    /// <summary>Gets or sets the configured keys (added to the store at start).</summary>
    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>Checks the options, and returns every problem found (empty when they are valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxRequestBodyBytes < MinRequestBodyBytes)
        {
            errors.Add($"Server:MaxRequestBodyBytes must be at least {MinRequestBodyBytes}; it is {MaxRequestBodyBytes}");
        }

        if (MaxJsonDepth is < 4 or > 256)
        {
            errors.Add($"Server:MaxJsonDepth must be in [4, 256]; it is {MaxJsonDepth}");
        }

        if (ApiRequestsPerSecond < 1 || ApiBurst < 1)
        {
            errors.Add("Server:ApiRequestsPerSecond and Server:ApiBurst must be at least 1");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            if (!string.IsNullOrWhiteSpace(key.Name) && !names.Add(key.Name))
            {
                errors.Add($"Server:Keys:{i}: Name '{key.Name}' is used by an earlier key");
            }

            if (key.HashHex() is { } hex && !hashes.Add(hex))
            {
                errors.Add($"Server:Keys:{i} ('{key.Name}') is the same key as an earlier one");
            }

            if (string.IsNullOrWhiteSpace(key.Name))
            {
                errors.Add($"Server:Keys:{i} has no Name");
            }

            if ((key.Key is null) == (key.Sha256 is null))
            {
                errors.Add($"Server:Keys:{i} needs exactly one of Key and Sha256");
            }
            else if (key.Key is { Length: < ApiKeys.MinLength })
            {
                errors.Add($"Server:Keys:{i}: Key must be at least {ApiKeys.MinLength} characters long");
            }
            else if (key.Sha256 is { } hash && (hash.Length != 64 || !hash.All(Uri.IsHexDigit)))
            {
                errors.Add($"Server:Keys:{i}: Sha256 must be 64 hexadecimal digits");
            }

            if (!Enum.IsDefined(key.Role))
            {
                errors.Add($"Server:Keys:{i}: unknown Role {key.Role}");
            }
        }

        return errors;
    }
}
