namespace DistillGuard.Sharing.Stix;

/// <summary>STIX content that cannot be read: not JSON, not an object, or a property of the wrong form.</summary>
public sealed class StixFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="StixFormatException"/> class.</summary>
    public StixFormatException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StixFormatException"/> class.</summary>
    /// <param name="message">What is wrong, and where.</param>
    public StixFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StixFormatException"/> class.</summary>
    /// <param name="message">What is wrong, and where.</param>
    /// <param name="innerException">The reader's error.</param>
    public StixFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
