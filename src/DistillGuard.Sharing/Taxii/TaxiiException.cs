using System.Net;

namespace DistillGuard.Sharing.Taxii;

/// <summary>A TAXII request failed: the server's status and, when it sent one, its TAXII error message.</summary>
public sealed class TaxiiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="TaxiiException"/> class.</summary>
    public TaxiiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TaxiiException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public TaxiiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TaxiiException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public TaxiiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TaxiiException"/> class.</summary>
    /// <param name="message">What failed, with the server's error in it.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="error">The TAXII error message, or null.</param>
    public TaxiiException(string message, HttpStatusCode statusCode, TaxiiError? error)
        : base(message)
    {
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>Gets the HTTP status, or null when no answer came.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the server's TAXII error message, or null.</summary>
    public TaxiiError? Error { get; }
}
