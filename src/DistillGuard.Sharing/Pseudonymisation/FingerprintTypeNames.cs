namespace DistillGuard.Sharing.Pseudonymisation;

/// <summary>The wire names of <see cref="FingerprintType"/> (the <c>fingerprint_type</c> property).</summary>
public static class FingerprintTypeNames
{
    /// <summary>Gets a fingerprint type's name, for example <c>proxy_prefix</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    public static string Name(this FingerprintType type) => type switch
    {
        FingerprintType.Payment => "payment",
        FingerprintType.Tls => "tls",
        FingerprintType.EmailDomain => "email_domain",
        FingerprintType.ProxyPrefix => "proxy_prefix",
        FingerprintType.PromptTemplate => "prompt_template",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a fingerprint type"),
    };

    /// <summary>Reads a fingerprint type's name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="type">The type.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string? name, out FingerprintType type)
    {
        (var known, type) = name switch
        {
            "payment" => (true, FingerprintType.Payment),
            "tls" => (true, FingerprintType.Tls),
            "email_domain" => (true, FingerprintType.EmailDomain),
            "proxy_prefix" => (true, FingerprintType.ProxyPrefix),
            "prompt_template" => (true, FingerprintType.PromptTemplate),
            _ => (false, FingerprintType.Payment),
        };
        return known;
    }
}
