using DistillGuard.Core.Findings;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Server.Dossier;

/// <summary>
/// What a campaign's evidence dossier says, gathered once from the engine, the store and the options: the data that the
/// HTML and the PDF render and that the content hash covers (when and by whom it was made are not part of it).
/// </summary>
internal sealed record DossierDocument
{
    /// <summary>Gets the campaign's id.</summary>
    public required string CampaignId { get; init; }

    /// <summary>Gets the TLP marking of the dossier (the sharing policy's default level).</summary>
    public required TrafficLightProtocol Tlp { get; init; }

    /// <summary>Gets the campaign's score.</summary>
    public required double Score { get; init; }

    /// <summary>Gets the verdict the campaign's score reaches under the scoring thresholds.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Gets the engine's summary of the campaign.</summary>
    public required string Summary { get; init; }

    /// <summary>Gets the shared values that tie the members (the campaign's <c>links[]</c>).</summary>
    public required IReadOnlyList<CampaignLinkSummary> Links { get; init; }

    /// <summary>Gets the members, in the campaign's order (by account id).</summary>
    public required IReadOnlyList<DossierMember> Members { get; init; }

    /// <summary>Gets the members' activity by hour, with detections and decisions marked.</summary>
    public required DossierTimeline Timeline { get; init; }

    /// <summary>Gets whether the service stores prompt text (<c>Engine:StorePromptText</c>), which the quotes' provenance depends on.</summary>
    public required bool PromptTextStored { get; init; }

    /// <summary>Gets the evidence the members' signals quote, with where it came from.</summary>
    public required IReadOnlyList<DossierQuote> Quotes { get; init; }

    /// <summary>Gets the audit entries about the campaign and its members, oldest first.</summary>
    public required IReadOnlyList<DossierAuditEntry> Audit { get; init; }

    /// <summary>Gets how many audit entries matched in all (more than <see cref="Audit"/> holds when the extract was cut).</summary>
    public required int AuditMatched { get; init; }

    /// <summary>Gets how detection judged: signals, thresholds, rules, version and measured quality.</summary>
    public required DossierMethod Method { get; init; }

    /// <summary>Gets the STIX objects this campaign was published as, empty when it was never published.</summary>
    public required IReadOnlyList<DossierStixEntry> Stix { get; init; }
}
