namespace DistillGuard.Core.Intelligence;

/// <summary>The kinds of client fingerprint that providers share as indicators (pseudonymised).</summary>
public enum PeerFingerprintKind
{
    /// <summary>A payment-method fingerprint.</summary>
    Payment = 0,

    /// <summary>A TLS client fingerprint such as JA4.</summary>
    Tls = 1,

    /// <summary>An account's e-mail domain.</summary>
    EmailDomain = 2,

    /// <summary>A residential-proxy address, shared as its /24 (IPv4) or /64 (IPv6) prefix.</summary>
    ProxyPrefix = 3,

    /// <summary>A dominant prompt template (the engine's skeleton of a subject's prompts).</summary>
    PromptTemplate = 4,
}
