using DistillGuard.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillGuard.Server.Taxii;

/// <summary>
/// The TAXII 2.1 server under <c>/taxii2/</c>: discovery, API roots, collections and status here; objects, manifest
/// and versions in <see cref="TaxiiObjectEndpoints"/>. Every endpoint needs a peer's credentials and an <c>Accept</c>
/// that allows <c>application/taxii+json;version=2.1</c>; what a peer may not see answers 404, the same as what does not
/// exist.
/// </summary>
internal static class TaxiiEndpoints
{
    /// <summary>The path prefix of the TAXII server.</summary>
    public const string Prefix = "/taxii2";

    /// <summary>The authorisation policy of the TAXII endpoints: a peer authenticated by the TAXII scheme.</summary>
    public const string PolicyName = "taxii-peer";

    public static void Map(IEndpointRouteBuilder app)
    {
        var taxii = app.MapGroup(Prefix).RequireAuthorization(PolicyName);
        taxii.AddEndpointFilter(async (context, next) =>
            TaxiiMediaTypes.Accepts(context.HttpContext.Request) ? await next(context).ConfigureAwait(false) : TaxiiResults.NotAcceptable());
        taxii.MapGet("/", Discovery);
        taxii.MapGet("/{apiRoot}/", ApiRoot);
        taxii.MapGet("/{apiRoot}/collections/", Collections);
        taxii.MapGet("/{apiRoot}/collections/{collectionId}/", Collection);
        taxii.MapGet("/{apiRoot}/status/{statusId}/", StatusAsync);
        TaxiiObjectEndpoints.Map(taxii);
        taxii.Map("/{**path}", () => TaxiiResults.NotFound("There is no TAXII resource at this path."));
    }

    /// <summary>Gets the authenticated peer of a request (the endpoints require one).</summary>
    public static TaxiiPeer PeerOf(HttpContext context, TaxiiDirectory directory) =>
        directory.FindPeer(context.User.Identity?.Name ?? string.Empty)
        ?? throw new InvalidOperationException("A TAXII endpoint ran without an authenticated peer.");

    /// <summary>Finds a collection the peer has a grant on; a missing one and one it may not see give the same 404.</summary>
    public static (TaxiiCollectionEntry Collection, TaxiiGrantOptions Grant)? FindCollection(TaxiiPeer peer, TaxiiDirectory directory, string apiRoot, string collectionId) =>
        directory.FindCollection(apiRoot, collectionId) is { } collection && peer.GrantOn(collection.Id) is { } grant
            ? (collection, grant)
            : null;

    public static IResult CollectionNotFound(string apiRoot, string collectionId) =>
        TaxiiResults.NotFound($"There is no collection '{collectionId}' in the API root '{apiRoot}'.");

    private static IResult ApiRootNotFound(string apiRoot) => TaxiiResults.NotFound($"There is no API root '{apiRoot}'.");

    private static IResult Discovery(HttpContext context, TaxiiDirectory directory)
    {
        var peer = PeerOf(context, directory);
        var visible = directory.ApiRoots.Where(r => directory.CanSee(peer, r.Name)).Select(r => r.Name).ToList();
        var options = directory.Options;
        return TaxiiResults.Json(
            new TaxiiDiscoveryDto
            {
                Title = options.Title,
                Description = options.Description,
                Contact = options.Contact,
                Default = options.DefaultApiRoot is { } root && visible.Contains(root) ? RootPath(root) : null,
                ApiRoots = visible.Count == 0 ? null : visible.ConvertAll(RootPath),
            },
            TaxiiJsonContext.Default.TaxiiDiscoveryDto);
    }

    private static IResult ApiRoot(string apiRoot, HttpContext context, TaxiiDirectory directory)
    {
        var peer = PeerOf(context, directory);
        if (directory.FindApiRoot(apiRoot) is not { } root || !directory.CanSee(peer, apiRoot))
        {
            return ApiRootNotFound(apiRoot);
        }

        return TaxiiResults.Json(
            new TaxiiApiRootDto
            {
                Title = root.Title,
                Description = root.Description,
                Versions = [TaxiiMediaTypes.Taxii],
                MaxContentLength = root.MaxContentLength,
            },
            TaxiiJsonContext.Default.TaxiiApiRootDto);
    }

    private static IResult Collections(string apiRoot, HttpContext context, TaxiiDirectory directory)
    {
        var peer = PeerOf(context, directory);
        if (directory.FindApiRoot(apiRoot) is null || !directory.CanSee(peer, apiRoot))
        {
            return ApiRootNotFound(apiRoot);
        }

        var collections = directory.CollectionsOf(apiRoot)
            .Select(c => (Collection: c, Grant: peer.GrantOn(c.Id)))
            .Where(c => c.Grant is not null)
            .Select(c => ToDto(c.Collection, c.Grant!))
            .ToList();
        return TaxiiResults.Json(new TaxiiCollectionsDto { Collections = collections }, TaxiiJsonContext.Default.TaxiiCollectionsDto);
    }

    private static IResult Collection(string apiRoot, string collectionId, HttpContext context, TaxiiDirectory directory)
    {
        var peer = PeerOf(context, directory);
        return FindCollection(peer, directory, apiRoot, collectionId) is { } found
            ? TaxiiResults.Json(ToDto(found.Collection, found.Grant), TaxiiJsonContext.Default.TaxiiCollectionDto)
            : CollectionNotFound(apiRoot, collectionId);
    }

    private static async Task<IResult> StatusAsync(string apiRoot, string statusId, HttpContext context, TaxiiDirectory directory, ITaxiiStore store)
    {
        var peer = PeerOf(context, directory);

        // A status belongs to the peer that made the submission; to any other it does not exist.
        var status = directory.FindApiRoot(apiRoot) is not null && Guid.TryParseExact(statusId, "D", out var id)
            ? await store.FindTaxiiStatusAsync(id.ToString("D"), context.RequestAborted).ConfigureAwait(false)
            : null;
        if (status is null || status.ApiRoot != apiRoot || status.Owner != peer.Name)
        {
            return TaxiiResults.NotFound($"There is no status '{statusId}' in the API root '{apiRoot}'.");
        }

        return TaxiiResults.Json(ToDto(status), TaxiiJsonContext.Default.TaxiiStatusDto);
    }

    /// <summary>The status resource of a stored status.</summary>
    public static TaxiiStatusDto ToDto(TaxiiStatusRecord status) => new()
    {
        Id = status.Id,
        Status = status.Pendings.Count == 0 ? "complete" : "pending",
        RequestTimestamp = TaxiiTimestamps.Format(status.RequestTimestamp),
        TotalCount = status.Successes.Count + status.Failures.Count + status.Pendings.Count,
        SuccessCount = status.Successes.Count,
        Successes = Details(status.Successes),
        FailureCount = status.Failures.Count,
        Failures = Details(status.Failures),
        PendingCount = status.Pendings.Count,
        Pendings = Details(status.Pendings),
    };

    private static List<TaxiiStatusDetailDto>? Details(IReadOnlyList<TaxiiStatusDetailRecord> details) =>
        details.Count == 0 ? null : details.Select(d => new TaxiiStatusDetailDto { Id = d.ObjectId, Version = d.Version, Message = d.Message }).ToList();

    private static TaxiiCollectionDto ToDto(TaxiiCollectionEntry collection, TaxiiGrantOptions grant) => new()
    {
        Id = collection.Id,
        Title = collection.Options.Title,
        Description = collection.Options.Description,
        CanRead = grant.CanRead,
        CanWrite = grant.CanWrite,
        MediaTypes = [TaxiiMediaTypes.Stix],
    };

    private static string RootPath(string name) => $"{Prefix}/{name}/";
}
