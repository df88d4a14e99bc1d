namespace DistillGuard.Core.Storage;

/// <summary>
/// Per-hour activity read from the exchange journal, for the console's timelines (the engine keeps no per-hour
/// counts). SQLite and PostgreSQL implement it on the same store instance as <see cref="IServiceStore"/>.
/// </summary>
public interface IActivityStore
{
    /// <summary>Counts the journalled exchanges of each of <paramref name="accountIds"/> (its end users included) per hour.</summary>
    /// <param name="accountIds">The accounts.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The non-empty hours, by account then hour.</returns>
    Task<IReadOnlyList<HourlyActivity>> CountExchangesPerHourAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken);
}
