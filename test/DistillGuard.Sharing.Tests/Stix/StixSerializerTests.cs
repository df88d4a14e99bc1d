using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Tests.Stix;

public sealed class StixSerializerTests
{
    // Objects as other producers write them: a spec example campaign with properties this model does not name,
    // a type it does not model, and a standard observable.
    private const string ForeignBundle = """
        {
          "type": "bundle",
          "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
          "objects": [
            {
              "type": "campaign",
              "spec_version": "2.1",
              "id": "campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
              "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
              "created": "2016-04-06T20:03:00.000Z",
              "modified": "2016-04-06T20:03:00.000Z",
              "name": "Green Group Attacks Against Finance",
              "description": "Campaign by Green Group against a series of targets in the financial services sector.",
              "external_references": [{ "source_name": "capec", "external_id": "CAPEC-163" }],
              "x_vendor_score": 7
            },
            {
              "type": "threat-actor",
              "spec_version": "2.1",
              "id": "threat-actor--56f3f0db-b5d5-431c-ae56-c18f02caf500",
              "created": "2016-08-08T15:50:10.983Z",
              "modified": "2016-08-08T15:50:10.983123Z",
              "name": "Fake BPP (Branistan Peoples Party)",
              "threat_actor_types": ["nation-state"]
            },
            {
              "type": "ipv4-addr",
              "spec_version": "2.1",
              "id": "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd",
              "value": "198.51.100.3"
            }
          ]
        }
        """;

    [Fact]
    public void DeserializeBundle_ForeignContent_KeepsUnknownTypesAndProperties()
    {
        var bundle = StixSerializer.DeserializeBundle(ForeignBundle);

        Assert.Equal(3, bundle.Objects.Count);
        var campaign = Assert.IsType<StixCampaign>(bundle.Objects[0]);
        Assert.Equal("Green Group Attacks Against Finance", campaign.Name);
        Assert.Equal(new DateTimeOffset(2016, 4, 6, 20, 3, 0, TimeSpan.Zero), campaign.Created);
        Assert.Contains("x_vendor_score", campaign.AdditionalProperties!.Keys);
        Assert.Contains("external_references", campaign.AdditionalProperties!.Keys);
        var actor = Assert.IsType<UnknownStixObject>(bundle.Objects[1]);
        Assert.Equal("threat-actor", actor.Type);
        Assert.Equal("ipv4-addr", Assert.IsType<UnknownStixObject>(bundle.Objects[2]).Type);
    }

    [Fact]
    public void Serialize_ForeignContent_WritesBackTheSameJson()
    {
        var bundle = StixSerializer.DeserializeBundle(ForeignBundle);

        var written = JsonNode.Parse(StixSerializer.Serialize(bundle));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ForeignBundle), written), written!.ToJsonString());
    }

    [Theory]
    [InlineData("{ not json", "not JSON")]
    [InlineData("""[]""", "must be a JSON object")]
    [InlineData("""{"type":"report","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d"}""", "type must be 'bundle'")]
    [InlineData("""{"type":"bundle","id":"bundle--1"}""", "not a bundle id")]
    [InlineData("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":{}}""", "'objects' must be an array")]
    [InlineData("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[42]}""", "objects[0]: a STIX object must be a JSON object")]
    [InlineData("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"id":"campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}]}""", "objects[0]: a STIX object has no string 'type'")]
    [InlineData("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"type":"campaign","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}]}""", "is not the id of a campaign")]
    [InlineData("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"type":"campaign","id":"campaign--8e2e2d2b-17d4-4cbf-038f-98ee46b3cd3f"}]}""", "is not the id of a campaign")]
    [InlineData("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"type":"campaign","id":"campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06 20:03","modified":"2016-04-06T20:03:00.000Z","name":"x"}]}""", "not a STIX timestamp")]
    [InlineData("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"type":"indicator","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:00.000Z","modified":"2016-04-06T20:03:00.000Z","valid_from":"2016-04-06T20:03:00.000Z"}]}""", "pattern")]
    [InlineData("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"type":"x-llm-client-fingerprint","id":"x-llm-client-fingerprint--8e2e2d2b-17d4-5cbf-938f-98ee46b3cd3f","fingerprint_type":"payment","value":"ab","key_epoch":"three"}]}""", "key_epoch")]
    public void DeserializeBundle_Malformed_ThrowsSayingWhatAndWhere(string json, string message)
    {
        var error = Assert.Throws<StixFormatException>(() => StixSerializer.DeserializeBundle(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadObject_OwnFingerprint_ReadsTypedObservable()
    {
        using var json = JsonDocument.Parse("""
            {"type":"x-llm-client-fingerprint","spec_version":"2.1","id":"x-llm-client-fingerprint--0b7c8b3a-4d5f-5b54-9a3e-0a0d6f7b8e11",
             "fingerprint_type":"proxy_prefix","value":"00ff","key_epoch":4,
             "extensions":{"extension-definition--c1cf1f78-67e3-4316-b350-575d6be7be15":{"extension_type":"new-sco"}}}
            """);

        var observable = Assert.IsType<ClientFingerprintObservable>(StixSerializer.ReadObject(json.RootElement));

        Assert.Equal(("proxy_prefix", "00ff", 4), (observable.FingerprintType, observable.Value, observable.KeyEpoch));
    }

    [Fact]
    public void Serialize_SubMillisecondTimestampOfAPeer_KeptOnRoundTrip()
    {
        var text = StixSerializer.Serialize(StixSerializer.DeserializeBundle(ForeignBundle));

        Assert.Contains("2016-08-08T15:50:10.983123Z", text, StringComparison.Ordinal);
    }
}
