namespace DistillGuard.Core.Exchanges;

/// <summary>What the provider knows of the account's sign-up and payment (<c>billing.*</c>).</summary>
public sealed record BillingInfo
{
    /// <summary>Gets a payment-method fingerprint (never a card number).</summary>
    public string? PaymentFingerprint { get; init; }

    /// <summary>Gets the account e-mail's domain.</summary>
    public string? EmailDomain { get; init; }

    /// <summary>Gets when the account signed up.</summary>
    public DateTimeOffset? SignupTimestamp { get; init; }

    /// <summary>Gets the billing country.</summary>
    public string? Country { get; init; }

    /// <summary>Gets the plan, for example <c>free</c>, <c>pay_as_you_go</c>, <c>enterprise</c>.</summary>
    public string? Plan { get; init; }
}
