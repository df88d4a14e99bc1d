namespace DistillGuard.Core.Linking;

/// <summary>An attribute that can tie accounts together.</summary>
public enum LinkKind
{
    /// <summary>The same payment-method fingerprint (<c>payment_fingerprint</c>).</summary>
    PaymentFingerprint,

    /// <summary>The same rare TLS fingerprint with user agent (<c>client_fingerprint</c>).</summary>
    ClientFingerprint,

    /// <summary>The same rare e-mail domain (<c>email_domain</c>).</summary>
    EmailDomain,

    /// <summary>Sign-ups in the same hour (<c>signup_burst</c>).</summary>
    SignupBurst,

    /// <summary>The same proxy address used within the same hour by accounts that rotate addresses (<c>proxy_address</c>).</summary>
    ProxyAddress,

    /// <summary>The same dominant prompt template (<c>prompt_template</c>).</summary>
    PromptTemplate,

    /// <summary>
    /// Several prompts of one account near-duplicate prompts of another, in content buckets that few accounts reach
    /// (<c>near_duplicate_prompts</c>).
    /// </summary>
    NearDuplicatePrompts,

    /// <summary>Accounts signed up in one window that behave alike (<c>signup_cohort</c>).</summary>
    SignupCohort,
}
