using System.Text.Json;

namespace DistillGuard.Sharing.Stix;

/// <summary>The five fixed TLP 2.0 marking definitions published by OASIS, and the TLP level of a marking id.</summary>
/// <remarks>
/// The objects are those of the OASIS CTI TC's <c>cti-stix-common-objects</c> repository
/// (<c>extension-definition-specifications/tlp-2.0</c>): each is a <c>marking-definition</c> created
/// <c>2022-10-01T00:00:00.000Z</c> whose level is in the property-extension
/// <see cref="Tlp20ExtensionId"/> (<c>tlp_2_0</c>). They must be reproduced exactly, since peers recognise them by id.
/// </remarks>
public static class TlpMarkings
{
    /// <summary>The id of the OASIS TLP 2.0 extension definition.</summary>
    public const string Tlp20ExtensionId = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    /// <summary>The id of <c>TLP:CLEAR</c>.</summary>
    public const string ClearId = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";

    /// <summary>The id of <c>TLP:GREEN</c>.</summary>
    public const string GreenId = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

    /// <summary>The id of <c>TLP:AMBER</c>.</summary>
    public const string AmberId = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

    /// <summary>The id of <c>TLP:AMBER+STRICT</c>.</summary>
    public const string AmberStrictId = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";

    /// <summary>The id of <c>TLP:RED</c>.</summary>
    public const string RedId = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

    /// <summary>The STIX 2.1 (TLP 1.0) id of <c>TLP:RED</c>, which also never leaves.</summary>
    public const string Tlp1RedId = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";

    private static readonly DateTimeOffset Published = new(2022, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly StixMarkingDefinition[] Definitions =
    [
        Make(ClearId, "TLP:CLEAR", "clear"),
        Make(GreenId, "TLP:GREEN", "green"),
        Make(AmberId, "TLP:AMBER", "amber"),
        Make(AmberStrictId, "TLP:AMBER+STRICT", "amber+strict"),
        Make(RedId, "TLP:RED", "red"),
    ];

    /// <summary>Gets the five definitions, from <c>TLP:CLEAR</c> to <c>TLP:RED</c>.</summary>
    public static IReadOnlyList<StixMarkingDefinition> All => Definitions;

    /// <summary>Gets the marking definition of a level.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The official OASIS object.</returns>
    public static StixMarkingDefinition Definition(TrafficLightProtocol level) => Definitions[(int)Checked(level)];

    /// <summary>Gets the id of a level's marking definition.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The id.</returns>
    public static string IdOf(TrafficLightProtocol level) => Definition(level).Id;

    /// <summary>Gets the name of a level, for example <c>TLP:AMBER+STRICT</c>.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The name.</returns>
    public static string NameOf(TrafficLightProtocol level) => Definition(level).Name!;

    /// <summary>Finds the TLP level of a marking id (TLP 2.0; TLP 1.0 white, green, amber and red are read as their 2.0 levels).</summary>
    /// <param name="markingId">A <c>marking-definition--…</c> id.</param>
    /// <param name="level">The level.</param>
    /// <returns>Whether the id is a TLP marking.</returns>
    public static bool TryGetLevel(string? markingId, out TrafficLightProtocol level)
    {
        (var found, level) = markingId switch
        {
            ClearId or "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9" => (true, TrafficLightProtocol.Clear),
            GreenId or "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da" => (true, TrafficLightProtocol.Green),
            AmberId or "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82" => (true, TrafficLightProtocol.Amber),
            AmberStrictId => (true, TrafficLightProtocol.AmberStrict),
            RedId or Tlp1RedId => (true, TrafficLightProtocol.Red),
            _ => (false, TrafficLightProtocol.Clear),
        };
        return found;
    }

    /// <summary>Gets the most restrictive TLP level among marking ids.</summary>
    /// <param name="markingRefs">The ids, or <see langword="null"/>.</param>
    /// <returns>The level, or <see langword="null"/> when none is a TLP marking.</returns>
    public static TrafficLightProtocol? MostRestrictive(IEnumerable<string>? markingRefs)
    {
        TrafficLightProtocol? most = null;
        foreach (var id in markingRefs ?? [])
        {
            if (TryGetLevel(id, out var level) && (most is null || level > most))
            {
                most = level;
            }
        }

        return most;
    }

    private static TrafficLightProtocol Checked(TrafficLightProtocol level) =>
        level is >= TrafficLightProtocol.Clear and <= TrafficLightProtocol.Red
            ? level
            : throw new ArgumentOutOfRangeException(nameof(level), level, "not a TLP 2.0 level");

    private static StixMarkingDefinition Make(string id, string name, string tlp)
    {
        using var extension = JsonDocument.Parse($$"""{"extension_type":"property-extension","tlp_2_0":"{{tlp}}"}""");
        return new StixMarkingDefinition
        {
            Id = id,
            Created = Published,
            Name = name,
            Extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { [Tlp20ExtensionId] = extension.RootElement.Clone() },
        };
    }
}
