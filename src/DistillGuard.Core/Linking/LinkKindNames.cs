namespace DistillGuard.Core.Linking;

/// <summary>The names of link kinds as findings write them.</summary>
public static class LinkKindNames
{
    /// <summary>Gets a link kind's name.</summary>
    public static string Name(this LinkKind kind) => kind switch
    {
        LinkKind.PaymentFingerprint => "payment_fingerprint",
        LinkKind.ClientFingerprint => "client_fingerprint",
        LinkKind.EmailDomain => "email_domain",
        LinkKind.SignupBurst => "signup_burst",
        LinkKind.ProxyAddress => "proxy_address",
        LinkKind.PromptTemplate => "prompt_template",
        LinkKind.NearDuplicatePrompts => "near_duplicate_prompts",
        LinkKind.SignupCohort => "signup_cohort",
        _ => kind.ToString(),
    };
}
