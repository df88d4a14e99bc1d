namespace DistillGuard.Server.Dossier;

/// <summary>The PDF cannot be printed now (no Chromium, Chromium would not start, or the render timed out); the API answers 503.</summary>
internal sealed class DossierPdfUnavailableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="DossierPdfUnavailableException"/> class.</summary>
    public DossierPdfUnavailableException()
        : base("the PDF dossier cannot be printed")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DossierPdfUnavailableException"/> class.</summary>
    /// <param name="message">Why, in one line, for the client.</param>
    public DossierPdfUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DossierPdfUnavailableException"/> class.</summary>
    /// <param name="message">Why, in one line, for the client.</param>
    /// <param name="innerException">The cause.</param>
    public DossierPdfUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
