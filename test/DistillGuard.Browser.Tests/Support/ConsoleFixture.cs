using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace DistillGuard.Browser.Tests.Support;

/// <summary>
/// One <c>distillguard serve</c> process on 127.0.0.1 with simulated traffic ingested (one distillation account
/// renamed to an id holding a <c>&lt;script&gt;</c> tag, its prompts too), an analyst and an ingest key, and one headless
/// Chromium, shared by the browser tests. Each test works on subjects of its own.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>The account id that carries markup into the pages.</summary>
    public const string ScriptAccount = "acct_<script>window.dgPwned=1</script>";

    private readonly TempFolder _folder = new();
    private IPlaywright? _playwright;

    /// <summary>Gets the service.</summary>
    public ServiceProcess Service { get; private set; } = null!;

    /// <summary>Gets the browser, or null when Chromium is missing.</summary>
    public IBrowser? Browser { get; private set; }

    /// <summary>Gets the analyst key (named <c>alice</c>).</summary>
    public string AnalystKey { get; private set; } = "";

    /// <summary>Gets the ingest key.</summary>
    public string IngestKey { get; private set; } = "";

    /// <summary>Gets where screenshots go: <c>artifacts/screenshots</c> at the repository's root.</summary>
    public static string Screenshots { get; } = System.IO.Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async ValueTask InitializeAsync()
    {
        var run = await CliProcess.RunAsync("simulate", "--out", _folder.Path, "--seed", "11", "--scale", "0.02");
        Assert.True(run.ExitCode == 0, run.ToString());
        var distiller = File.ReadLines(_folder.File("labels.jsonl"))
            .Select(l => JsonNode.Parse(l)!)
            .First(l => (string?)l["label"] == "distillation")["account_id"]!.GetValue<string>();
        var lines = File.ReadLines(_folder.File("traffic.jsonl")).Select(line => line.Contains($"\"account_id\":\"{distiller}\"", StringComparison.Ordinal)
            ? line.Replace($"\"account_id\":\"{distiller}\"", $"\"account_id\":\"{ScriptAccount}\"", StringComparison.Ordinal)
                .Replace("\"content\":\"", "\"content\":\"<script>window.dgPwned=2</script> ", StringComparison.Ordinal)
            : line).ToList();

        Service = await ServiceProcess.StartAsync(_folder.File("console.db"), "serve");
        for (var i = 0; i < lines.Count; i += 5000)
        {
            var answer = await ServiceApi.PostExchangesAsync(Service.Client, lines.Skip(i).Take(5000));
            Assert.True(answer["rejected"]!.AsArray().Count == 0, answer.ToJsonString());
        }

        AnalystKey = await CreateKeyAsync("alice", "analyst");
        IngestKey = await CreateKeyAsync("ingester", "ingest");
        Directory.CreateDirectory(Screenshots);
        if (Chromium.Installed)
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.Path, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        }
    }

    /// <summary>Opens a new browser context (cookies of its own) and a page in it.</summary>
    public async Task<IPage> NewPageAsync()
    {
        Chromium.Require();
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Service.Address.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            TimezoneId = "UTC",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Opens a page and signs in with the analyst key.</summary>
    public async Task<IPage> SignedInPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await page.FillAsync("#api_key", AnalystKey);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForURLAsync("**/console/queue");
        return page;
    }

    /// <summary>A client with a key of its own.</summary>
    public HttpClient ClientWith(string key)
    {
        var client = new HttpClient { BaseAddress = Service.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Service is not null)
        {
            await Service.StopAsync();
            Service.Dispose();
        }

        _folder.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DistillGuard.slnx")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    private async Task<string> CreateKeyAsync(string name, string role)
    {
        using var response = await Service.Client.PostAsJsonAsync("v1/keys", new { name, role }, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["key"]!.GetValue<string>();
    }
}
