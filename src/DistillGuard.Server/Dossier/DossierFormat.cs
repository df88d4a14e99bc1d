namespace DistillGuard.Server.Dossier;

/// <summary>What <c>GET /v1/campaigns/{id}/dossier</c> answers.</summary>
internal enum DossierFormat
{
    /// <summary>The HTML page (<c>format=html</c>, the default).</summary>
    Html,

    /// <summary>The PDF printed from it (<c>format=pdf</c>).</summary>
    Pdf,
}
