using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Tests.Export;

public sealed class StixExportGuardTests
{
    [Fact]
    public void EnsureExportable_BundleOfAmberObjects_Passes()
    {
        StixExportGuard.EnsureExportable(CampaignFixture.Export().Objects);
    }

    [Fact]
    public void EnsureExportable_ObjectMarkedRed_Refused()
    {
        var campaign = CampaignFixture.Export().OfType<StixCampaign>().Single() with { ObjectMarkingRefs = [TlpMarkings.RedId] };

        var refused = Assert.Throws<SharingRefusedException>(() => StixExportGuard.EnsureExportable([campaign]));

        Assert.Equal(SharingRefusal.RestrictedMarking, refused.Reason);
        Assert.Contains(campaign.Id, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"type":"threat-actor","id":"threat-actor--56f3f0db-b5d5-431c-ae56-c18f02caf500","object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"]}]}""")]
    [InlineData("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"type":"threat-actor","id":"threat-actor--56f3f0db-b5d5-431c-ae56-c18f02caf500","granular_markings":[{"marking_ref":"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1","selectors":["name"]}]}]}""")]
    [InlineData("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"type":"campaign","spec_version":"2.1","id":"campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:00.000Z","modified":"2016-04-06T20:03:00.000Z","name":"x","granular_markings":[{"marking_ref":"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1","selectors":["name"]}]}]}""")]
    public void IsExportable_ReceivedObjectMarkedRed_False(string bundle)
    {
        var value = Assert.Single(StixSerializer.DeserializeBundle(bundle).Objects);

        Assert.False(StixExportGuard.IsExportable(value));
    }

    [Fact]
    public void IsExportable_RedMarkingDefinitionItself_True()
    {
        Assert.True(StixExportGuard.IsExportable(TlpMarkings.Definition(TrafficLightProtocol.Red)));
    }
}
