using System.Text.Json;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX object of a type DistillGuard does not model, kept as the JSON it was read from.</summary>
public sealed record UnknownStixObject : StixObject
{
    /// <summary>Gets the object's <c>type</c> as read.</summary>
    public required string ObjectType { get; init; }

    /// <inheritdoc />
    protected override string DeclaredType => ObjectType;

    /// <summary>Gets the object as read; it is written back unchanged.</summary>
    public required JsonElement Json { get; init; }
}
