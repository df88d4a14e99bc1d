using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DistillGuard.Browser.Tests.Support;
using Microsoft.Playwright;

namespace DistillGuard.Browser.Tests;

/// <summary>The analyst console in headless Chromium against the real <c>distillguard serve</c> process.</summary>
public sealed class ConsoleBrowserTests(ConsoleFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_AnalystKey_ShowsTheQueueRankedByScore()
    {
        var page = await fixture.SignedInPageAsync();

        Assert.Equal("alice", await page.TextContentAsync("#analyst"));
        var scores = await page.Locator("#queue tbody tr td:nth-child(3)").AllTextContentsAsync();
        Assert.True(scores.Count > 10, $"{scores.Count} rows");
        var values = scores.Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(values.OrderByDescending(v => v), values);
        var cookies = await page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "distillguard_console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        await ShotAsync(page, "queue");

        // Page 2 continues the ranking where page 1 stopped (the bounded top-k keeps page × size, not a page alone).
        var firstPage = await page.Locator("#queue tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.subject)");
        await page.ClickAsync("#next-page");
        await page.WaitForURLAsync("**page=2**");
        var next = await page.Locator("#queue tbody tr td:nth-child(3)").AllTextContentsAsync();
        Assert.NotEmpty(next);
        Assert.True(double.Parse(next[0], System.Globalization.CultureInfo.InvariantCulture) <= values[^1]);
        var secondPage = await page.Locator("#queue tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.subject)");
        Assert.Empty(firstPage.Intersect(secondPage));
    }

    [Fact]
    public async Task SignIn_IngestKey_IsRefusedAndGetsNoSession()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await ShotAsync(page, "sign-in");

        await page.FillAsync("#api_key", fixture.IngestKey);
        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#sign-in button[type=submit]"), r => r.Url.EndsWith("/console/sign-in", StringComparison.Ordinal) && r.Request.Method == "POST");

        Assert.Equal(403, answer.Status);
        Assert.Contains("ingest role cannot sign in", await page.TextContentAsync(".notice"));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "distillguard_console");
        var queue = await page.GotoAsync("/console/queue");
        Assert.EndsWith("/console/sign-in?return=%2Fconsole%2Fqueue", page.Url);
        Assert.NotNull(queue);
    }

    [Fact]
    public async Task Queue_FilterByVerdictAndScore_KeepsTheFiltersInTheUrlAndShowsOnlyMatches()
    {
        var page = await fixture.SignedInPageAsync();

        await page.SelectOptionAsync("select[name=verdict]", "suspicious");
        await page.FillAsync("input[name=max]", "0.9");
        await page.ClickAsync("#apply-filters");
        await page.WaitForURLAsync("**verdict=suspicious**");

        Assert.Contains("max=0.9", page.Url);
        var verdicts = await page.Locator("#queue tbody tr .verdict").AllTextContentsAsync();
        Assert.NotEmpty(verdicts);
        Assert.All(verdicts, v => Assert.Equal("suspicious", v));
        Assert.Equal("suspicious", await page.InputValueAsync("select[name=verdict]"));
        await page.ReloadAsync();
        Assert.Equal("0.9", await page.InputValueAsync("input[name=max]"));
        await ShotAsync(page, "queue-filtered");
    }

    [Fact]
    public async Task ClaimAndDecide_BlockWithAReason_TakesEffectInDecisionsAndTheAuditLog()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/console/queue?verdict=distillation&status=open");
        var subjects = await page.Locator("#queue tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.subject)");
        var subject = subjects.Where(s => !s.Contains('/', StringComparison.Ordinal) && !s.Contains('<', StringComparison.Ordinal)).Skip(1).First();
        var row = page.Locator($"#queue tbody tr[data-subject='{subject}']");

        await row.Locator("button.claim").ClickAsync();
        await Assertions.Expect(row.Locator("td.case")).ToContainTextAsync("claimed by alice");
        await row.Locator("a.decide").ClickAsync();
        await page.WaitForURLAsync("**/console/decide?**");
        await page.CheckAsync("input[name=action][value=block]");
        await page.SelectOptionAsync("#reason", "confirmed_distillation");
        await page.FillAsync("#note", "templated sweep across the catalogue");
        await page.SelectOptionAsync("#label", "confirmed_distillation");
        await ShotAsync(page, "decision-dialog");
        await page.ClickAsync("#submit-decision");
        await page.WaitForURLAsync("**/console/subjects/**notice=**");

        Assert.Contains("block recorded on 1 subject", await page.TextContentAsync(".notice"));
        Assert.Contains("block (analyst)", await page.TextContentAsync("#action"));
        Assert.Equal("decided by alice, outcome confirmed distillation", await page.TextContentAsync("#case"));
        using var decision = await fixture.Service.Client.PostAsJsonAsync("v1/decisions", new { account_id = subject }, Ct);
        var decided = JsonNode.Parse(await decision.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("block", decided["action"]!.GetValue<string>());
        var audit = await AuditAsync();
        var entry = Assert.Single(audit, e => e["action"]!.GetValue<string>() == "override.created" && e["target"]!.GetValue<string>() == "account:" + subject);
        Assert.Equal("alice", entry["actor"]!.GetValue<string>());
        Assert.Equal("confirmed_distillation", entry["detail"]!["reason_code"]!.GetValue<string>());
        Assert.Equal("templated sweep across the catalogue", entry["detail"]!["note"]!.GetValue<string>());
        Assert.Contains(audit, e => e["action"]!.GetValue<string>() == "case.claimed" && e["target"]!.GetValue<string>() == "account:" + subject);
        using var analyst = fixture.ClientWith(fixture.AnalystKey);
        var labels = JsonNode.Parse(await analyst.GetStringAsync("v1/cases/labels", Ct))!["labels"]!.AsArray();
        Assert.Contains(labels, l => l!["account_id"]!.GetValue<string>() == subject && l["label"]!.GetValue<string>() == "confirmed_distillation");

        await page.GotoAsync("/console/queue?verdict=distillation&status=decided");
        Assert.Contains(subject, await page.Locator("#queue tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.subject)"));
        Assert.Contains("block (analyst)", await page.Locator($"#queue tbody tr[data-subject='{subject}'] td.action").TextContentAsync());
    }

    [Fact]
    public async Task BulkDecide_TwoCheckedSubjects_CreatesAnOverrideForEach()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/console/queue?verdict=suspicious&sort=score_asc");
        var rows = page.Locator("#queue tbody tr");
        var first = (await rows.Nth(0).GetAttributeAsync("data-subject"))!;
        var second = (await rows.Nth(1).GetAttributeAsync("data-subject"))!;
        await rows.Nth(0).Locator("input[type=checkbox]").CheckAsync();
        await rows.Nth(1).Locator("input[type=checkbox]").CheckAsync();

        await page.ClickAsync("#bulk-decide");
        await page.WaitForURLAsync("**/console/decide?**");
        Assert.Equal(2, await page.Locator("ul.subjects li").CountAsync());
        await page.CheckAsync("input[name=action][value=throttle]");
        await page.SelectOptionAsync("#reason", "suspected_distillation");
        await page.FillAsync("#expires_in_hours", "24");
        await page.ClickAsync("#submit-decision");
        await page.WaitForURLAsync("**notice=**");

        Assert.Contains("throttle recorded on 2 subjects", await page.TextContentAsync(".notice"));
        var audit = await AuditAsync();
        foreach (var subject in new[] { first, second })
        {
            Assert.Contains(audit, e => e["action"]!.GetValue<string>() == "override.created" && e["target"]!.GetValue<string>() == TargetOf(subject)
                && e["detail"]!["action"]!.GetValue<string>() == "throttle" && e["actor"]!.GetValue<string>() == "alice");
        }
    }

    [Fact]
    public async Task NextCase_OpenCases_ClaimsTheBestRankedOpenSubject()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/console/queue?verdict=suspicious&status=open");
        var best = (await page.Locator("#queue tbody tr").Nth(0).GetAttributeAsync("data-subject"))!;

        await page.ClickAsync("#next-case");
        await page.WaitForURLAsync("**/console/subjects/**");

        Assert.Contains("claimed by alice", await page.TextContentAsync("#case"));
        Assert.Contains(best.Split('/')[0], await page.TextContentAsync("#account"));
        Assert.True(await page.Locator("#signals tbody tr").CountAsync() > 0);
        await page.WaitForFunctionAsync("() => !!window.dgTimeline");
        await ShotAsync(page, "subject");
    }

    [Fact]
    public async Task CampaignPage_GraphAndTimeline_AreDrawn()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/console/campaigns");
        await ShotAsync(page, "campaigns");
        await page.Locator("#campaigns tbody tr a").First.ClickAsync();
        await page.WaitForURLAsync("**/console/campaigns/**");
        await page.WaitForFunctionAsync("() => !!window.dgGraph && !!window.dgTimeline");

        var expected = await page.EvaluateAsync<int>("() => JSON.parse(document.getElementById('graph').dataset.graph).nodes.length");
        var drawn = await page.EvaluateAsync<int>("() => window.dgGraph.nodes().length");
        var members = await page.Locator("#members tbody tr").CountAsync();
        Assert.True(expected > members && members >= 2, $"{expected} nodes, {members} members");
        Assert.Equal(expected, drawn);
        Assert.True(await PaintedPixelsAsync(page, "#graph canvas") > 100, "the graph's canvas is blank");
        Assert.True(await PaintedPixelsAsync(page, "#timeline canvas") > 100, "the timeline's canvas is blank");
        var series = await page.EvaluateAsync<int>("() => window.dgTimeline.series.length - 1");
        Assert.True(series >= 1);

        var position = await page.EvaluateAsync<double[]>("() => { const p = window.dgGraph.nodes('[kind = \"account\"]')[0].renderedPosition(); return [p.x, p.y]; }");
        var label = await page.EvaluateAsync<string>("() => window.dgGraph.nodes('[kind = \"account\"]')[0].data('label')");
        var box = (await page.Locator("#graph").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + (float)position[0], box.Y + (float)position[1]);
        await Assertions.Expect(page.Locator("#node-panel h3")).ToHaveTextAsync(label);
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        Assert.Equal($"/console/campaigns/{id}/dossier?format=html", await page.GetAttributeAsync("#dossier", "href"));
        await ShotAsync(page, "campaign");

        // The link opens the dossier in the signed-in session (the API's copy would answer 401 to a cookie).
        var link = new Uri(new Uri(page.Url), await page.GetAttributeAsync("#dossier", "href"));
        var dossier = await page.Context.APIRequest.GetAsync(link.ToString());
        Assert.Equal(200, dossier.Status);
        Assert.Contains($"{id}", await dossier.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_AccountIdAndPromptsWithAScriptTag_AreShownAsText()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/console/queue?verdict=distillation&sort=subject");

        var link = page.Locator("#queue a", new PageLocatorOptions { HasText = ConsoleFixture.ScriptAccount });
        Assert.Equal(1, await link.CountAsync());
        await link.ClickAsync();
        await page.WaitForURLAsync("**/console/subjects/**");

        Assert.Equal(ConsoleFixture.ScriptAccount, await page.TextContentAsync("#account"));
        var evidence = await page.Locator("#signals td.evidence").AllTextContentsAsync();
        Assert.Contains(evidence, e => e.Contains("<script>window.dgPwned=2</script>", StringComparison.Ordinal));
        Assert.Null(await page.EvaluateAsync<JsonNode?>("() => window.dgPwned ?? null"));
        Assert.Equal(0, await page.Locator("main script").CountAsync());
        await ShotAsync(page, "subject-script-evidence");
    }

    [Fact]
    public async Task FormPost_WithoutTheAntiforgeryToken_IsRefusedWith400AndChangesNothing()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/console/queue?verdict=benign");
        var subject = (await page.Locator("#queue tbody tr").Nth(4).GetAttributeAsync("data-subject"))!;
        var token = await page.Locator("#queue tbody tr").Nth(4).Locator("input[type=checkbox]").GetAttributeAsync("value");
        var before = (await AuditAsync()).Count;

        var answer = await page.Context.APIRequest.PostAsync("/console/decide", new APIRequestContextOptions
        {
            Form = page.Context.APIRequest.CreateFormData()
                .Set("subject", token!).Set("action", "block").Set("scope", "subject").Set("reason", "other").Set("note", "forged").Set("expires_in_hours", "24"),
        });

        Assert.Equal(400, answer.Status);
        Assert.Contains("antiforgery", await answer.TextAsync());
        Assert.Equal(before, (await AuditAsync()).Count);
        using var decision = await fixture.Service.Client.PostAsJsonAsync("v1/decisions", new { account_id = subject.Split('/')[0] }, Ct);
        Assert.Equal("allow", JsonNode.Parse(await decision.Content.ReadAsStringAsync(Ct))!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignOut_SignedIn_EndsTheSession()
    {
        var page = await fixture.SignedInPageAsync();

        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync("**/console/sign-in");
        await page.GotoAsync("/console/queue");

        Assert.Contains("/console/sign-in", page.Url);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "distillguard_console");
        Assert.Contains(await AuditAsync(), e => e["action"]!.GetValue<string>() == "console.signed_out" && e["actor"]!.GetValue<string>() == "alice");
    }

    [Fact]
    public async Task Assets_VendoredLibraries_AreServedFromTheProcess()
    {
        Chromium.Require();
        using var client = new HttpClient { BaseAddress = fixture.Service.Address };
        foreach (var path in new[] { "console/lib/htmx/htmx.min.js", "console/lib/cytoscape/cytoscape.min.js", "console/lib/uplot/uPlot.iife.min.js", "console/lib/htmx/LICENSE" })
        {
            using var response = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var missing = await client.GetAsync("console/lib/htmx/../../../README.md", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static string TargetOf(string subject)
    {
        var slash = subject.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "account:" + subject : "end_user:" + subject;
    }

    private static Task<int> PaintedPixelsAsync(IPage page, string selector) => page.EvaluateAsync<int>(
        """
        (selector) => {
          let painted = 0;
          for (const canvas of document.querySelectorAll(selector)) {
            if (canvas.width === 0 || canvas.height === 0) continue;
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
          }
          return painted;
        }
        """,
        selector);

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleFixture.Screenshots, name + ".png"), FullPage = true });

    private async Task<List<JsonNode>> AuditAsync()
    {
        var entries = new List<JsonNode>();
        long after = 0;
        while (true)
        {
            var page = JsonNode.Parse(await fixture.Service.Client.GetStringAsync($"v1/audit?after={after}&limit=1000", Ct))!;
            entries.AddRange(page["entries"]!.AsArray().Select(e => e!));
            if (page["next"] is not { } next)
            {
                return entries;
            }

            after = next.GetValue<long>();
        }
    }
}
