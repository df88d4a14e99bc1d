using System.Net;
using System.Net.Http.Headers;

namespace DistillGuard.ServiceBench;

/// <summary>The bench's HTTP clients: one keep-alive connection pool each, no proxy, no cookies, no decompression.</summary>
public static class BenchHttp
{
    /// <summary>Makes a client for <paramref name="baseAddress"/>, authenticated with <paramref name="bearer"/> when given.</summary>
    public static HttpClient CreateClient(Uri baseAddress, string? bearer)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>Makes a POST of <paramref name="count"/> bytes of <paramref name="body"/> from <paramref name="offset"/>.</summary>
    public static HttpRequestMessage Post(string path, string mediaType, byte[] body, int offset, int count)
    {
        var content = new ByteArrayContent(body, offset, count);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
    }
}
