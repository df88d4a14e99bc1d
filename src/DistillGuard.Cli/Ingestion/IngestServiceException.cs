namespace DistillGuard.Cli.Ingestion;

/// <summary>The service answered a server error (5xx), or 503 after every retry; the command exits with <see cref="ExitCodes.InternalError"/>.</summary>
internal sealed class IngestServiceException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="IngestServiceException"/> class.</summary>
    public IngestServiceException()
        : base("the service failed")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="IngestServiceException"/> class.</summary>
    /// <param name="message">What the service answered, in one line.</param>
    public IngestServiceException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="IngestServiceException"/> class.</summary>
    /// <param name="message">What the service answered, in one line.</param>
    /// <param name="innerException">The cause.</param>
    public IngestServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
