using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DistillGuard.ServiceBench;

/// <summary>
/// A stand-in for an OpenAI-compatible API: Kestrel on 127.0.0.1 answering <c>POST /v1/chat/completions</c> at once
/// with a fixed small <c>chat.completion</c> (with usage). It reads each request body to the end and counts the
/// bodies that differ from the one the bench sends, so a rewrite by the gateway would show.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private static readonly byte[] Completion =
        """{"id":"chatcmpl-bench","object":"chat.completion","created":1793577600,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello."},"finish_reason":"stop"}],"usage":{"prompt_tokens":14,"completion_tokens":2,"total_tokens":16}}"""u8.ToArray();

    private readonly WebApplication _app;
    private long _requests;
    private long _changed;

    private FakeUpstream(WebApplication app) => _app = app;

    /// <summary>Gets the address it listens on.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets how many completions it answered.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Gets how many request bodies differed from <see cref="ExpectedBody"/>.</summary>
    public long Changed => Interlocked.Read(ref _changed);

    /// <summary>Gets the request body the bench sends.</summary>
    public static byte[] ExpectedBody { get; } =
        """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello in one word."}],"max_tokens":16}"""u8.ToArray();

    /// <summary>Starts the upstream.</summary>
    public static async Task<FakeUpstream> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new FakeUpstream(app);
        app.MapPost("/v1/chat/completions", upstream.CompleteAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        upstream.BaseAddress = new Uri(app.Urls.First());
        return upstream;
    }

    /// <summary>Stops the upstream.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task CompleteAsync(HttpContext context)
    {
        using var body = new MemoryStream(ExpectedBody.Length);
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        Interlocked.Increment(ref _requests);
        if (!body.GetBuffer().AsSpan(0, (int)body.Length).SequenceEqual(ExpectedBody))
        {
            Interlocked.Increment(ref _changed);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Completion.Length;
        await context.Response.Body.WriteAsync(Completion, context.RequestAborted).ConfigureAwait(false);
    }
}
