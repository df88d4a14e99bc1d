using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Api;

public sealed class FindingAndDecisionTests(SimulatedServiceFixture fixture) : IClassFixture<SimulatedServiceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Analyst => fixture.Service.Client(ServiceInstance.AnalystKey);

    private HttpClient Ingest => fixture.Service.Client(ServiceInstance.IngestKey);

    [Fact]
    public void GetFindings_AfterIngest_IsADgFindingsDocumentOfEveryAcceptedExchange()
    {
        var findings = fixture.Findings;

        Assert.Equal("dg-findings/1", findings["format"]!.GetValue<string>());
        Assert.Equal(fixture.Accepted, findings["input"]!["accepted"]!.GetValue<long>());
        Assert.Equal(SimulatedTraffic.Lines.Count, fixture.Accepted);
        Assert.NotEmpty(fixture.Accounts("distillation"));
        Assert.NotEmpty(fixture.Accounts("benign"));
        Assert.NotEmpty(findings["campaigns"]!.AsArray());
    }

    [Fact]
    public async Task GetSubject_FlaggedAccount_HasEvidenceAndDecision()
    {
        var account = fixture.Accounts("distillation").First();

        using var response = await Analyst.GetAsync($"/v1/subjects/{account}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(account, body["subject"]!["account_id"]!.GetValue<string>());
        Assert.Equal("distillation", body["subject"]!["verdict"]!.GetValue<string>());
        Assert.NotEmpty(body["subject"]!["signals"]!.AsArray());
        Assert.NotEqual("allow", body["decision"]!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetSubject_EndUser_IsJudgedApart()
    {
        var endUser = fixture.Findings["subjects"]!.AsArray().First(s => s!["end_user_id"] is not null)!;
        var account = endUser["account_id"]!.GetValue<string>();
        var id = endUser["end_user_id"]!.GetValue<string>();

        using var response = await Analyst.GetAsync($"/v1/subjects/{account}?end_user_id={Uri.EscapeDataString(id)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(id, body["subject"]!["end_user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetSubject_Unknown_Is404()
    {
        using var response = await Analyst.GetAsync("/v1/subjects/acct_never_seen", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("acct_never_seen", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCampaigns_ListsCampaignsAndOneWithItsMembers()
    {
        using var list = await Analyst.GetAsync("/v1/campaigns", Ct);
        var campaigns = JsonNode.Parse(await list.Content.ReadAsStringAsync(Ct))!["campaigns"]!.AsArray();
        Assert.NotEmpty(campaigns);
        var id = campaigns[0]!["id"]!.GetValue<string>();

        using var one = await Analyst.GetAsync($"/v1/campaigns/{id}", Ct);

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var campaign = JsonNode.Parse(await one.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(id, campaign["id"]!.GetValue<string>());
        Assert.Equal(campaign["subjects"]!.AsArray().Count, campaign["members"]!.AsArray().Count);
        Assert.False(string.IsNullOrEmpty(campaign["summary"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetCampaign_Unknown_Is404()
    {
        using var response = await Analyst.GetAsync("/v1/campaigns/cmp_9999", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostDecision_BenignAccount_Allows()
    {
        var account = fixture.Accounts("benign").First();

        var decision = await DecideAsync(new JsonObject { ["account_id"] = account });

        Assert.Equal("allow", decision["action"]!.GetValue<string>());
        Assert.Null(decision["rewrite"]);
    }

    [Fact]
    public async Task PostDecision_UnknownAccount_Allows()
    {
        var decision = await DecideAsync(new JsonObject { ["account_id"] = "acct_brand_new" });

        Assert.Equal("allow", decision["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostDecision_DistillingAccount_IsDegradedThenThrottledOrBlocked()
    {
        var account = fixture.Accounts("distillation").Skip(1).First();
        var actions = new List<string>();
        JsonNode? degraded = null;
        for (var i = 0; i < 12; i++)
        {
            var decision = await DecideAsync(new JsonObject
            {
                ["account_id"] = account,
                ["request"] = new JsonObject
                {
                    ["model"] = "frontier-large",
                    ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
                    ["logprobs"] = true,
                    ["top_logprobs"] = 5,
                    ["n"] = 4,
                    ["max_completion_tokens"] = 32000,
                    ["reasoning_effort"] = "high",
                },
            });
            actions.Add(decision["action"]!.GetValue<string>());
            degraded ??= decision["action"]!.GetValue<string>() == "degrade" ? decision : null;
        }

        Assert.DoesNotContain("allow", actions);
        Assert.True(actions.Contains("throttle") || actions.Contains("block"), string.Join(",", actions));
        if (degraded is not null)
        {
            var rewrite = degraded["rewrite"]!;
            Assert.Null(rewrite["logprobs"]);
            Assert.Null(rewrite["top_logprobs"]);
            Assert.Equal(1, rewrite["n"]!.GetValue<int>());
            Assert.Equal(1024, rewrite["max_completion_tokens"]!.GetValue<int>());
            Assert.Equal("low", rewrite["reasoning_effort"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task PostDecision_Throttled_HasRetryAfter()
    {
        var account = fixture.Accounts("distillation").Last();
        JsonNode? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var decision = await DecideAsync(new JsonObject { ["account_id"] = account });
            if (decision["action"]!.GetValue<string>() is "throttle")
            {
                refused = decision;
            }
            else if (decision["action"]!.GetValue<string>() is "block")
            {
                return; // The policy blocks this one outright; throttling is shown by the other accounts.
            }
        }

        Assert.NotNull(refused);
        Assert.True(refused["retry_after_ms"]!.GetValue<long>() > 0);
    }

    [Theory]
    [InlineData("application/json", "{}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"account_id\": 5}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "not json", HttpStatusCode.BadRequest)]
    [InlineData("text/plain", "{\"account_id\":\"a\"}", HttpStatusCode.UnsupportedMediaType)]
    public async Task PostDecision_BadBody_IsAClearError(string contentType, string body, HttpStatusCode expected)
    {
        using var response = await Ingest.PostAsync("/v1/decisions", new StringContent(body, Encoding.UTF8, contentType), Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!["message"]);
    }

    [Fact]
    public async Task PostDecision_TooDeep_Is400()
    {
        var deep = "{\"account_id\":\"a\",\"request\":" + string.Concat(Enumerable.Repeat("{\"x\":", 60)) + "1" + new string('}', 61);

        using var response = await Ingest.PostAsync("/v1/decisions", new StringContent(deep, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetMetrics_ShowsIngestDecisionsAndSubjects()
    {
        await DecideAsync(new JsonObject { ["account_id"] = "acct_metrics" });

        using var response = await Analyst.GetAsync("/metrics", Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("distillguard_ingest_exchanges", text, StringComparison.Ordinal);
        Assert.Contains("distillguard_decisions", text, StringComparison.Ordinal);
        Assert.Contains("distillguard_engine_subjects", text, StringComparison.Ordinal);
        Assert.Contains("distillguard_ingest_queue_depth", text, StringComparison.Ordinal);
    }

    private async Task<JsonNode> DecideAsync(JsonObject body)
    {
        using var response = await Ingest.PostAsync("/v1/decisions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }
}
