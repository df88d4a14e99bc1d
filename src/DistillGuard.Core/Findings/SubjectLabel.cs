namespace DistillGuard.Core.Findings;

/// <summary>
/// What a simulator or an analyst says a subject really is (a line of the labels file, docs/spec/exchange-log.md).
/// Evaluation only: detection never reads it.
/// </summary>
public sealed record SubjectLabel
{
    /// <summary>The label of a subject that is distilling.</summary>
    public const string Distillation = "distillation";

    /// <summary>The label of a legitimate subject.</summary>
    public const string Benign = "benign";

    /// <summary>Gets the billing account.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the end user; a label with one is about that end user behind that account alone.</summary>
    public string? EndUserId { get; init; }

    /// <summary>Gets the label: <c>benign</c> or <c>distillation</c>.</summary>
    public required string Label { get; init; }

    /// <summary>Gets the campaign the subject belongs to (distillation labels).</summary>
    public string? Campaign { get; init; }

    /// <summary>Gets the benign population the subject belongs to, for example <c>eval-harness</c>.</summary>
    public string? Population { get; init; }

    /// <summary>Gets the subject this label is about.</summary>
    public SubjectKey Subject => new(AccountId, EndUserId);

    /// <summary>Gets whether the label says the subject distils.</summary>
    public bool IsDistillation => string.Equals(Label, Distillation, StringComparison.Ordinal);
}
