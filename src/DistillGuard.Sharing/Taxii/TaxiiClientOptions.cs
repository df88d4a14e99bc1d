namespace DistillGuard.Sharing.Taxii;

/// <summary>Options of a <see cref="TaxiiClient"/>: the peer's API root and how to authenticate to it.</summary>
public sealed class TaxiiClientOptions
{
    /// <summary>Gets or sets the API root, for example <c>https://peer.example/taxii2/trust-group/</c>.</summary>
    /// <value>Null; required, absolute http or https.</value>
    public Uri? ApiRoot { get; set; }

    /// <summary>Gets or sets the HTTP Basic username; with <see cref="Password"/>.</summary>
    /// <value>Null.</value>
    public string? Username { get; set; }

    /// <summary>Gets or sets the HTTP Basic password.</summary>
    /// <value>Null.</value>
    public string? Password { get; set; }

    /// <summary>Gets or sets the Bearer token, instead of Basic credentials.</summary>
    /// <value>Null.</value>
    public string? Token { get; set; }

    /// <summary>Gets or sets the <c>limit</c> asked for on each page of objects.</summary>
    /// <value>100; the server may give fewer.</value>
    public int PageSize { get; set; } = 100;

    /// <summary>Gets or sets how long to wait between two reads of a pending status.</summary>
    /// <value>One second.</value>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many times a pending status is read before giving up.</summary>
    /// <value>30.</value>
    public int StatusPollAttempts { get; set; } = 30;

    /// <summary>Throws when the options are inconsistent.</summary>
    /// <exception cref="ArgumentException">A value is missing or out of range.</exception>
    public void Validate()
    {
        if (ApiRoot is not { IsAbsoluteUri: true } root || root.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("the TAXII API root must be an absolute http or https URL");
        }

        if (Token is not null && (Username is not null || Password is not null))
        {
            throw new ArgumentException("give either a Bearer token or a Basic username and password, not both");
        }

        if ((Username is null) != (Password is null) || (Username?.Contains(':', StringComparison.Ordinal) ?? false))
        {
            throw new ArgumentException("Basic credentials need both a username (without ':') and a password");
        }

        if (PageSize < 1 || StatusPollInterval < TimeSpan.Zero || StatusPollAttempts < 1)
        {
            throw new ArgumentException("the page size and status poll attempts must be positive, the poll interval not negative");
        }
    }
}
