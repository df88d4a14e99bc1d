namespace DistillGuard.Sharing.Export;

/// <summary>An export that the sharing policy forbids.</summary>
public sealed class SharingRefusedException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="SharingRefusedException"/> class.</summary>
    public SharingRefusedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SharingRefusedException"/> class.</summary>
    /// <param name="message">Why.</param>
    public SharingRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SharingRefusedException"/> class.</summary>
    /// <param name="message">Why.</param>
    /// <param name="innerException">The cause.</param>
    public SharingRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SharingRefusedException"/> class.</summary>
    /// <param name="reason">The rule that refused.</param>
    /// <param name="message">Why.</param>
    public SharingRefusedException(SharingRefusal reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Gets the rule that refused.</summary>
    public SharingRefusal Reason { get; }
}
