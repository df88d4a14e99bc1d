namespace DistillGuard.Sharing.Pseudonymisation;

/// <summary>The kinds of client attribute that can be shared, pseudonymised, as <c>x-llm-client-fingerprint</c>s.</summary>
public enum FingerprintType
{
    /// <summary>A payment-method fingerprint (<c>payment</c>).</summary>
    Payment,

    /// <summary>A TLS client fingerprint with its user agent (<c>tls</c>).</summary>
    Tls,

    /// <summary>An account's e-mail domain (<c>email_domain</c>); by default it does not leave.</summary>
    EmailDomain,

    /// <summary>A proxy address, as its IPv4 /24 or IPv6 /64 prefix (<c>proxy_prefix</c>).</summary>
    ProxyPrefix,

    /// <summary>One band of a prompt template's locality-sensitive signature (<c>prompt_template</c>).</summary>
    PromptTemplate,
}
