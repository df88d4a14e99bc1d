namespace DistillGuard.Core.Storage;

/// <summary>One entry of the audit log: an override, an enforcement change, a key use that changed state.</summary>
public sealed record AuditRecord
{
    /// <summary>Gets the store's id (increasing); 0 before the store assigned one.</summary>
    public long Id { get; init; }

    /// <summary>Gets when it happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Gets who did it: an API key's name, or <c>system</c> for the service itself.</summary>
    public required string Actor { get; init; }

    /// <summary>Gets what happened, a dotted event name such as <c>override.created</c> or <c>enforcement.changed</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Gets what it happened to, for example <c>account:acct-1</c>; may be empty.</summary>
    public required string Target { get; init; }

    /// <summary>Gets the details as a JSON object text (never prompt text).</summary>
    public required string Detail { get; init; }
}
