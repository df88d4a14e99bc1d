using System.Globalization;
using System.Text.Json;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Audit;
using DistillGuard.Server.Observability;
using DistillGuard.Server.Overrides;
using DistillGuard.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillGuard.Server.Api;

/// <summary><c>POST /v1/overrides</c> (admin) and <c>GET /v1/audit</c> (analyst).</summary>
internal static class OverrideEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/overrides", CreateAsync).RequireAuthorization(RoleNames.CanAdminister);
        api.MapGet("/audit", ReadAuditAsync).RequireAuthorization(RoleNames.CanRead);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, OverrideBook book, AuditTrail audit, ApiJson json, TimeProvider time)
    {
        if (!ApiResults.HasMediaType(context.Request, "application/json"))
        {
            return ApiResults.UnsupportedMediaType("application/json");
        }

        OverrideRequestDto? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, json.Context.OverrideRequestDto, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return ApiResults.BadRequest("the body is not a valid override: " + ex.Message);
        }

        var now = time.GetUtcNow();
        if (body is null || string.IsNullOrEmpty(body.AccountId))
        {
            return ApiResults.BadRequest("account_id is required");
        }

        if (!ActionNames.TryParse(body.Action, out var action))
        {
            return ApiResults.BadRequest("action must be one of allow, degrade, throttle, challenge, block");
        }

        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            return ApiResults.BadRequest("reason is required");
        }

        if (body.ExpiresAt is not { } expires || expires <= now)
        {
            return ApiResults.BadRequest("expires_at is required and must be in the future");
        }

        var actor = context.User.Identity?.Name ?? "unknown";
        var stored = await book.AddAsync(
            new OverrideRecord
            {
                AccountId = body.AccountId,
                EndUserId = string.IsNullOrEmpty(body.EndUserId) ? null : body.EndUserId,
                Action = action,
                Reason = body.Reason,
                CreatedBy = actor,
                CreatedAt = now,
                ExpiresAt = expires,
            },
            context.RequestAborted).ConfigureAwait(false);
        await audit.WriteAsync(actor, "override.created", Target(stored), new Dictionary<string, string?>
        {
            ["id"] = stored.Id.ToString(CultureInfo.InvariantCulture),
            ["action"] = ActionNames.Of(stored.Action),
            ["reason"] = stored.Reason,
            ["expires_at"] = stored.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
        }, CancellationToken.None).ConfigureAwait(false);

        var dto = new OverrideDto
        {
            Id = stored.Id, AccountId = stored.AccountId, EndUserId = stored.EndUserId, Action = ActionNames.Of(stored.Action),
            Reason = stored.Reason, CreatedBy = stored.CreatedBy, CreatedAt = stored.CreatedAt, ExpiresAt = stored.ExpiresAt,
        };
        return Results.Json(dto, ServerJsonContext.Default.OverrideDto, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReadAuditAsync(HttpContext context, IServiceStore store, long? after, int? limit)
    {
        var take = limit ?? 100;
        if (take is < 1 or > 1000)
        {
            return ApiResults.BadRequest("limit must be between 1 and 1000");
        }

        if (after is < 0)
        {
            return ApiResults.BadRequest("after must not be negative");
        }

        var records = await store.ReadAuditAsync(after ?? 0, take, context.RequestAborted).ConfigureAwait(false);
        var page = new AuditPageDto
        {
            Entries = [.. records.Select(r => new AuditEntryDto
            {
                Id = r.Id, At = r.At, Actor = r.Actor, Action = r.Action, Target = r.Target,
                Detail = System.Text.Json.Nodes.JsonNode.Parse(r.Detail),
            })],
            Next = records.Count == take ? records[^1].Id : null,
        };
        return Results.Json(page, ServerJsonContext.Default.AuditPageDto);
    }

    private static string Target(OverrideRecord record) =>
        record.EndUserId is null ? "account:" + record.AccountId : $"end_user:{record.AccountId}/{record.EndUserId}";
}
