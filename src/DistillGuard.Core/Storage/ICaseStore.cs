namespace DistillGuard.Core.Storage;

/// <summary>
/// Analysts' cases on subjects (claims, decisions, outcome labels), one row per subject. SQLite and PostgreSQL
/// implement it on the same store instance as <see cref="IServiceStore"/>, whose <see cref="IServiceStore.InitializeAsync"/>
/// creates its table (and adds it to a database created before it).
/// </summary>
public interface ICaseStore
{
    /// <summary>Stores a subject's case, replacing the one stored for that subject.</summary>
    /// <param name="record">The case.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The stored case (its time truncated to whole microseconds).</returns>
    Task<CaseRecord> SaveCaseAsync(CaseRecord record, CancellationToken cancellationToken);

    /// <summary>Lists every stored case, by account and end user.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The cases.</returns>
    Task<IReadOnlyList<CaseRecord>> ListCasesAsync(CancellationToken cancellationToken);
}
