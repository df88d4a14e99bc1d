using DistillGuard.Sharing.Stix;
using System.Globalization;
using System.Text.Json;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Api;
using DistillGuard.Server.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillGuard.Server.Taxii;

/// <summary>
/// A collection's objects (GET a page, POST an envelope), one object (GET, DELETE), its versions, and the manifest.
/// Pages are in <c>date_added</c> order and carry <c>X-TAXII-Date-Added-First</c>/<c>-Last</c>; objects above the
/// peer's TLP level are invisible to it. Every object received or served is in the audit log, with the peer as actor.
/// </summary>
internal static class TaxiiObjectEndpoints
{
    public const string DateAddedFirstHeader = "X-TAXII-Date-Added-First";
    public const string DateAddedLastHeader = "X-TAXII-Date-Added-Last";

    /// <summary>The most versions one DELETE removes.</summary>
    private const int MaxDeletedVersions = 10_000;

    public static void Map(IEndpointRouteBuilder taxii)
    {
        taxii.MapGet("/{apiRoot}/collections/{collectionId}/objects/", GetObjectsAsync);
        taxii.MapPost("/{apiRoot}/collections/{collectionId}/objects/", AddObjectsAsync);
        taxii.MapGet("/{apiRoot}/collections/{collectionId}/objects/{objectId}/", GetObjectAsync);
        taxii.MapDelete("/{apiRoot}/collections/{collectionId}/objects/{objectId}/", DeleteObjectAsync);
        taxii.MapGet("/{apiRoot}/collections/{collectionId}/objects/{objectId}/versions/", GetVersionsAsync);
        taxii.MapGet("/{apiRoot}/collections/{collectionId}/manifest/", GetManifestAsync);
    }

    private static Task<IResult> GetObjectsAsync(string apiRoot, string collectionId, HttpContext context, TaxiiDirectory directory, ITaxiiStore store, AuditTrail audit) =>
        ServeObjectsAsync(apiRoot, collectionId, objectId: null, context, directory, store, audit);

    private static Task<IResult> GetObjectAsync(string apiRoot, string collectionId, string objectId, HttpContext context, TaxiiDirectory directory, ITaxiiStore store, AuditTrail audit) =>
        ServeObjectsAsync(apiRoot, collectionId, objectId, context, directory, store, audit);

    private static async Task<IResult> ServeObjectsAsync(
        string apiRoot,
        string collectionId,
        string? objectId,
        HttpContext context,
        TaxiiDirectory directory,
        ITaxiiStore store,
        AuditTrail audit)
    {
        var (access, error) = ReadAccess(apiRoot, collectionId, context, directory, "last");
        if (access is null)
        {
            return error!;
        }

        var rows = await store.QueryTaxiiObjectsAsync(access.Page.ToQuery(access.Collection.Id, access.Peer, includeJson: true, objectId), context.RequestAborted).ConfigureAwait(false);
        if (objectId is not null && rows.Count == 0 && !await ExistsAsync(store, access, objectId, context.RequestAborted).ConfigureAwait(false))
        {
            return ObjectNotFound(apiRoot, collectionId, objectId);
        }

        var (page, more, next) = Paginate(rows, access.Page.Limit, context.Response);
        foreach (var row in page)
        {
            audit.Enqueue(access.Peer.Name, "taxii.object.served", "stix:" + row.ObjectId, Detail(apiRoot, row));
        }

        return TaxiiResults.Json(
            new TaxiiObjectsPageDto<TaxiiRawJson> { More = more, Next = next, Objects = page.Count == 0 ? null : page.Select(r => new TaxiiRawJson(r.Json!)).ToList() },
            TaxiiJsonContext.Default.TaxiiEnvelopeDto);
    }

    private static async Task<IResult> GetVersionsAsync(string apiRoot, string collectionId, string objectId, HttpContext context, TaxiiDirectory directory, ITaxiiStore store)
    {
        var (access, error) = ReadAccess(apiRoot, collectionId, context, directory, "all");
        if (access is null)
        {
            return error!;
        }

        // The versions endpoint lists every version; match[version] does not apply to it.
        var request = access.Page with { AllVersions = true, FirstVersion = false, LastVersion = false, Versions = [] };
        var rows = await store.QueryTaxiiObjectsAsync(request.ToQuery(access.Collection.Id, access.Peer, includeJson: false, objectId), context.RequestAborted).ConfigureAwait(false);
        if (rows.Count == 0 && !await ExistsAsync(store, access, objectId, context.RequestAborted).ConfigureAwait(false))
        {
            return ObjectNotFound(apiRoot, collectionId, objectId);
        }

        var (page, more, next) = Paginate(rows, request.Limit, context.Response);
        return TaxiiResults.Json(
            new TaxiiVersionsDto { More = more, Next = next, Versions = page.Count == 0 ? null : page.Select(VersionOf).ToList() },
            TaxiiJsonContext.Default.TaxiiVersionsDto);
    }

    private static async Task<IResult> GetManifestAsync(string apiRoot, string collectionId, HttpContext context, TaxiiDirectory directory, ITaxiiStore store)
    {
        var (access, error) = ReadAccess(apiRoot, collectionId, context, directory, "last");
        if (access is null)
        {
            return error!;
        }

        var rows = await store.QueryTaxiiObjectsAsync(access.Page.ToQuery(access.Collection.Id, access.Peer, includeJson: false), context.RequestAborted).ConfigureAwait(false);
        var (page, more, next) = Paginate(rows, access.Page.Limit, context.Response);
        var records = page.Select(r => new TaxiiManifestRecordDto
        {
            Id = r.ObjectId,
            DateAdded = TaxiiTimestamps.Format(r.DateAdded),
            Version = VersionOf(r),
            MediaType = TaxiiMediaTypes.Stix,
        }).ToList();
        return TaxiiResults.Json(
            new TaxiiObjectsPageDto<TaxiiManifestRecordDto> { More = more, Next = next, Objects = records.Count == 0 ? null : records },
            TaxiiJsonContext.Default.TaxiiManifestDto);
    }

    private static async Task<IResult> DeleteObjectAsync(
        string apiRoot,
        string collectionId,
        string objectId,
        HttpContext context,
        TaxiiDirectory directory,
        ITaxiiStore store,
        AuditTrail audit)
    {
        var peer = TaxiiEndpoints.PeerOf(context, directory);
        if (TaxiiEndpoints.FindCollection(peer, directory, apiRoot, collectionId) is not { } found)
        {
            return TaxiiEndpoints.CollectionNotFound(apiRoot, collectionId);
        }

        if (!found.Grant.CanRead || !found.Grant.CanWrite)
        {
            return TaxiiResults.Forbidden($"Deleting objects from the collection '{found.Collection.Id}' needs can_read and can_write.");
        }

        if (TaxiiPageRequest.TryParse(context.Request.Query, "all", directory.Options.MaxPageSize, out var request) is { } problem)
        {
            return TaxiiResults.BadRequest(problem);
        }

        // Only versions the peer may see can be deleted; the page parameters do not apply.
        var query = request.ToQuery(found.Collection.Id, peer, includeJson: false, objectId) with { AddedAfter = null, Limit = MaxDeletedVersions };
        var rows = await store.QueryTaxiiObjectsAsync(query, context.RequestAborted).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return ObjectNotFound(apiRoot, collectionId, objectId);
        }

        await store.DeleteTaxiiObjectVersionsAsync(found.Collection.Id, objectId, rows.Select(r => r.Version).ToList(), CancellationToken.None).ConfigureAwait(false);
        foreach (var row in rows)
        {
            audit.Enqueue(peer.Name, "taxii.object.deleted", "stix:" + row.ObjectId, Detail(apiRoot, row));
        }

        return TaxiiResults.Empty();
    }

    private static async Task<IResult> AddObjectsAsync(
        string apiRoot,
        string collectionId,
        HttpContext context,
        TaxiiDirectory directory,
        ITaxiiStore store,
        AuditTrail audit,
        ApiJson json,
        TimeProvider time)
    {
        var peer = TaxiiEndpoints.PeerOf(context, directory);
        if (TaxiiEndpoints.FindCollection(peer, directory, apiRoot, collectionId) is not { } found)
        {
            return TaxiiEndpoints.CollectionNotFound(apiRoot, collectionId);
        }

        if (!found.Grant.CanWrite)
        {
            return TaxiiResults.Forbidden($"The collection '{found.Collection.Id}' is not writable (can_write is false).");
        }

        if (!TaxiiMediaTypes.IsTaxiiContent(context.Request))
        {
            return TaxiiResults.UnsupportedMediaType();
        }

        var limit = found.Collection.ApiRoot.MaxContentLength;
        var body = await ReadBodyAsync(context.Request, limit, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return TaxiiResults.TooLarge(limit);
        }

        if (!System.Text.Unicode.Utf8.IsValid(body.Value.Span))
        {
            return TaxiiResults.BadRequest("The body is not valid UTF-8.");
        }

        IReadOnlyList<TaxiiSubmittedObject> items;
        try
        {
            using var document = json.ParseStrict(body.Value);
            items = TaxiiEnvelopeReader.Read(document.RootElement, directory.Options.UnmarkedTlp);
        }
        catch (JsonException ex)
        {
            return TaxiiResults.BadRequest("The body is not valid JSON: " + ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return TaxiiResults.Unprocessable("The body is not a valid TAXII envelope: " + ex.Message + ".");
        }

        var received = time.GetUtcNow();
        var records = items.Where(i => i.Record is not null).Select(i => i.Record!).ToList();
        var outcomes = await store.AddTaxiiObjectsAsync(found.Collection.Id, records, received, CancellationToken.None).ConfigureAwait(false);
        var successes = new List<TaxiiStatusDetailRecord>(outcomes.Count);
        var failures = new List<TaxiiStatusDetailRecord>();
        var next = 0;
        foreach (var item in items)
        {
            if (item.Record is null)
            {
                failures.Add(new TaxiiStatusDetailRecord { ObjectId = item.Id, Version = item.Version, Message = item.Problem });
                audit.Enqueue(peer.Name, "taxii.object.refused", "stix:" + item.Id, new Dictionary<string, string?>
                {
                    ["api_root"] = apiRoot,
                    ["collection"] = found.Collection.Id,
                    ["version"] = item.Version,
                    ["reason"] = item.Problem,
                });
                continue;
            }

            var outcome = outcomes[next++];
            successes.Add(new TaxiiStatusDetailRecord
            {
                ObjectId = item.Id,
                Version = VersionOf(outcome.Stored),
                Message = outcome.Added ? null : "This version was already in the collection.",
            });
            var detail = Detail(apiRoot, outcome.Stored);
            detail["outcome"] = outcome.Added ? "added" : "duplicate";
            audit.Enqueue(peer.Name, "taxii.object.received", "stix:" + item.Id, detail);
        }

        var status = new TaxiiStatusRecord
        {
            Id = Guid.CreateVersion7(received).ToString("D"),
            ApiRoot = apiRoot,
            Owner = peer.Name,
            RequestTimestamp = received,
            Successes = successes,
            Failures = failures,
        };
        await store.SaveTaxiiStatusAsync(status, CancellationToken.None).ConfigureAwait(false);
        return TaxiiResults.Json(TaxiiEndpoints.ToDto(status), TaxiiJsonContext.Default.TaxiiStatusDto, StatusCodes.Status202Accepted);
    }

    /// <summary>Checks access for a read and parses the page; returns the access, or the error to answer with.</summary>
    private static (TaxiiReadAccess? Access, IResult? Error) ReadAccess(string apiRoot, string collectionId, HttpContext context, TaxiiDirectory directory, string defaultVersion)
    {
        var peer = TaxiiEndpoints.PeerOf(context, directory);
        if (TaxiiEndpoints.FindCollection(peer, directory, apiRoot, collectionId) is not { } found)
        {
            return (null, TaxiiEndpoints.CollectionNotFound(apiRoot, collectionId));
        }

        if (!found.Grant.CanRead)
        {
            return (null, TaxiiResults.Forbidden($"The collection '{found.Collection.Id}' is not readable (can_read is false)."));
        }

        if (TaxiiPageRequest.TryParse(context.Request.Query, defaultVersion, directory.Options.MaxPageSize, out var page) is { } problem)
        {
            return (null, TaxiiResults.BadRequest(problem));
        }

        return (new TaxiiReadAccess(peer, found.Collection, page), null);
    }

    private static async Task<bool> ExistsAsync(ITaxiiStore store, TaxiiReadAccess access, string objectId, CancellationToken cancellationToken)
    {
        var any = new TaxiiObjectQueryRecord
        {
            CollectionId = access.Collection.Id,
            MaxTlp = (int)access.Peer.MaxTlp,
            ObjectIds = [objectId],
            AllVersions = true,
            Limit = 1,
        };
        return (await store.QueryTaxiiObjectsAsync(any, cancellationToken).ConfigureAwait(false)).Count > 0;
    }

    /// <summary>Cuts the extra item off a page, writes the date_added headers, and makes the <c>next</c> cursor.</summary>
    private static (IReadOnlyList<TaxiiObjectRecord> Page, bool More, string? Next) Paginate(IReadOnlyList<TaxiiObjectRecord> rows, int limit, HttpResponse response)
    {
        var more = rows.Count > limit;
        var page = more ? rows.Take(limit).ToList() : rows;
        if (page.Count > 0)
        {
            response.Headers[DateAddedFirstHeader] = TaxiiTimestamps.Format(page[0].DateAdded);
            response.Headers[DateAddedLastHeader] = TaxiiTimestamps.Format(page[^1].DateAdded);
        }

        return (page, more, more ? TaxiiCursor.Encode(page[^1].DateAdded) : null);
    }

    /// <summary>Reads the body up to <paramref name="limit"/> bytes; null when it is longer.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static string VersionOf(TaxiiObjectRecord row) => row.VersionText ?? TaxiiTimestamps.Format(row.Version);

    private static Dictionary<string, string?> Detail(string apiRoot, TaxiiObjectRecord row) => new()
    {
        ["api_root"] = apiRoot,
        ["collection"] = row.CollectionId,
        ["version"] = VersionOf(row),
        ["date_added"] = TaxiiTimestamps.Format(row.DateAdded),
        ["tlp"] = ((TrafficLightProtocol)row.Tlp).ToString(),
    };

    private static IResult ObjectNotFound(string apiRoot, string collectionId, string objectId) =>
        TaxiiResults.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no object '{objectId}' in the collection '{collectionId}' of the API root '{apiRoot}'."));

    private sealed record TaxiiReadAccess(TaxiiPeer Peer, TaxiiCollectionEntry Collection, TaxiiPageRequest Page);
}
