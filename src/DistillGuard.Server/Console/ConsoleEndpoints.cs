using System.Globalization;
using System.Security.Claims;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Policies;
using DistillGuard.Core.Storage;
using DistillGuard.Server.AnalystConsole.Pages;
using DistillGuard.Server.Audit;
using DistillGuard.Server.Decisions;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Observability;
using DistillGuard.Server.Overrides;
using DistillGuard.Server.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>
/// The console's pages under <c>/console</c>: sign-in and sign-out, the review queue, claims and the decision dialog,
/// the subject page, the campaign list and page. Pages are Razor components rendered on the server; every POST checks
/// the antiforgery token (a form field or htmx's header) before anything else.
/// </summary>
internal static class ConsoleEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var console = app.MapGroup(ConsoleSetup.Prefix).DisableAntiforgery().AddEndpointFilter(SecurityHeadersAsync);
        ConsoleAssets.Map(console);
        console.MapGet("/", () => Results.Redirect(ConsoleSetup.Prefix + "/queue")).AllowAnonymous();
        console.MapGet("/sign-in", SignInPage).AllowAnonymous();
        console.MapPost("/sign-in", SignInAsync).AllowAnonymous().AddEndpointFilter(AntiforgeryAsync);

        var pages = console.MapGroup(string.Empty).RequireAuthorization(ConsoleSetup.Policy);
        pages.MapPost("/sign-out", SignOutAsync).AddEndpointFilter(AntiforgeryAsync);
        pages.MapGet("/queue", QueueAsync);
        pages.MapPost("/claim/{token}", ClaimAsync).AddEndpointFilter(AntiforgeryAsync);
        pages.MapPost("/next", NextAsync).AddEndpointFilter(AntiforgeryAsync);
        pages.MapGet("/decide", DecidePage);
        pages.MapPost("/decide", DecideAsync).AddEndpointFilter(AntiforgeryAsync);
        pages.MapGet("/campaigns/{id}/dossier", Dossier.DossierEndpoints.GetAsync);
        ConsolePages.Map(pages);
    }

    /// <summary><c>GET /v1/cases/labels</c>: every outcome label analysts gave, for calibration (analyst role).</summary>
    public static void MapApi(IEndpointRouteBuilder api) =>
        api.MapGet("/cases/labels", (CaseBook cases) => Results.Text(
            new System.Text.Json.Nodes.JsonObject
            {
                ["labels"] = new System.Text.Json.Nodes.JsonArray([.. cases.Labelled().Select(c => (System.Text.Json.Nodes.JsonNode?)new System.Text.Json.Nodes.JsonObject
                {
                    ["account_id"] = c.AccountId,
                    ["end_user_id"] = c.EndUserId,
                    ["label"] = ConsoleNames.Of(c.Label!.Value),
                    ["decided_by"] = c.DecidedBy,
                    ["override_id"] = c.OverrideId,
                    ["note"] = c.Note,
                    ["updated_at"] = c.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
                })]),
            }.ToJsonString(),
            "application/json")).RequireAuthorization(RoleNames.CanRead);

    /// <summary>Renders a page component.</summary>
    public static RazorComponentResult<TComponent> Page<TComponent>(object parameters, int status = StatusCodes.Status200OK)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters) { StatusCode = status };

    /// <summary>Gets the signed-in analyst and a fresh antiforgery token for the page's forms.</summary>
    public static ConsoleUser UserOf(HttpContext context, IAntiforgery antiforgery) => new(
        context.User.Identity?.Name ?? "unknown",
        context.User.FindFirst(ClaimTypes.Role)?.Value ?? "none",
        antiforgery.GetAndStoreTokens(context).RequestToken!);

    /// <summary>Keeps a return address on the console (an open redirect otherwise).</summary>
    public static string LocalReturn(string? target) =>
        target is { Length: > 0 } && target.StartsWith(ConsoleSetup.Prefix + "/", StringComparison.Ordinal) && !target.StartsWith("//", StringComparison.Ordinal)
            && !target.Contains('\\', StringComparison.Ordinal)
            ? target
            : ConsoleSetup.Prefix + "/queue";

    public static RazorComponentResult<Message> Refuse(HttpContext context, IAntiforgery antiforgery, int status, string message) =>
        Page<Message>(new { User = context.User.Identity?.IsAuthenticated == true ? UserOf(context, antiforgery) : null, Title = ApiResultsTitle(status), Text = message }, status);

    private static string ApiResultsTitle(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Not signed in",
        StatusCodes.Status403Forbidden => "Refused",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict",
        _ => "Error",
    };

    private static async ValueTask<object?> SecurityHeadersAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var headers = invocation.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return await next(invocation).ConfigureAwait(false);
    }

    private static async ValueTask<object?> AntiforgeryAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Refuse(context, antiforgery, StatusCodes.Status400BadRequest, "the form's antiforgery token is missing or does not match this session; reload the page and submit it again");
        }

        return await next(invocation).ConfigureAwait(false);
    }

    private static RazorComponentResult<SignIn> SignInPage(HttpContext context, IAntiforgery antiforgery, IOptions<ConsoleOptions> options) =>
        Page<SignIn>(new { Antiforgery = antiforgery.GetAndStoreTokens(context).RequestToken!, Lifetime = Describe(options.Value.SessionLifetime) });

    private static async Task<IResult> SignInAsync(HttpContext context, ApiKeyRing keys, AuditTrail audit, IAntiforgery antiforgery, IOptions<ConsoleOptions> options)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var presented = form["api_key"].ToString().Trim();
        IResult Again(int status, string message) => Page<SignIn>(
            new { Antiforgery = antiforgery.GetAndStoreTokens(context).RequestToken!, Message = message, Lifetime = Describe(options.Value.SessionLifetime) }, status);

        if (presented.Length == 0)
        {
            return Again(StatusCodes.Status400BadRequest, "enter an API key");
        }

        if (keys.Find(presented) is not { } key)
        {
            return Again(StatusCodes.Status401Unauthorized, "unknown API key");
        }

        if (key.Role is not (ApiKeyRole.Analyst or ApiKeyRole.Admin))
        {
            await audit.WriteAsync(key.Name, "console.sign_in_refused", "key:" + key.KeyId, new Dictionary<string, string?> { ["role"] = RoleNames.Of(key.Role) }, CancellationToken.None).ConfigureAwait(false);
            return Again(StatusCodes.Status403Forbidden, $"a key with the {RoleNames.Of(key.Role)} role cannot sign in to the console; use an analyst or admin key");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, key.Name),
                new Claim(ClaimTypes.Role, RoleNames.Of(key.Role)),
                new Claim(ApiKeyAuthenticationHandler.KeyIdClaim, key.KeyId),
            ],
            ConsoleSetup.Scheme);
        await context.SignInAsync(ConsoleSetup.Scheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        await audit.WriteAsync(key.Name, "console.signed_in", "key:" + key.KeyId, new Dictionary<string, string?>(), CancellationToken.None).ConfigureAwait(false);
        return Results.Redirect(ConsoleSetup.Prefix + "/queue");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, AuditTrail audit)
    {
        var name = context.User.Identity?.Name ?? "unknown";
        var keyId = context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
        await context.SignOutAsync(ConsoleSetup.Scheme).ConfigureAwait(false);
        await audit.WriteAsync(name, "console.signed_out", "key:" + keyId, new Dictionary<string, string?>(), CancellationToken.None).ConfigureAwait(false);
        return Results.Redirect(ConsoleSetup.Prefix + "/sign-in");
    }

    private static async Task<IResult> QueueAsync(HttpContext context, ReviewQueue queue, IAntiforgery antiforgery, string? notice)
    {
        if (!QueueFilter.TryParse(context.Request.Query, out var filter, out var error))
        {
            return Refuse(context, antiforgery, StatusCodes.Status400BadRequest, error!);
        }

        var result = await queue.QueryAsync(filter, context.RequestAborted).ConfigureAwait(false);
        return Page<Queue>(new { User = UserOf(context, antiforgery), Result = result, Notice = notice });
    }

    private static async Task<IResult> ClaimAsync(string token, HttpContext context, ConsoleDecisions decisions, IAntiforgery antiforgery, EngineHost host)
    {
        if (!SubjectToken.TryParse(token, out var key) || host.GetJudgment(key) is null)
        {
            return Refuse(context, antiforgery, StatusCodes.Status404NotFound, "no such subject");
        }

        var analyst = context.User.Identity?.Name ?? "unknown";
        var outcome = await decisions.ClaimAsync(key, analyst, context.RequestAborted).ConfigureAwait(false);
        var text = outcome switch
        {
            CaseBook.ClaimOutcome.Claimed => "claimed by " + analyst,
            CaseBook.ClaimOutcome.HeldByAnother => "already claimed by another analyst",
            _ => "already decided",
        };
        var status = outcome == CaseBook.ClaimOutcome.Claimed ? StatusCodes.Status200OK : StatusCodes.Status409Conflict;
        if (context.Request.Headers.ContainsKey("HX-Request"))
        {
            // htmx swaps only 2xx answers by default: a refused claim is shown in the cell too.
            return Page<CaseCell>(new { Text = text, Token = token }, StatusCodes.Status200OK);
        }

        return status == StatusCodes.Status200OK
            ? Results.Redirect(ConsoleSetup.Prefix + "/subjects/" + token)
            : Refuse(context, antiforgery, status, text);
    }

    private static async Task<IResult> NextAsync(HttpContext context, ReviewQueue queue, ConsoleDecisions decisions, IAntiforgery antiforgery)
    {
        if (!QueueFilter.TryParse(context.Request.Query, out var filter, out var error))
        {
            return Refuse(context, antiforgery, StatusCodes.Status400BadRequest, error!);
        }

        var analyst = context.User.Identity?.Name ?? "unknown";

        // Another analyst may claim the chosen subject first: then take the next one (a bounded number of tries).
        for (var attempt = 0; attempt < 8; attempt++)
        {
            if (queue.NextOpen(filter) is not { } next)
            {
                break;
            }

            if (await decisions.ClaimAsync(next, analyst, context.RequestAborted).ConfigureAwait(false) == CaseBook.ClaimOutcome.Claimed)
            {
                return Results.Redirect(ConsoleSetup.Prefix + "/subjects/" + SubjectToken.Of(next));
            }
        }

        return Results.Redirect(ConsoleSetup.Prefix + "/queue" + filter.ToQuery() + (filter.ToQuery().Length == 0 ? "?" : "&") + "notice=" + Uri.EscapeDataString("no open case matches the filters"));
    }

    private static IResult DecidePage(HttpContext context, IAntiforgery antiforgery, IOptions<ConsoleOptions> options, string? scope)
    {
        var subjects = new List<(string, string)>();
        foreach (var token in context.Request.Query["subject"])
        {
            if (!SubjectToken.TryParse(token, out var key))
            {
                return Refuse(context, antiforgery, StatusCodes.Status400BadRequest, "a subject in the request is not valid");
            }

            subjects.Add((token!, key.ToString()));
        }

        if (subjects.Count == 0)
        {
            return Refuse(context, antiforgery, StatusCodes.Status400BadRequest, "select at least one subject to decide on");
        }

        var view = new DecideView
        {
            Subjects = subjects,
            ReturnTo = LocalReturn(context.Request.Query["return"]),
            Scope = scope is "account" or "campaign" ? scope : "subject",
            MaxHours = (int)Math.Floor(options.Value.MaxDecisionLifetime.TotalHours),
        };
        return Page<Decide>(new { User = UserOf(context, antiforgery), View = view });
    }

    private static async Task<IResult> DecideAsync(HttpContext context, ConsoleDecisions decisions, IAntiforgery antiforgery, IOptions<ConsoleOptions> options, EngineHost host)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var returnTo = LocalReturn(form["return"]);
        var subjects = new List<SubjectKey>();
        foreach (var token in form["subject"])
        {
            if (!SubjectToken.TryParse(token, out var key) || host.GetJudgment(key) is null)
            {
                return Refuse(context, antiforgery, StatusCodes.Status400BadRequest, "a subject in the decision is not valid or was never seen");
            }

            subjects.Add(key);
        }

        string? problem = null;
        if (subjects.Count == 0 || subjects.Count > 1000)
        {
            problem = "a decision needs between 1 and 1000 subjects";
        }

        if (!ActionNames.TryParse(form["action"], out var action))
        {
            problem ??= "action must be one of allow, degrade, throttle, challenge, block";
        }

        if (!ConsoleNames.TryParse<DecisionScope>(form["scope"], out var scope))
        {
            problem ??= "scope must be subject, account or campaign";
        }

        if (!ConsoleNames.TryParse<DecisionReason>(form["reason"], out var reason))
        {
            problem ??= "a reason code is required";
        }

        var note = form["note"].ToString().Trim();
        if (note.Length > 2000)
        {
            problem ??= "the note is longer than 2000 characters";
        }

        if (reason == DecisionReason.Other && note.Length == 0)
        {
            problem ??= "the reason 'other' needs a note";
        }

        var maxHours = (int)Math.Floor(options.Value.MaxDecisionLifetime.TotalHours);
        if (!int.TryParse(form["expires_in_hours"], NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours < 1 || hours > maxHours)
        {
            problem ??= $"the expiry must be a whole number of hours from 1 to {maxHours}";
        }

        CaseLabel? label = null;
        var labelText = form["label"].ToString();
        if (labelText.Length > 0)
        {
            if (ConsoleNames.TryParse<CaseLabel>(labelText, out var parsed))
            {
                label = parsed;
            }
            else
            {
                problem ??= "label must be false_positive, confirmed_distillation or benign_look_alike";
            }
        }

        if (problem is not null)
        {
            return Refuse(context, antiforgery, StatusCodes.Status400BadRequest, problem);
        }

        var request = new DecisionRequest
        {
            Subjects = subjects, Action = action, Scope = scope!.Value, Reason = reason!.Value, Note = note.Length == 0 ? null : note,
            Lifetime = TimeSpan.FromHours(hours), Label = label,
        };
        var created = await decisions.DecideAsync(request, context.User.Identity?.Name ?? "unknown", context.RequestAborted).ConfigureAwait(false);
        if (created.Count == 0)
        {
            return Refuse(context, antiforgery, StatusCodes.Status400BadRequest, "none of the subjects belongs to a campaign; choose the subject or account scope");
        }

        var notice = $"{ActionNames.Of(action)} recorded on {created.Count} subject{(created.Count == 1 ? string.Empty : "s")} (overrides {string.Join(", ", created.Select(o => o.Id))})";
        return Results.Redirect(returnTo + (returnTo.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "notice=" + Uri.EscapeDataString(notice));
    }

    private static string Describe(TimeSpan lifetime) =>
        lifetime.TotalHours >= 1 && lifetime.TotalHours == Math.Floor(lifetime.TotalHours)
            ? lifetime.TotalHours.ToString("0", CultureInfo.InvariantCulture) + " h"
            : lifetime.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min";
}
