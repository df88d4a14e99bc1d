using System.Text.Json;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Audit;
using DistillGuard.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillGuard.Server.Api;

/// <summary>
/// The key-admin API (admin): <c>POST /v1/keys</c> creates a key and answers it once, <c>GET /v1/keys</c> lists the keys
/// (never a key, only the start of its hash), <c>DELETE /v1/keys/{keyId}</c> revokes one at once. Keys created here are
/// of origin <c>api</c> and survive restarts until revoked; configured keys are changed in the configuration. Every call
/// is in the audit log.
/// </summary>
internal static class KeyEndpoints
{
    /// <summary>The longest key name.</summary>
    public const int MaxNameLength = 64;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/keys", CreateAsync).RequireAuthorization(RoleNames.CanAdminister);
        api.MapGet("/keys", ListAsync).RequireAuthorization(RoleNames.CanAdminister);
        api.MapDelete("/keys/{keyId}", RevokeAsync).RequireAuthorization(RoleNames.CanAdminister);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApiKeyRing ring, AuditTrail audit, ApiJson json)
    {
        if (!ApiResults.HasMediaType(context.Request, "application/json"))
        {
            return ApiResults.UnsupportedMediaType("application/json");
        }

        KeyCreateRequestDto? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, json.Context.KeyCreateRequestDto, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return ApiResults.BadRequest("the body is not a valid key request: " + ex.Message);
        }

        var actor = Actor(context);
        if (body?.Name is not { } name || !IsName(name))
        {
            return ApiResults.BadRequest($"name is required: 1 to {MaxNameLength} letters, digits, '.', '-' or '_'");
        }

        if (!RoleNames.TryParse(body.Role, out var role))
        {
            return ApiResults.BadRequest("role must be one of ingest, analyst, admin");
        }

        if (await ring.CreateAsync(name, role, context.RequestAborted).ConfigureAwait(false) is not { } created)
        {
            await audit.WriteAsync(actor, "key.create_refused", "key-name:" + name, new Dictionary<string, string?> { ["reason"] = "name in use" }, CancellationToken.None).ConfigureAwait(false);
            return ApiResults.Conflict($"a key named '{name}' exists");
        }

        await AuditAsync(audit, actor, "key.created", created.Record).ConfigureAwait(false);
        var dto = new KeyCreatedDto { Key = created.Key };
        Fill(dto, created.Record);
        return Results.Json(dto, ServerJsonContext.Default.KeyCreatedDto, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiKeyRing ring, AuditTrail audit)
    {
        await ring.LoadAsync(context.RequestAborted).ConfigureAwait(false);
        var keys = ring.Keys;
        await audit.WriteAsync(Actor(context), "key.listed", "keys", new Dictionary<string, string?>
        {
            ["count"] = keys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, CancellationToken.None).ConfigureAwait(false);
        return Results.Json(new KeyListDto { Keys = [.. keys.Select(k => Fill(new KeyDto(), k))] }, ServerJsonContext.Default.KeyListDto);
    }

    private static async Task<IResult> RevokeAsync(string keyId, HttpContext context, ApiKeyRing ring, AuditTrail audit)
    {
        var actor = Actor(context);
        var (outcome, record) = await ring.RevokeAsync(keyId, context.RequestAborted).ConfigureAwait(false);
        if (outcome != ApiKeyRing.Revocation.Revoked)
        {
            await audit.WriteAsync(actor, "key.revoke_refused", "key:" + keyId, new Dictionary<string, string?> { ["reason"] = outcome.ToString() }, CancellationToken.None).ConfigureAwait(false);
        }

        switch (outcome)
        {
            case ApiKeyRing.Revocation.NotFound:
                return ApiResults.NotFound($"there is no key {keyId}");
            case ApiKeyRing.Revocation.Configured:
                return ApiResults.Conflict($"the key {keyId} ('{record!.Name}') is configured (Server:Keys or {ApiKeyBootstrapper.AdminKeyVariable}): remove it there and restart");
            case ApiKeyRing.Revocation.LastAdmin:
                return ApiResults.Conflict($"the key {keyId} ('{record!.Name}') is the last admin key; create another admin key first");
            default:
                await AuditAsync(audit, actor, "key.revoked", record!).ConfigureAwait(false);
                return Results.Json(Fill(new KeyDto(), record!), ServerJsonContext.Default.KeyDto);
        }
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private static string Actor(HttpContext context) => context.User.Identity?.Name ?? "unknown";

    private static T Fill<T>(T dto, ApiKeyRecord record)
        where T : KeyDto
    {
        dto.KeyId = record.KeyId;
        dto.Name = record.Name;
        dto.Role = RoleNames.Of(record.Role);
        dto.Origin = ApiKeyBootstrapper.Describe(record.Origin);
        dto.HashPrefix = Convert.ToHexStringLower(record.SecretHash.AsSpan(0, 6));
        dto.CreatedAt = record.CreatedAt;
        return dto;
    }

    private static Task<AuditRecord> AuditAsync(AuditTrail audit, string actor, string action, ApiKeyRecord record) =>
        audit.WriteAsync(actor, action, "key:" + record.KeyId, new Dictionary<string, string?>
        {
            ["name"] = record.Name,
            ["role"] = RoleNames.Of(record.Role),
            ["origin"] = ApiKeyBootstrapper.Describe(record.Origin),
        }, CancellationToken.None);
}
