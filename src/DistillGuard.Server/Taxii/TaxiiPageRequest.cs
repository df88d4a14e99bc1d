using System.Globalization;
using DistillGuard.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DistillGuard.Server.Taxii;

/// <summary>
/// The URL parameters of a TAXII list request: <c>added_after</c>, <c>limit</c>, <c>next</c> and the
/// <c>match[id|type|version|spec_version]</c> filters (each a comma-separated list, values OR-ed).
/// </summary>
internal sealed record TaxiiPageRequest
{
    /// <summary>The most values one filter may list.</summary>
    public const int MaxFilterValues = 100;

    public required int Limit { get; init; }

    /// <summary>Gets where the page starts: the later of <c>added_after</c> and the <c>next</c> cursor.</summary>
    public DateTimeOffset? After { get; init; }

    public IReadOnlyList<string> Ids { get; init; } = [];

    public IReadOnlyList<string> Types { get; init; } = [];

    public IReadOnlyList<string> SpecVersions { get; init; } = [];

    public bool AllVersions { get; init; }

    public bool FirstVersion { get; init; }

    public bool LastVersion { get; init; }

    public IReadOnlyList<DateTimeOffset> Versions { get; init; } = [];

    /// <summary>Reads the parameters; returns a problem to answer 400 with, or null.</summary>
    /// <param name="query">The request's query.</param>
    /// <param name="defaultVersion">The <c>match[version]</c> when none is given (<c>last</c>, or <c>all</c> for versions and deletion).</param>
    /// <param name="maxPageSize">The largest page.</param>
    /// <param name="request">The parameters, when there is no problem.</param>
    public static string? TryParse(IQueryCollection query, string defaultVersion, int maxPageSize, out TaxiiPageRequest request)
    {
        request = new TaxiiPageRequest { Limit = maxPageSize };
        var limit = maxPageSize;
        if (query.TryGetValue("limit", out var limitText))
        {
            if (!int.TryParse(limitText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                return "limit must be a positive integer";
            }

            limit = Math.Min(limit, maxPageSize);
        }

        DateTimeOffset? after = null;
        if (query.TryGetValue("added_after", out var addedAfter))
        {
            if (!TaxiiTimestamps.TryParse(addedAfter.ToString(), out var value))
            {
                return "added_after must be a timestamp such as 2026-01-31T12:00:00.000000Z";
            }

            after = value;
        }

        if (query.TryGetValue("next", out var next))
        {
            if (!TaxiiCursor.TryDecode(next.ToString(), out var cursor))
            {
                return "next is not a value this server gave";
            }

            after = after is { } given && given > cursor ? given : cursor;
        }

        string?[] problems =
        [
            Values(query, "match[id]", out var ids),
            Values(query, "match[type]", out var types),
            Values(query, "match[spec_version]", out var specVersions),
            Values(query, "match[version]", out var versionValues),
        ];
        if (problems.FirstOrDefault(p => p is not null) is { } problem)
        {
            return problem;
        }

        if (versionValues.Count == 0)
        {
            versionValues = [defaultVersion];
        }

        var versions = new List<DateTimeOffset>();
        bool all = false, first = false, last = false;
        foreach (var value in versionValues)
        {
            switch (value)
            {
                case "all":
                    all = true;
                    break;
                case "first":
                    first = true;
                    break;
                case "last":
                    last = true;
                    break;
                default:
                    if (!TaxiiTimestamps.TryParse(value, out var version))
                    {
                        return $"match[version] values are last, first, all or a timestamp; '{value}' is none of them";
                    }

                    versions.Add(version);
                    break;
            }
        }

        request = new TaxiiPageRequest
        {
            Limit = limit,
            After = after,
            Ids = ids,
            Types = types,
            SpecVersions = specVersions,
            AllVersions = all,
            FirstVersion = first,
            LastVersion = last,
            Versions = versions,
        };
        return null;
    }

    /// <summary>The store query for this page, asking for one more item than the page holds to learn whether there is more.</summary>
    public TaxiiObjectQueryRecord ToQuery(string collectionId, TaxiiPeer peer, bool includeJson, string? objectId = null) => new()
    {
        CollectionId = collectionId,
        MaxTlp = (int)peer.MaxTlp,
        ObjectIds = objectId is null ? Ids : [objectId],
        Types = objectId is null ? Types : [],
        SpecVersions = SpecVersions,
        AllVersions = AllVersions,
        FirstVersion = FirstVersion,
        LastVersion = LastVersion,
        Versions = Versions,
        AddedAfter = After,
        Limit = Limit + 1,
        IncludeJson = includeJson,
    };

    private static string? Values(IQueryCollection query, string name, out IReadOnlyList<string> values)
    {
        values = [];
        if (!query.TryGetValue(name, out StringValues raw))
        {
            return null;
        }

        var list = raw.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (list.Count == 0)
        {
            return $"{name} is empty";
        }

        if (list.Count > MaxFilterValues)
        {
            return $"{name} lists {list.Count} values; at most {MaxFilterValues} are allowed";
        }

        values = list;
        return null;
    }
}
