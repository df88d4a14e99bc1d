namespace DistillGuard.Core.Storage;

/// <summary>
/// What the TAXII 2.1 server keeps: the object versions of its collections (raw STIX JSON with the metadata TAXII
/// filters and pages by) and the status resources of object submissions. SQLite and PostgreSQL implement it with the
/// same behaviour, on the same store instance as <see cref="IServiceStore"/> (whose
/// <see cref="IServiceStore.InitializeAsync"/> creates its tables).
/// </summary>
/// <remarks>
/// <para>
/// Every stored object version gets a <c>date_added</c> (whole microseconds, UTC) that is strictly greater than every
/// <c>date_added</c> the store has handed out before, including to versions since deleted, and the versions of one call
/// get increasing values in the order given. The values are assigned and committed under the store's write lock, so
/// they also become visible in that order: a reader that resumes after the last <c>date_added</c> it saw never misses
/// a version added later, even with several writers (peers page by it).
/// </para>
/// <para>Implementations are safe to call from several threads at once.</para>
/// </remarks>
public interface ITaxiiStore
{
    /// <summary>
    /// Stores object versions in one transaction. A version already in the collection (the same id and version; for an
    /// object without a version of its own, the same id) is not stored again.
    /// </summary>
    /// <param name="collectionId">The collection.</param>
    /// <param name="objects">The versions, in the order their <c>date_added</c> increases.</param>
    /// <param name="now">The current time: the earliest <c>date_added</c> handed out.</param>
    /// <param name="cancellationToken">Stops the call (nothing is stored if it stops before the commit).</param>
    /// <returns>For each version, in order, whether it was added and the stored version's metadata (without its JSON).</returns>
    Task<IReadOnlyList<TaxiiAddOutcomeRecord>> AddTaxiiObjectsAsync(
        string collectionId,
        IReadOnlyList<TaxiiNewObjectRecord> objects,
        DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>Reads the object versions of a collection that match a query, in increasing <c>date_added</c> order.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>At most <see cref="TaxiiObjectQueryRecord.Limit"/> versions.</returns>
    Task<IReadOnlyList<TaxiiObjectRecord>> QueryTaxiiObjectsAsync(TaxiiObjectQueryRecord query, CancellationToken cancellationToken);

    /// <summary>Deletes versions of one object.</summary>
    /// <param name="collectionId">The collection.</param>
    /// <param name="objectId">The object's STIX id.</param>
    /// <param name="versions">The versions to delete.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>How many versions were deleted.</returns>
    Task<int> DeleteTaxiiObjectVersionsAsync(string collectionId, string objectId, IReadOnlyList<DateTimeOffset> versions, CancellationToken cancellationToken);

    /// <summary>Stores a status resource.</summary>
    /// <param name="status">The status.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task that completes when the status is durable.</returns>
    Task SaveTaxiiStatusAsync(TaxiiStatusRecord status, CancellationToken cancellationToken);

    /// <summary>Finds a status resource by id, or <see langword="null"/>.</summary>
    /// <param name="statusId">The status id.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The status.</returns>
    Task<TaxiiStatusRecord?> FindTaxiiStatusAsync(string statusId, CancellationToken cancellationToken);
}
