namespace DistillGuard.Server.Taxii;

/// <summary>A configured collection, with its id in the canonical lower-case form.</summary>
internal sealed record TaxiiCollectionEntry(string Id, TaxiiApiRootOptions ApiRoot, TaxiiCollectionOptions Options);
