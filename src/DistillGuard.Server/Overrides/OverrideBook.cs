using System.Collections.Immutable;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.Overrides;

/// <summary>
/// The active overrides, held in memory for decisions (an immutable snapshot, swapped on change) and kept in the store.
/// </summary>
internal sealed class OverrideBook(IServiceStore store, TimeProvider time)
{
    private ImmutableDictionary<(string Account, string? EndUser), OverrideRecord> _active =
        ImmutableDictionary<(string Account, string? EndUser), OverrideRecord>.Empty;

    /// <summary>Loads the active overrides from the store.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var records = await store.ListActiveOverridesAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var builder = ImmutableDictionary.CreateBuilder<(string, string?), OverrideRecord>();
        foreach (var record in records)
        {
            // Oldest first: a later override for the same subject replaces an earlier one.
            builder[(record.AccountId, record.EndUserId)] = record;
        }

        _active = builder.ToImmutable();
    }

    /// <summary>Stores an override and makes it active.</summary>
    public async Task<OverrideRecord> AddAsync(OverrideRecord record, CancellationToken cancellationToken)
    {
        var stored = await store.AddOverrideAsync(record, cancellationToken).ConfigureAwait(false);
        ImmutableInterlocked.AddOrUpdate(ref _active, (stored.AccountId, stored.EndUserId), stored, (_, _) => stored);
        return stored;
    }

    /// <summary>Finds the override set on exactly this subject (an account's own when <paramref name="endUserId"/> is null); expired ones do not count.</summary>
    public OverrideRecord? FindOwn(string accountId, string? endUserId) =>
        _active.TryGetValue((accountId, endUserId), out var own) && own.ExpiresAt > time.GetUtcNow() ? own : null;
}
