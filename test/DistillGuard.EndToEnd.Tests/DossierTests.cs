using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;
using DistillGuard.Server.Tests.Dossier;
using UglyToad.PdfPig;

namespace DistillGuard.EndToEnd.Tests;

/// <summary><c>distillguard dossier</c> against a running <c>serve</c>, as a process.</summary>
public sealed partial class DossierTests(SimulatedTraffic traffic) : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dossier_PdfHtmlAndStandardOutput_WriteWhatTheServiceAnswers()
    {
        TestChromium.RequirePath();
        using var service = await ServiceProcess.StartAsync(_folder.File("dg.db"), "serve");
        var (campaign, members) = await LoadAsync(service);
        var key = new Dictionary<string, string?> { ["DISTILLGUARD_API_KEY"] = ServiceProcess.AdminKey };

        var pdf = await CliProcess.RunAsync(["dossier", "--campaign", campaign, "--service", service.Address.ToString(), "--out", _folder.File("d.pdf")], null, key);
        var html = await CliProcess.RunAsync("dossier", "--campaign", campaign, "--service", service.Address.ToString(), "--key", ServiceProcess.AdminKey, "--out", _folder.File("d.html"));
        var stdout = await CliProcess.RunAsync("dossier", "--campaign", campaign, "--service", service.Address.ToString(), "--key", ServiceProcess.AdminKey, "--out", "-", "--format", "html");

        Assert.True(pdf.ExitCode == 0, pdf.ToString());
        var hash = Summary().Match(pdf.Out);
        Assert.True(hash.Success, pdf.Out);
        Assert.Equal("pdf", hash.Groups["kind"].Value);
        using (var document = PdfDocument.Open(_folder.File("d.pdf")))
        {
            Assert.Equal($"DistillGuard evidence dossier: campaign {campaign}", document.Information.Title);
            var pages = document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
            Assert.All(pages, p => Assert.Contains(hash.Groups["hash"].Value, p, StringComparison.Ordinal));
            Assert.Contains($"page {pages.Count} of {pages.Count}", pages[^1], StringComparison.Ordinal);
            Assert.All(members, m => Assert.Contains(m, string.Join("\n", pages), StringComparison.Ordinal));
        }

        Assert.True(html.ExitCode == 0, html.ToString());
        Assert.Equal("html", Summary().Match(html.Out).Groups["kind"].Value);
        var page = await File.ReadAllTextAsync(_folder.File("d.html"), Ct);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains(hash.Groups["hash"].Value, page, StringComparison.Ordinal);
        Assert.True(stdout.ExitCode == 0, stdout.ToString());
        Assert.Equal(page, stdout.Out);
        Assert.Matches(Summary(), stdout.Error);
        Assert.Equal(0, await service.StopAsync());
    }

    [Fact]
    public async Task Dossier_BadUsage_ExitsTwoAndWritesNothing()
    {
        using var service = await ServiceProcess.StartAsync(_folder.File("dg.db"), "serve");
        var (campaign, _) = await LoadAsync(service);
        var url = service.Address.ToString();
        Directory.CreateDirectory(_folder.File("folder"));

        var unknown = await CliProcess.RunAsync("dossier", "--campaign", "cmp_9999", "--service", url, "--key", ServiceProcess.AdminKey, "--out", _folder.File("x.html"));
        var folder = await CliProcess.RunAsync("dossier", "--campaign", campaign, "--service", url, "--key", ServiceProcess.AdminKey, "--out", _folder.File("folder"));
        var device = await CliProcess.RunAsync("dossier", "--campaign", campaign, "--service", url, "--key", ServiceProcess.AdminKey, "--out", "/dev/null");
        var noKey = await CliProcess.RunAsync("dossier", "--campaign", campaign, "--service", url, "--out", _folder.File("y.html"));
        var format = await CliProcess.RunAsync("dossier", "--campaign", campaign, "--service", url, "--key", ServiceProcess.AdminKey, "--out", _folder.File("z.doc"), "--format", "doc");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("404", Assert.Single(unknown.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("campaign cmp_9999 does not exist", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("is a directory", Assert.Single(folder.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, device.ExitCode);
        Assert.Contains("is not a regular file", Assert.Single(device.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("DISTILLGUARD_API_KEY", Assert.Single(noKey.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, format.ExitCode);
        Assert.All(["x.html", "y.html", "z.doc"], name => Assert.False(File.Exists(_folder.File(name)), name));
        Assert.Empty(Directory.GetFileSystemEntries(_folder.File("folder")));
        Assert.Equal(0, await service.StopAsync());
    }

    [Fact]
    public async Task Dossier_PdfWithoutChromium_ExitsThreeWithTheServiceMessageAndHtmlStillWorks()
    {
        var settings = _folder.File("settings.json");
        await File.WriteAllTextAsync(settings, new JsonObject { ["DistillGuard"] = new JsonObject { ["Dossier"] = new JsonObject { ["ChromiumPath"] = "/nonexistent/chromium" } } }.ToJsonString(), Ct);
        using var service = await ServiceProcess.StartAsync(_folder.File("dg.db"), "serve", "--settings", settings);
        var (campaign, _) = await LoadAsync(service);

        var pdf = await CliProcess.RunAsync("dossier", "--campaign", campaign, "--service", service.Address.ToString(), "--key", ServiceProcess.AdminKey, "--out", _folder.File("d.pdf"));
        var html = await CliProcess.RunAsync("dossier", "--campaign", campaign, "--service", service.Address.ToString(), "--key", ServiceProcess.AdminKey, "--out", _folder.File("d.html"));

        Assert.Equal(3, pdf.ExitCode);
        var line = Assert.Single(pdf.ErrorLines);
        Assert.Contains("503", line, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/chromium", line, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("d.pdf")));
        Assert.True(html.ExitCode == 0, html.ToString());
        Assert.True(File.Exists(_folder.File("d.html")));
        Assert.Equal(0, await service.StopAsync());
    }

    public void Dispose() => _folder.Dispose();

    private async Task<(string Campaign, IReadOnlyList<string> Members)> LoadAsync(ServiceProcess service)
    {
        foreach (var chunk in traffic.Lines.Chunk(5000))
        {
            await ServiceApi.PostExchangesAsync(service.Client, chunk);
        }

        var campaigns = JsonNode.Parse(await service.Client.GetStringAsync("v1/campaigns", Ct))!["campaigns"]!.AsArray();
        Assert.NotEmpty(campaigns);
        var campaign = campaigns.OrderByDescending(c => c!["subjects"]!.AsArray().Count).First()!;
        return (campaign["id"]!.GetValue<string>(), [.. campaign["subjects"]!.AsArray().Select(s => s!["account_id"]!.GetValue<string>())]);
    }

    [GeneratedRegex(@"dossier: campaign \S+ \((?<kind>pdf|html), [\d,]+ bytes, content hash (?<hash>[0-9a-f]{64})\) to ")]
    private static partial Regex Summary();
}
