namespace DistillGuard.Core.Storage;

/// <summary>The ingest log cannot be reached or did not confirm in time: nothing is known to be durable, so the caller answers 503.</summary>
public sealed class IngestUnavailableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="IngestUnavailableException"/> class.</summary>
    public IngestUnavailableException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="IngestUnavailableException"/> class with a message.</summary>
    /// <param name="message">What failed.</param>
    public IngestUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="IngestUnavailableException"/> class with a message and its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public IngestUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
