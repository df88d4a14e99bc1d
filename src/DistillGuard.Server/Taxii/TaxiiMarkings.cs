using System.Collections.Frozen;

namespace DistillGuard.Server.Taxii;

/// <summary>
/// The fixed OASIS TLP marking-definition ids: the five of TLP 2.0 (the OASIS <c>tlp-2.0</c> extension,
/// <c>extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d</c>), and the four of TLP 1.0 that STIX 2.1 predefines,
/// read as their TLP 2.0 equivalents (WHITE is CLEAR).
/// </summary>
internal static class TaxiiMarkings
{
    private static readonly FrozenDictionary<string, TaxiiTlp> Levels = new Dictionary<string, TaxiiTlp>(StringComparer.Ordinal)
    {
        ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"] = TaxiiTlp.Clear,
        ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"] = TaxiiTlp.Green,
        ["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"] = TaxiiTlp.Amber,
        ["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"] = TaxiiTlp.AmberStrict,
        ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"] = TaxiiTlp.Red,
        ["marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"] = TaxiiTlp.Clear,
        ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"] = TaxiiTlp.Green,
        ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"] = TaxiiTlp.Amber,
        ["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"] = TaxiiTlp.Red,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gets the TLP level a marking-definition id stands for, or null when it is not a TLP marking.</summary>
    public static TaxiiTlp? LevelOf(string markingId) => Levels.TryGetValue(markingId, out var level) ? level : null;
}
