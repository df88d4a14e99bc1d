using System.Text.RegularExpressions;
using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DistillGuard.EndToEnd.Tests;

/// <summary><c>distillguard ingest</c> against a service in the test's process that answers 429, 503 and 413 as the real one can.</summary>
public sealed partial class IngestRetryTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private WebApplication? _service;
    private int _requests;

    private Uri Address => new(_service!.Urls.First() + "/");

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _service = builder.Build();

        // The first body is answered 429 (Retry-After: 1), then 503, then accepted; the second body at once.
        _service.MapPost("/flaky/v1/exchanges", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var lines = (await reader.ReadToEndAsync(context.RequestAborted)).Count(c => c == '\n');
            switch (Interlocked.Increment(ref _requests))
            {
                case 1:
                    context.Response.Headers.RetryAfter = "1";
                    return Results.StatusCode(StatusCodes.Status429TooManyRequests);
                case 2:
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                default:
                    return Results.Text($$"""{"accepted":{{lines}},"duplicates":0,"rejected":[]}""", "application/json");
            }
        });
        _service.MapPost("/small/v1/exchanges", () => Results.Text("""{"error":{"code":"too_large","message":"the body is larger than 1024 bytes"}}""", "application/json", statusCode: StatusCodes.Status413PayloadTooLarge));
        _service.MapPost("/busy/v1/exchanges", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await _service.StartAsync();
    }

    [Fact]
    public async Task Ingest_429ThenThe503_RetriesAndSumsTheAnswers()
    {
        await File.WriteAllLinesAsync(_folder.File("lines.jsonl"), Enumerable.Range(0, 100).Select(i => $$"""{"n":{{i}},"pad":"{{new string('x', 30)}}"}"""), TestContext.Current.CancellationToken);

        var run = await CliProcess.RunAsync("ingest", "--service", new Uri(Address, "flaky").ToString(), "--key", "k", "--chunk-bytes", "4096", _folder.File("lines.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var summary = Summary().Match(run.Out);
        Assert.True(summary.Success, run.Out);
        Assert.Equal("100", summary.Groups["accepted"].Value);
        Assert.Equal("2", summary.Groups["retries"].Value);
        Assert.True(int.Parse(summary.Groups["bodies"].Value) >= 2, run.Out);
    }

    [Fact]
    public async Task Ingest_413_ExitsTwoWithTheServiceMessage()
    {
        await File.WriteAllLinesAsync(_folder.File("lines.jsonl"), ["{}", "{}"], TestContext.Current.CancellationToken);

        var run = await CliProcess.RunAsync("ingest", "--service", new Uri(Address, "small").ToString(), "--key", "k", _folder.File("lines.jsonl"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("413 the body is larger than 1024 bytes", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_503BeyondTheRetries_ExitsThree()
    {
        await File.WriteAllLinesAsync(_folder.File("lines.jsonl"), ["{}"], TestContext.Current.CancellationToken);

        var run = await CliProcess.RunAsync("ingest", "--service", new Uri(Address, "busy").ToString(), "--key", "k", "--retries", "1", _folder.File("lines.jsonl"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("503", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--chunk-bytes", "10")]
    [InlineData("--service", "127.0.0.1:5080")]
    public async Task Ingest_BadOption_ExitsTwoWithOneLine(string option, string value)
    {
        string[] arguments = option == "--service"
            ? ["ingest", "--service", value, "--key", "k", "x.jsonl"]
            : ["ingest", "--service", "http://127.0.0.1:9/", "--key", "k", option, value, "x.jsonl"];

        var run = await CliProcess.RunAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.StopAsync();
            await _service.DisposeAsync();
        }

        _folder.Dispose();
    }

    [GeneratedRegex(@"ingest: [\d,]+ lines in (?<bodies>\d+) bodies to \S+: (?<accepted>[\d,]+) accepted, [\d,]+ rejected, [\d,]+ duplicates, (?<retries>\d+) retries")]
    private static partial Regex Summary();
}
