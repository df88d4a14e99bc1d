using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Server.Gateway;
using DistillGuard.Server.Tests.Gateway;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of the gateway's request path (<c>POST /v1/chat/completions</c> in front of a fake upstream), for an
/// account under <c>degrade</c>: mutated bodies (<see cref="Mutator"/>), content types and encodings. No answer is a
/// 5xx of the gateway's own (only the upstream's, passed through); a refused request is never forwarded;
/// a forwarded body is one JSON object without what <c>degrade</c> removes; the gateway still serves a valid request
/// at the end.
/// </summary>
public sealed class GatewayFuzzTests
{
    private const int Requests = 250;
    private const string Completions = "/v1/chat/completions";
    private const string Valid =
        """{"model":"frontier-large","messages":[{"role":"user","content":"Explain step by step."}],"logprobs":true,"top_logprobs":5,"n":8,"user":"u_1","response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object"}}}}""";

    private static readonly string[] ContentTypes = ["application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "*/*"];

    private static readonly string[] Encodings = ["gzip", "br", "deflate", "identity", "x-unknown", "gzip, br"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gateway_MutatedRequestsOfADegradedAccount_NeverAnswer5xxAndNeverForwardWhatDegradeRemoves()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var gateway = await ServiceInstance.StartAsync(store, upstream: upstream.Address);
        await GatewayBodyTests.OverrideAsync(gateway, "acct_fuzz", "degrade");
        var mutator = new Mutator(7201);
        var client = gateway.Client(null);
        var valid = Encoding.UTF8.GetBytes(Valid);

        for (var i = 0; i < Requests; i++)
        {
            var body = mutator.Mutate(valid, out var what);
            using var request = new HttpRequestMessage(HttpMethod.Post, Completions) { Content = new ByteArrayContent(body) };
            var type = mutator.Pick(ContentTypes);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            if (mutator.Next(5) == 0)
            {
                var encoding = mutator.Pick(Encodings);
                request.Content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
                what += ", content encoding " + encoding;
            }

            request.Headers.Add("x-distillguard-account", "acct_fuzz");
            var forwardedBefore = upstream.Received.Count;

            using var response = await client.SendAsync(request, Ct);

            var status = (int)response.StatusCode;
            var label = $"#{i} ({what}, {type}) body '{Encoding.UTF8.GetString(body[..Math.Min(body.Length, 120)])}'";
            // A 5xx may only be the upstream's own answer passed through (the fake upstream fails on an empty body).
            Assert.True(status < 500 || upstream.Received.Count > forwardedBefore, $"{label}: {status} {await response.Content.ReadAsStringAsync(Ct)}");
            if (status is >= 400 and < 500)
            {
                Assert.Equal(forwardedBefore, upstream.Received.Count);
                var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"];
                Assert.True(error?["message"] is not null, $"{label}: {status} without the OpenAI error shape");
            }
            else if (upstream.Received.Count > forwardedBefore)
            {
                var forwarded = upstream.Received.Last().Body;
                if (forwarded.Length > 0)
                {
                    using var document = JsonDocument.Parse(forwarded, new JsonDocumentOptions { MaxDepth = 512 });
                    Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
                    Assert.False(document.RootElement.TryGetProperty("logprobs", out _), $"{label}: forwarded logprobs: {forwarded}");
                    Assert.False(document.RootElement.TryGetProperty("top_logprobs", out _), $"{label}: forwarded top_logprobs: {forwarded}");
                }
            }
        }

        await gateway.Service<GatewayRecorder>().DrainAsync(Ct);
        using var last = new HttpRequestMessage(HttpMethod.Post, Completions) { Content = new StringContent(Valid, Encoding.UTF8, "application/json") };
        last.Headers.Add("x-distillguard-account", "acct_fuzz");
        using var answer = await client.SendAsync(last, Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }
}
