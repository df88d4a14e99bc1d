using System.Text.Json.Nodes;
using DistillGuard.Core.Findings;
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

    private static async Task<IResult> GetFindingsAsync(HttpContext context, EngineHost host)
    {
        var document = await host.GetFindingsAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Text(FindingsViews.Document(document).ToJsonString(), "application/json");
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
            ["subject"] = FindingsViews.Subject(finding),
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
        var document = await host.GetFindingsAsync(context.RequestAborted).ConfigureAwait(false);
        var body = new JsonObject { ["campaigns"] = FindingsViews.Campaigns(document.Campaigns) };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> GetCampaignAsync(string id, HttpContext context, EngineHost host)
    {
        var document = await host.GetFindingsAsync(context.RequestAborted).ConfigureAwait(false);
        var campaign = document.Campaigns.FirstOrDefault(c => c.Id == id);
        if (campaign is null)
        {
            return ApiResults.NotFound($"campaign {id} does not exist");
        }

        var members = campaign.Subjects.ToHashSet();
        var body = FindingsViews.Campaigns([campaign])[0]!.AsObject();
        body["members"] = new JsonArray([.. document.Subjects
            .Where(s => s.EndUserId is null && members.Contains(new SubjectKey(s.AccountId, null)))
            .Select(s => (JsonNode?)FindingsViews.Subject(s))]);
        return Results.Text(body.ToJsonString(), "application/json");
    }
}
