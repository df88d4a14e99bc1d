using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DistillGuard.Server.Taxii;

/// <summary>The TAXII and STIX media types, and the content negotiation of TAXII requests.</summary>
internal static class TaxiiMediaTypes
{
    /// <summary>The media type of every TAXII 2.1 response and of an envelope that is posted.</summary>
    public const string Taxii = "application/taxii+json;version=2.1";

    /// <summary>The media type of the STIX 2.1 objects a collection holds.</summary>
    public const string Stix = "application/stix+json;version=2.1";

    private const string TaxiiBase = "application/taxii+json";

    /// <summary>
    /// Whether the request's <c>Accept</c> allows a TAXII 2.1 response: absent, <c>*/*</c>, <c>application/*</c>, or
    /// <c>application/taxii+json</c> with <c>version=2.1</c> or without a version (the latest).
    /// </summary>
    public static bool Accepts(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return false;
        }

        return ranges.Any(range =>
            range.Quality is not 0
            && (range.MatchesAllTypes
                || (range.MatchesAllSubTypes && range.Type.Equals("application", StringComparison.OrdinalIgnoreCase))
                || (range.MediaType.Equals(TaxiiBase, StringComparison.OrdinalIgnoreCase) && VersionIs21OrAbsent(range))));
    }

    /// <summary>Whether the request's <c>Content-Type</c> is <c>application/taxii+json;version=2.1</c>.</summary>
    public static bool IsTaxiiContent(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals(TaxiiBase, StringComparison.OrdinalIgnoreCase)
        && Version(type) is { } version
        && version.Equals("2.1", StringComparison.Ordinal);

    private static bool VersionIs21OrAbsent(MediaTypeHeaderValue range) => Version(range) is null or "2.1";

    private static string? Version(MediaTypeHeaderValue type) =>
        type.Parameters.FirstOrDefault(p => p.Name.Equals("version", StringComparison.OrdinalIgnoreCase)) is { } parameter
            ? HeaderUtilities.RemoveQuotes(parameter.Value).ToString()
            : null;
}
