namespace DistillGuard.Server.Dossier;

/// <summary>One audit-log entry about the campaign or one of its members.</summary>
internal sealed record DossierAuditEntry
{
    /// <summary>Gets the entry's id in the audit log.</summary>
    public required long Id { get; init; }

    /// <summary>Gets when it happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Gets who did it.</summary>
    public required string Actor { get; init; }

    /// <summary>Gets what happened (<c>override.created</c>, <c>enforcement.changed</c>, ...).</summary>
    public required string Action { get; init; }

    /// <summary>Gets what it happened to.</summary>
    public required string Target { get; init; }

    /// <summary>Gets the details (a JSON object's text), redacted.</summary>
    public required string Detail { get; init; }
}
