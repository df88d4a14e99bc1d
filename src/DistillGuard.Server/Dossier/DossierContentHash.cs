using System.Security.Cryptography;
using System.Text.Json;

namespace DistillGuard.Server.Dossier;

/// <summary>The content hash of a dossier: SHA-256 of its data's canonical JSON (<see cref="DossierJsonContext"/>), in lower-case hex.</summary>
/// <remarks>
/// When and by whom the dossier was generated are not part of the data, so the same campaign state gives the same hash
/// whoever asks and whenever; any change to what the dossier says (a member, a score, an audit entry) changes it.
/// </remarks>
internal static class DossierContentHash
{
    /// <summary>The canonical bytes of a dossier's data.</summary>
    public static byte[] CanonicalBytes(DossierDocument document) =>
        JsonSerializer.SerializeToUtf8Bytes(document, DossierJsonContext.Default.DossierDocument);

    /// <summary>The content hash of a dossier's data.</summary>
    public static string Of(DossierDocument document) => Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes(document)));
}
