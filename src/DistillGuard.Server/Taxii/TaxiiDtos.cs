using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistillGuard.Server.Taxii;

/// <summary>The discovery resource (<c>GET /taxii2/</c>).</summary>
internal sealed class TaxiiDiscoveryDto
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public string? Contact { get; init; }

    public string? Default { get; init; }

    public IReadOnlyList<string>? ApiRoots { get; init; }
}

/// <summary>The API root resource.</summary>
internal sealed class TaxiiApiRootDto
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<string> Versions { get; init; }

    public required long MaxContentLength { get; init; }
}

/// <summary>A collection resource, as the requesting peer sees it.</summary>
internal sealed class TaxiiCollectionDto
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public required bool CanRead { get; init; }

    public required bool CanWrite { get; init; }

    public required IReadOnlyList<string> MediaTypes { get; init; }
}

/// <summary>The collections resource.</summary>
internal sealed class TaxiiCollectionsDto
{
    public IReadOnlyList<TaxiiCollectionDto>? Collections { get; init; }
}

/// <summary>
/// One page of a collection: an envelope (of <see cref="TaxiiRawJson"/> STIX objects) or a manifest (of
/// <see cref="TaxiiManifestRecordDto"/> records).
/// </summary>
/// <typeparam name="T">What the page lists.</typeparam>
internal sealed class TaxiiObjectsPageDto<T>
{
    public required bool More { get; init; }

    public string? Next { get; init; }

    public IReadOnlyList<T>? Objects { get; init; }
}

/// <summary>A manifest record: one object version's metadata.</summary>
internal sealed class TaxiiManifestRecordDto
{
    public required string Id { get; init; }

    public required string DateAdded { get; init; }

    public required string Version { get; init; }

    public required string MediaType { get; init; }
}

/// <summary>One page of an object's versions.</summary>
internal sealed class TaxiiVersionsDto
{
    public required bool More { get; init; }

    public string? Next { get; init; }

    public IReadOnlyList<string>? Versions { get; init; }
}

/// <summary>A status resource.</summary>
internal sealed class TaxiiStatusDto
{
    public required string Id { get; init; }

    public required string Status { get; init; }

    public required string RequestTimestamp { get; init; }

    public required int TotalCount { get; init; }

    public required int SuccessCount { get; init; }

    public IReadOnlyList<TaxiiStatusDetailDto>? Successes { get; init; }

    public required int FailureCount { get; init; }

    public IReadOnlyList<TaxiiStatusDetailDto>? Failures { get; init; }

    public required int PendingCount { get; init; }

    public IReadOnlyList<TaxiiStatusDetailDto>? Pendings { get; init; }
}

/// <summary>One object version of a status resource.</summary>
internal sealed class TaxiiStatusDetailDto
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    public string? Message { get; init; }
}

/// <summary>The TAXII error message.</summary>
internal sealed class TaxiiErrorDto
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public string? ErrorCode { get; init; }

    public required string HttpStatus { get; init; }
}

/// <summary>A STIX object's JSON text, written as it was stored.</summary>
[JsonConverter(typeof(TaxiiRawJsonConverter))]
internal readonly record struct TaxiiRawJson(string Text);

/// <summary>Writes a <see cref="TaxiiRawJson"/> verbatim (it was validated as JSON when it was received).</summary>
internal sealed class TaxiiRawJsonConverter : JsonConverter<TaxiiRawJson>
{
    public override TaxiiRawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new TaxiiRawJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, TaxiiRawJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(value.Text, skipInputValidation: true);
    }
}
