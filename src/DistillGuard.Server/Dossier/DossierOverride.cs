namespace DistillGuard.Server.Dossier;

/// <summary>An active override on a member, as the dossier shows it.</summary>
internal sealed record DossierOverride
{
    /// <summary>Gets the forced action.</summary>
    public required string Action { get; init; }

    /// <summary>Gets the reason given.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets who set it (the key's name).</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Gets when it was set.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when it stops applying.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
