namespace DistillGuard.Server.Dossier;

/// <summary>How the verdicts were reached: signal definitions, thresholds and rules as configured, the detector's version, measured quality.</summary>
internal sealed record DossierMethod
{
    /// <summary>Gets the signals the engine combines, with their weights and definitions.</summary>
    public required IReadOnlyList<DossierSignalDefinition> Signals { get; init; }

    /// <summary>Gets the scoring and linking settings in force (name and value).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; }

    /// <summary>Gets the enforcement rules in force, one line each.</summary>
    public required IReadOnlyList<string> Rules { get; init; }

    /// <summary>Gets the detector's version (the engine assembly's informational version).</summary>
    public required string DetectorVersion { get; init; }

    /// <summary>Gets the measured quality on the held-out evaluation (measure and figure).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Quality { get; init; }

    /// <summary>Gets where the quality figures come from.</summary>
    public required string QualitySource { get; init; }
}
