using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Tests.Stix;

public sealed class TlpMarkingsTests
{
    // The OASIS TLP 2.0 marking definitions (cti-stix-common-objects, extension-definition-specifications/tlp-2.0).
    public static TheoryData<TrafficLightProtocol, string> Official => new()
    {
        { TrafficLightProtocol.Clear, Official20("94868c89-83c2-464b-929b-a1a8aa3c8487", "TLP:CLEAR", "clear") },
        { TrafficLightProtocol.Green, Official20("bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "TLP:GREEN", "green") },
        { TrafficLightProtocol.Amber, Official20("55d920b0-5e8b-4f79-9ee9-91f868d9b421", "TLP:AMBER", "amber") },
        { TrafficLightProtocol.AmberStrict, Official20("939a9414-2ddd-4d32-a0cd-375ea402b003", "TLP:AMBER+STRICT", "amber+strict") },
        { TrafficLightProtocol.Red, Official20("e828b379-4e03-4974-9ac4-e53a884c97c1", "TLP:RED", "red") },
    };

    [Theory]
    [MemberData(nameof(Official))]
    public void Definition_EachLevel_IsTheOfficialOasisObject(TrafficLightProtocol level, string official)
    {
        var written = JsonNode.Parse(StixSerializer.Serialize(TlpMarkings.Definition(level)));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(official), written), written!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Official))]
    public void Definition_EachLevel_ValidatesAgainstMarkingDefinitionSchema(TrafficLightProtocol level, string official)
    {
        using var json = JsonDocument.Parse(StixSerializer.Serialize(TlpMarkings.Definition(level)));

        Assert.Empty(StixSchemaValidator.Shared.ValidateObject(json.RootElement));
        Assert.NotEmpty(official);
    }

    [Theory]
    [InlineData(TlpMarkings.RedId, TrafficLightProtocol.Red)]
    [InlineData("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", TrafficLightProtocol.Red)]
    [InlineData("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", TrafficLightProtocol.Clear)]
    [InlineData(TlpMarkings.AmberStrictId, TrafficLightProtocol.AmberStrict)]
    public void TryGetLevel_Tlp1And2Ids(string id, TrafficLightProtocol level)
    {
        Assert.True(TlpMarkings.TryGetLevel(id, out var found));
        Assert.Equal(level, found);
    }

    [Fact]
    public void MostRestrictive_PicksTheStrictest()
    {
        Assert.Equal(TrafficLightProtocol.AmberStrict, TlpMarkings.MostRestrictive([TlpMarkings.GreenId, TlpMarkings.AmberStrictId, "marking-definition--0b7c8b3a-4d5f-4b54-9a3e-0a0d6f7b8e11"]));
        Assert.Null(TlpMarkings.MostRestrictive(null));
    }

    private static string Official20(string uuid, string name, string tlp) => $$"""
        {
          "type": "marking-definition",
          "spec_version": "2.1",
          "id": "marking-definition--{{uuid}}",
          "created": "2022-10-01T00:00:00.000Z",
          "name": "{{name}}",
          "extensions": {
            "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
              "extension_type": "property-extension",
              "tlp_2_0": "{{tlp}}"
            }
          }
        }
        """;
}
