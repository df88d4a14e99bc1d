using System.Text.Json;
using DistillGuard.Server.Decisions;
using DistillGuard.Server.Observability;
using DistillGuard.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillGuard.Server.Api;

/// <summary><c>POST /v1/decisions</c>: what to do with the request a provider is about to serve.</summary>
internal static class DecisionEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/decisions", DecideAsync).RequireAuthorization(RoleNames.CanDecide);

    private static async Task<IResult> DecideAsync(HttpContext context, DecisionService decisions, ApiJson json)
    {
        if (!ApiResults.HasMediaType(context.Request, "application/json"))
        {
            return ApiResults.UnsupportedMediaType("application/json");
        }

        DecisionRequestDto? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, json.Context.DecisionRequestDto, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return ApiResults.BadRequest("the body is not a valid decision request: " + ex.Message);
        }

        if (body is null || string.IsNullOrEmpty(body.AccountId))
        {
            return ApiResults.BadRequest("account_id is required");
        }

        var decision = decisions.Decide(body.AccountId, body.EndUserId, body.Request);
        return Results.Json(
            new DecisionResponseDto
            {
                Action = ActionNames.Of(decision.Action),
                Reasons = decision.Reasons,
                RetryAfterMs = decision.RetryAfterMs,
                Rewrite = decision.Rewrite,
            },
            ServerJsonContext.Default.DecisionResponseDto);
    }
}
