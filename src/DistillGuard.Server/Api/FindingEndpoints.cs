using System.Text.Json.Nodes;
using DistillGuard.Core.Findings;
using DistillGuard.Ingest.Findings;
using DistillGuard.Server.Decisions;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Observability;
using DistillGuard.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillGuard.Server.Api;

/// <summary><c>GET /v1/findings</c>, <c>/v1/subjects/{accountId}</c>, <c>/v1/campaigns</c> and <c>/v1/campaigns/{id}</c>.</summary>
internal static class FindingEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/findings", GetFindingsAsync).RequireAuthorization(RoleNames.CanRead);
        api.MapGet("/subjects/{accountId}", GetSubjectAsync).RequireAuthorization(RoleNames.CanRead);
        api.MapGet("/campaigns", GetCampaignsAsync).RequireAuthorization(RoleNames.CanRead);
        api.MapGet("/campaigns/{id}", GetCampaignAsync).RequireAuthorization(RoleNames.CanRead);
    }

    private static async Task GetFindingsAsync(HttpContext context, EngineHost host)
    {
        var document = await host.GetFindingsAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json";
        await FindingsJson.WriteAsync(context.Response.Body, document, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> GetSubjectAsync(string accountId, string? end_user_id, HttpContext context, EngineHost host, DecisionService decisions)
    {
        var key = new SubjectKey(accountId, string.IsNullOrEmpty(end_user_id) ? null : end_user_id);
        var finding = await host.ReadAsync(engine => engine.DescribeSubject(key), context.RequestAborted).ConfigureAwait(false);
        if (finding is null)
        {
            return ApiResults.NotFound($"subject {key} has not been seen");
        }

        var decision = decisions.Peek(key.AccountId, key.EndUserId);
        var body = new JsonObject
        {
            ["subject"] = FindingsJson.ToJson(finding),
            ["decision"] = new JsonObject
            {
                ["action"] = ActionNames.Of(decision.Action),
                ["reasons"] = new JsonArray([.. decision.Reasons.Select(r => (JsonNode?)JsonValue.Create(r))]),
            },
        };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> GetCampaignsAsync(HttpContext context, EngineHost host)
    {
        var campaigns = await host.ReadAsync(engine => engine.GetCampaigns(), context.RequestAborted).ConfigureAwait(false);
        var body = new JsonObject { ["campaigns"] = new JsonArray([.. campaigns.Select(c => (JsonNode?)FindingsJson.ToJson(c))]) };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> GetCampaignAsync(string id, HttpContext context, EngineHost host)
    {
        // Only this campaign's members are described, not every subject the engine holds.
        var found = await host.ReadAsync(
            engine => engine.GetCampaigns().FirstOrDefault(c => c.Id == id) is { } campaign
                ? (Campaign: campaign, Members: campaign.Subjects.Select(engine.DescribeSubject).OfType<SubjectFinding>().ToList())
                : default,
            context.RequestAborted).ConfigureAwait(false);
        if (found.Campaign is null)
        {
            return ApiResults.NotFound($"campaign {id} does not exist");
        }

        var body = FindingsJson.ToJson(found.Campaign);
        body["members"] = new JsonArray([.. found.Members.Select(s => (JsonNode?)FindingsJson.ToJson(s))]);
        return Results.Text(body.ToJsonString(), "application/json");
    }
}
