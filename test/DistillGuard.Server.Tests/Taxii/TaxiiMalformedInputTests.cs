using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Taxii;

/// <summary>Malformed cursors and strings that are not valid Unicode answer 400 with the TAXII error message and store nothing.</summary>
public sealed class TaxiiMalformedInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("objects/", "garbage")]
    [InlineData("objects/", "g@rbage!")]
    [InlineData("objects/", "====")]
    [InlineData("objects/", "AQ")]
    [InlineData("objects/", "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("manifest/", "garbage")]
    [InlineData("manifest/", "%E2%9C%93")]
    [InlineData("manifest/", "Zm9v+/==")]
    public async Task GetPage_NextThisServerDidNotGive_Is400AsTaxiiError(string resource, string next)
    {
        await using var server = await TaxiiTestServer.StartAsync();

        using var response = await server.Alpha().GetAsync($"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Indicators}/{resource}?next={next}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorBodies.AssertTaxiiErrorAsync(response);
        Assert.Contains("next", error["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xfe, 0x41 })]
    [InlineData(new byte[] { 0xc3 })]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]
    public async Task PostEnvelope_IdNotValidUtf8_Is400AndStoresNothing(byte[] invalid)
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var client = server.Alpha();
        var body = new List<byte>(Encoding.UTF8.GetBytes("""{"objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--"""));
        body.AddRange(invalid);
        body.AddRange(Encoding.UTF8.GetBytes("\",\"created\":\"2026-03-01T10:00:00.000Z\",\"modified\":\"2026-03-01T10:00:00.000Z\"}]}"));
        using var content = new ByteArrayContent([.. body]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiTestServer.TaxiiMediaType);

        using var response = await client.PostAsync(TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ErrorBodies.AssertTaxiiErrorAsync(response);
        Assert.Equal(0, await CountAsync(client));
    }

    [Theory]
    [InlineData("""{"objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--\ud800"}]}""")]
    [InlineData("""{"objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--0d6f3c2e-5b8a-4c1d-9e7f-000000000001","modified":"\udfff"}]}""")]
    [InlineData("""{"objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--0d6f3c2e-5b8a-4c1d-9e7f-000000000001","object_marking_refs":["\ud83d"]}]}""")]
    [InlineData("""{"objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--0d6f3c2e-5b8a-4c1d-9e7f-000000000001","id":"indicator--0d6f3c2e-5b8a-4c1d-9e7f-000000000002"}]}""")]
    public async Task PostEnvelope_LoneSurrogateOrDuplicateKey_Is400AndStoresNothing(string envelope)
    {
        await using var server = await TaxiiTestServer.StartAsync();
        var client = server.Alpha();

        using var response = await client.PostAsync(TaxiiTestServer.ObjectsPath(TaxiiTestServer.Indicators), TaxiiTestServer.EnvelopeContent(envelope), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ErrorBodies.AssertTaxiiErrorAsync(response);
        Assert.Equal(0, await CountAsync(client));
    }

    private static async Task<int> CountAsync(HttpClient client)
    {
        var (response, body) = await TaxiiTestServer.GetAsync(client, $"/taxii2/{TaxiiTestServer.RootA}/collections/{TaxiiTestServer.Indicators}/manifest/");
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return body?["objects"]?.AsArray().Count ?? 0;
    }
}
