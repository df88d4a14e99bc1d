using DistillGuard.Core.Storage;

namespace DistillGuard.Server.Taxii;

/// <summary>One item of a posted envelope: the version to store, or the reason it is refused.</summary>
internal sealed record TaxiiSubmittedObject
{
    public required string Id { get; init; }

    /// <summary>Gets the version as the object writes it (<c>modified</c>, else <c>created</c>), or empty.</summary>
    public required string Version { get; init; }

    /// <summary>Gets what to store, or null when the item is refused.</summary>
    public TaxiiNewObjectRecord? Record { get; init; }

    /// <summary>Gets why the item is refused, or null.</summary>
    public string? Problem { get; init; }

    public static TaxiiSubmittedObject Refused(string id, string version, string problem) =>
        new() { Id = id, Version = version, Problem = problem };
}
