namespace DistillGuard.Server.Dossier;

/// <summary>One piece of evidence a member's signal gives, redacted, with the exchange it quotes where that is known.</summary>
internal sealed record DossierQuote
{
    /// <summary>Gets the member.</summary>
    public required string Subject { get; init; }

    /// <summary>Gets the signal.</summary>
    public required string Signal { get; init; }

    /// <summary>Gets the signal's value.</summary>
    public required double Value { get; init; }

    /// <summary>Gets the evidence text, redacted (<see cref="DossierRedactor"/>).</summary>
    public required string Evidence { get; init; }

    /// <summary>Gets the exchange whose prompt the evidence quotes, when prompt text is stored and the quote was found in the journal.</summary>
    public string? ExchangeId { get; init; }

    /// <summary>Gets that exchange's time.</summary>
    public DateTimeOffset? ExchangeAt { get; init; }
}
