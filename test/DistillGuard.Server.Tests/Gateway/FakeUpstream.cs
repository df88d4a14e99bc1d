using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Server.Tests.Gateway;

/// <summary>
/// An OpenAI-compatible upstream on 127.0.0.1: answers <c>POST /v1/chat/completions</c> with a chat completion, or a
/// stream of chunks whose second chunk, when the request carries <c>x-test-hold-stream</c>, waits for <see cref="ReleaseStream"/> (so a test can prove the first one
/// reached the client before the upstream finished). Keeps every request body and header set it received.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    public const string FirstChunk = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}\n\n";
    public const string RestOfStream =
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":777,\"total_tokens\":786}}\n\n"
        + "data: [DONE]\n\n";

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeUpstream(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<(string Body, IReadOnlyDictionary<string, string> Headers)> Received { get; } = new();

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeUpstream? self = null;
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            self!.Received.Enqueue((body, context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString())));
            var request = JsonNode.Parse(body, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 })!;
            if (request["stream"]?.GetValue<bool>() == true)
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync(FirstChunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                if (context.Request.Headers.ContainsKey("x-test-hold-stream"))
                {
                    await self._release.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
                }

                await context.Response.WriteAsync(RestOfStream, context.RequestAborted);
                return;
            }

            var completion = int.TryParse(context.Request.Headers["x-test-completion-tokens"], out var tokens) ? tokens : 50;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                $$$"""{"id":"chatcmpl-2","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":{{{completion}}},"total_tokens":{{{completion + 12}}}}}""",
                context.RequestAborted);
        });
        await app.StartAsync();
        self = new FakeUpstream(app, new Uri(app.Urls.First()));
        return self;
    }

    public void ReleaseStream() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
