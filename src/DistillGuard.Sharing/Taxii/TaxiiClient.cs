using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Taxii;

/// <summary>
/// A TAXII 2.1 client (OASIS TAXII 2.1, §4–§5) of one API root: discovery, the API root, its collections, pages of a
/// collection's objects (<c>added_after</c>, <c>limit</c>, <c>next</c>), and adding objects (an envelope answered 202
/// with a status resource, polled until complete).
/// </summary>
/// <remarks>
/// <para>
/// Every request sends <c>Accept: application/taxii+json;version=2.1</c> and the configured Basic or Bearer
/// credentials; a failed request throws a <see cref="TaxiiException"/> whose message carries the server's TAXII error
/// message. The <see cref="HttpClient"/> is the caller's (for example from <c>IHttpClientFactory</c>) and is not disposed.
/// </para>
/// <para>
/// Pulls are resumable: each page returns the <see cref="TaxiiPullCursor"/> to store, the <c>date_added</c> of its last
/// object (which a TAXII server hands out strictly increasing) and the server's <c>next</c>. A server that no longer
/// knows a stored <c>next</c> (400) is asked again by <c>added_after</c> alone, which loses nothing.
/// </para>
/// </remarks>
public sealed class TaxiiClient
{
    /// <summary>The media type of TAXII 2.1 requests and responses.</summary>
    public const string TaxiiMediaType = "application/taxii+json;version=2.1";

    /// <summary>The media type of STIX 2.1 content.</summary>
    public const string StixMediaType = "application/stix+json;version=2.1";

    private const string DateAddedFirstHeader = "X-TAXII-Date-Added-First";
    private const string DateAddedLastHeader = "X-TAXII-Date-Added-Last";

    private readonly HttpClient _http;
    private readonly TaxiiClientOptions _options;
    private readonly Uri _apiRoot;
    private readonly TimeProvider _timeProvider;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>Initializes a new instance of the <see cref="TaxiiClient"/> class.</summary>
    /// <param name="http">The HTTP client; not disposed here.</param>
    /// <param name="options">The API root and credentials; validated here.</param>
    /// <param name="timeProvider">Paces the polling of a pending status.</param>
    public TaxiiClient(HttpClient http, TaxiiClientOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _http = http;
        _options = options;
        _timeProvider = timeProvider;
        var root = options.ApiRoot!.ToString();
        _apiRoot = new Uri(root.EndsWith('/') ? root : root + "/");
        _authorization = options.Token is { } token
            ? new AuthenticationHeaderValue("Bearer", token)
            : options.Username is { } user
                ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.Password}")))
                : null;
    }

    /// <summary>Gets the API root this client talks to (with a final slash).</summary>
    public Uri ApiRoot => _apiRoot;

    /// <summary>Gets a server's discovery resource.</summary>
    /// <param name="discovery">The discovery URL, for example <c>https://peer.example/taxii2/</c>.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The discovery resource.</returns>
    public async Task<TaxiiDiscovery> GetDiscoveryAsync(Uri discovery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        using var response = await SendAsync(HttpMethod.Get, discovery, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, TaxiiClientJsonContext.Default.TaxiiDiscovery, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the API root resource.</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The API root.</returns>
    public async Task<TaxiiApiRootInfo> GetApiRootAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, _apiRoot, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, TaxiiClientJsonContext.Default.TaxiiApiRootInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the collections of the API root this client may see.</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The collections.</returns>
    public async Task<IReadOnlyList<TaxiiCollectionInfo>> GetCollectionsAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, new Uri(_apiRoot, "collections/"), null, cancellationToken).ConfigureAwait(false);
        var collections = await ReadAsync(response, TaxiiClientJsonContext.Default.TaxiiCollections, cancellationToken).ConfigureAwait(false);
        return collections.Collections ?? [];
    }

    /// <summary>Gets one page of a collection's objects, from a cursor.</summary>
    /// <param name="collectionId">The collection.</param>
    /// <param name="cursor">Where to start; <see cref="TaxiiPullCursor.Start"/> for the beginning.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The page, with the cursor to store after it.</returns>
    public async Task<TaxiiObjectPage> GetObjectsAsync(string collectionId, TaxiiPullCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collectionId);
        ArgumentNullException.ThrowIfNull(cursor);
        try
        {
            return await GetPageAsync(collectionId, cursor, cancellationToken).ConfigureAwait(false);
        }
        catch (TaxiiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && cursor.Next is not null)
        {
            // The server forgot (or never knew) the listing; added_after alone resumes at the same place.
            return await GetPageAsync(collectionId, cursor with { Next = null }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gets every object added to a collection after a cursor, page by page.</summary>
    /// <param name="collectionId">The collection.</param>
    /// <param name="cursor">Where to start.</param>
    /// <param name="cancellationToken">Stops the pull; store the last page's cursor to resume.</param>
    /// <returns>The pages, each with the cursor to store after it.</returns>
    public async IAsyncEnumerable<TaxiiObjectPage> GetAllObjectsAsync(string collectionId, TaxiiPullCursor cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        while (true)
        {
            var page = await GetObjectsAsync(collectionId, cursor, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (!page.More || page.Objects.Count == 0)
            {
                yield break;
            }

            cursor = page.Cursor;
        }
    }

    /// <summary>Adds STIX objects to a collection and waits until the server has processed them.</summary>
    /// <param name="collectionId">The collection.</param>
    /// <param name="objects">The objects.</param>
    /// <param name="cancellationToken">Stops the request or the polling.</param>
    /// <returns>The final status (<c>complete</c>), with the failures the server reported.</returns>
    public Task<TaxiiStatus> AddObjectsAsync(string collectionId, IEnumerable<StixObject> objects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return AddRawObjectsAsync(collectionId, objects.Select(o => StixSerializer.Serialize(o)), cancellationToken);
    }

    /// <summary>Adds STIX objects, given as JSON text, to a collection and waits until the server has processed them.</summary>
    /// <param name="collectionId">The collection.</param>
    /// <param name="objectsJson">Each object's JSON text.</param>
    /// <param name="cancellationToken">Stops the request or the polling.</param>
    /// <returns>The final status.</returns>
    public async Task<TaxiiStatus> AddRawObjectsAsync(string collectionId, IEnumerable<string> objectsJson, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collectionId);
        ArgumentNullException.ThrowIfNull(objectsJson);
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("objects");
            foreach (var json in objectsJson)
            {
                writer.WriteRawValue(json);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMediaType);
        using var response = await SendAsync(HttpMethod.Post, ObjectsUri(collectionId), content, cancellationToken).ConfigureAwait(false);
        var status = await ReadAsync(response, TaxiiClientJsonContext.Default.TaxiiStatus, cancellationToken).ConfigureAwait(false);
        return await WaitForStatusAsync(status, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets a status resource.</summary>
    /// <param name="statusId">The status id.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The status.</returns>
    public async Task<TaxiiStatus> GetStatusAsync(string statusId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(statusId);
        using var response = await SendAsync(HttpMethod.Get, new Uri(_apiRoot, $"status/{Uri.EscapeDataString(statusId)}/"), null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, TaxiiClientJsonContext.Default.TaxiiStatus, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TaxiiStatus> WaitForStatusAsync(TaxiiStatus status, CancellationToken cancellationToken)
    {
        for (var attempt = 0; status.Status != TaxiiStatus.Complete; attempt++)
        {
            if (attempt >= _options.StatusPollAttempts)
            {
                throw new TaxiiException($"the TAXII server at {_apiRoot} still reports status {status.Id} as '{status.Status}' ({status.PendingCount} pending) after {attempt} reads");
            }

            await Task.Delay(_options.StatusPollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
            status = await GetStatusAsync(status.Id, cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    private async Task<TaxiiObjectPage> GetPageAsync(string collectionId, TaxiiPullCursor cursor, CancellationToken cancellationToken)
    {
        var query = new StringBuilder("?limit=").Append(_options.PageSize.ToString(CultureInfo.InvariantCulture));
        if (cursor.AddedAfter is { } after)
        {
            query.Append("&added_after=").Append(Uri.EscapeDataString(FormatDateAdded(after)));
        }

        if (cursor.Next is { } next)
        {
            query.Append("&next=").Append(Uri.EscapeDataString(next));
        }

        using var response = await SendAsync(HttpMethod.Get, new Uri(ObjectsUri(collectionId) + query.ToString()), null, cancellationToken).ConfigureAwait(false);
        var envelope = await ReadAsync(response, TaxiiClientJsonContext.Default.TaxiiEnvelope, cancellationToken).ConfigureAwait(false);
        var objects = envelope.Objects ?? [];
        var first = Header(response, DateAddedFirstHeader);
        var last = Header(response, DateAddedLastHeader);
        if (objects.Count > 0 && last is null)
        {
            throw new TaxiiException($"the TAXII server at {_apiRoot} sent objects without an {DateAddedLastHeader} header; the pull cannot resume by added_after");
        }

        var more = envelope.More && objects.Count > 0;
        return new TaxiiObjectPage
        {
            Objects = objects,
            More = more,
            Next = envelope.Next,
            DateAddedFirst = first,
            DateAddedLast = last,
            Cursor = new TaxiiPullCursor(last ?? cursor.AddedAfter, more ? envelope.Next : null),
        };
    }

    private Uri ObjectsUri(string collectionId) => new(_apiRoot, $"collections/{Uri.EscapeDataString(collectionId)}/objects/");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(TaxiiMediaType));
        request.Headers.Authorization = _authorization;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new TaxiiException($"{method} {uri}: the TAXII server could not be reached: {ex.Message}", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await TryReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            var detail = error is null
                ? string.Empty
                : $": {error.Title}{(string.IsNullOrEmpty(error.Description) ? string.Empty : " - " + error.Description)}{(error.ErrorCode is null ? string.Empty : $" ({error.ErrorCode})")}";
            throw new TaxiiException(
                string.Create(CultureInfo.InvariantCulture, $"{method} {uri}: the TAXII server answered {(int)response.StatusCode} {response.ReasonPhrase}{detail}"),
                response.StatusCode,
                error);
        }
    }

    private static async Task<TaxiiError?> TryReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, TaxiiClientJsonContext.Default.TaxiiError);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var media = response.Content.Headers.ContentType?.MediaType;
        if (media is not null && !media.Equals("application/taxii+json", StringComparison.OrdinalIgnoreCase))
        {
            throw new TaxiiException($"the TAXII server at {_apiRoot} answered with {media}, not {TaxiiMediaType}");
        }

        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(bytes, type) ?? throw new TaxiiException($"the TAXII server at {_apiRoot} answered with an empty resource");
        }
        catch (JsonException ex)
        {
            throw new TaxiiException($"the TAXII server at {_apiRoot} answered with a resource that is not valid: {ex.Message}", ex);
        }
    }

    private static DateTimeOffset? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && StixTimestamp.TryParse(values.FirstOrDefault(), out var value) ? value : null;

    /// <summary>Writes a <c>date_added</c> with microseconds, the precision TAXII servers page by.</summary>
    private static string FormatDateAdded(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
