using DistillGuard.Core.Findings;
using DistillGuard.Core.Policies;
using DistillGuard.Core.Storage;
using DistillGuard.Server.AnalystConsole.Pages;
using DistillGuard.Server.Decisions;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Overrides;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>The console's read-only pages: a subject, the campaign list, a campaign.</summary>
internal static class ConsolePages
{
    private const int MaxTies = 40;

    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet("/subjects/{token}", SubjectAsync);
        pages.MapGet("/campaigns", CampaignsAsync);
        pages.MapGet("/campaigns/{id}", CampaignAsync);
    }

    private static async Task<IResult> SubjectAsync(
        string token, string? notice, HttpContext context, EngineHost host, DecisionService decisions, OverrideBook overrides, CaseBook cases, ReviewQueue queue,
        IActivityStore activity, IAntiforgery antiforgery)
    {
        if (!SubjectToken.TryParse(token, out var key))
        {
            return ConsoleEndpoints.Refuse(context, antiforgery, StatusCodes.Status404NotFound, "no such subject");
        }

        var read = await host.ReadAsync(
            engine => engine.DescribeSubject(key) is { } finding
                ? (Finding: finding, State: engine.GetSubject(key))
                : default,
            context.RequestAborted).ConfigureAwait(false);
        if (read.Finding is null)
        {
            return ConsoleEndpoints.Refuse(context, antiforgery, StatusCodes.Status404NotFound, $"subject {key} has not been seen");
        }

        var endUsers = key.EndUserId is null
            ? host.Judgments().Where(j => j.Key.EndUserId is not null && j.Key.AccountId == key.AccountId)
                .OrderByDescending(j => j.Judgment.Score).Take(50)
                .Select(j => (SubjectToken.Of(j.Key), j.Key.EndUserId!, j.Judgment.Score)).ToList()
            : [];
        var hours = await activity.CountExchangesPerHourAsync([key.AccountId], context.RequestAborted).ConfigureAwait(false);
        var decision = decisions.Peek(key.AccountId, key.EndUserId);
        var caseRecord = cases.Find(key);
        var view = new SubjectView
        {
            Finding = read.Finding,
            Token = token,
            FirstSeen = read.State?.FirstSeen,
            LastSeen = read.State?.LastSeen,
            Action = decision.Action,
            ActionSource = queue.SourceOf(key, decision.Action, caseRecord),
            DecisionReasons = decision.Reasons,
            Override = overrides.FindOwn(key.AccountId, key.EndUserId),
            AccountOverride = key.EndUserId is null ? null : overrides.FindOwn(key.AccountId, null),
            Case = caseRecord,
            EndUsers = endUsers,
            TimelineJson = ConsoleCharts.Timeline(hours),
        };
        return ConsoleEndpoints.Page<Subject>(new { User = ConsoleEndpoints.UserOf(context, antiforgery), View = view, Notice = notice });
    }

    private static async Task<IResult> CampaignsAsync(HttpContext context, EngineHost host, DecisionService decisions, IAntiforgery antiforgery)
    {
        var campaigns = await host.ReadAsync(engine => engine.GetCampaigns(), context.RequestAborted).ConfigureAwait(false);
        var rows = campaigns.OrderByDescending(c => c.Score).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => new CampaignListRow(
            c.Id,
            c.Subjects.Count,
            c.Score,
            string.Join(", ", c.Links.GroupBy(l => l.Kind, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key.Replace('_', ' ')}")),
            c.Subjects.Count(s => decisions.Peek(s.AccountId, s.EndUserId).Action != EnforcementAction.Allow),
            c.Summary)).ToList();
        return ConsoleEndpoints.Page<Campaigns>(new { User = ConsoleEndpoints.UserOf(context, antiforgery), Rows = rows });
    }

    private static async Task<IResult> CampaignAsync(
        string id, string? notice, HttpContext context, EngineHost host, ReviewQueue queue, IActivityStore activity, IAntiforgery antiforgery)
    {
        var found = await host.ReadAsync(
            engine => engine.GetCampaigns().FirstOrDefault(c => c.Id == id) is { } campaign
                ? (Campaign: campaign, Ties: engine.DescribeCampaignTies(id, MaxTies))
                : default,
            context.RequestAborted).ConfigureAwait(false);
        if (found.Campaign is null)
        {
            return ConsoleEndpoints.Refuse(context, antiforgery, StatusCodes.Status404NotFound, $"campaign {id} does not exist");
        }

        var members = found.Campaign.Subjects
            .Select(s => (Key: s, Judgment: host.GetJudgment(s)))
            .Where(s => s.Judgment is not null)
            .Select(s => (s.Key, s.Judgment!))
            .ToList();
        var rows = (await queue.DescribeAsync(members, context.RequestAborted).ConfigureAwait(false)).OrderByDescending(r => r.Score).ThenBy(r => r.Key.AccountId, StringComparer.Ordinal).ToList();
        var ties = found.Ties.SelectMany(t => t.Accounts.Select(a => (Account: a, t.Kind)))
            .GroupBy(t => t.Account, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(t => t.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        var accounts = found.Campaign.Subjects.Select(s => s.AccountId).Distinct(StringComparer.Ordinal).ToList();
        var hours = await activity.CountExchangesPerHourAsync(accounts, context.RequestAborted).ConfigureAwait(false);
        var view = new CampaignView
        {
            Finding = found.Campaign,
            Members = rows,
            TiesByAccount = ties,
            GraphJson = ConsoleCharts.Graph(found.Campaign.Subjects, found.Ties, rows.Where(r => r.Key.EndUserId is null).ToDictionary(r => r.Key.AccountId, r => r.Score, StringComparer.Ordinal)),
            TimelineJson = ConsoleCharts.Timeline(hours),
            AnyMemberToken = SubjectToken.Of(found.Campaign.Subjects[0]),
            DossierUrl = ConsoleSetup.Prefix + "/campaigns/" + Uri.EscapeDataString(id) + "/dossier?format=html",
        };
        return ConsoleEndpoints.Page<Campaign>(new { User = ConsoleEndpoints.UserOf(context, antiforgery), View = view, Notice = notice });
    }
}
