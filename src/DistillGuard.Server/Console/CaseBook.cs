using System.Collections.Concurrent;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>
/// Analysts' cases, held in memory for the queue (one lookup per subject while ranking) and written through to the
/// store before a change is answered. Claims are serialised, so two analysts asking for the same case at once get it
/// once.
/// </summary>
internal sealed class CaseBook(ICaseStore store, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<SubjectKey, CaseRecord> _cases = new();
    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <summary>What <see cref="ClaimAsync"/> did.</summary>
    public enum ClaimOutcome
    {
        /// <summary>The case is now the caller's (or already was).</summary>
        Claimed,

        /// <summary>Another analyst holds it.</summary>
        HeldByAnother,

        /// <summary>It is already decided.</summary>
        Decided,
    }

    /// <summary>Gets how many subjects have a stored case.</summary>
    public int Count => _cases.Count;

    /// <summary>Loads the stored cases.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var record in await store.ListCasesAsync(cancellationToken).ConfigureAwait(false))
        {
            _cases[new SubjectKey(record.AccountId, record.EndUserId)] = record;
        }
    }

    /// <summary>Finds a subject's case, or null when it has none (open).</summary>
    public CaseRecord? Find(SubjectKey key) => _cases.GetValueOrDefault(key);

    /// <summary>Gets the status of a subject's case (<see cref="CaseStatus.Open"/> without one).</summary>
    public CaseStatus StatusOf(SubjectKey key) => _cases.TryGetValue(key, out var found) ? found.Status : CaseStatus.Open;

    /// <summary>Gets every case with an outcome label.</summary>
    public IReadOnlyList<CaseRecord> Labelled() =>
        [.. _cases.Values.Where(c => c.Label is not null).OrderBy(c => c.AccountId, StringComparer.Ordinal).ThenBy(c => c.EndUserId, StringComparer.Ordinal)];

    /// <summary>Claims a case for an analyst unless another holds it or it is decided.</summary>
    public async Task<ClaimOutcome> ClaimAsync(SubjectKey key, string analyst, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Find(key);
            if (current is { Status: CaseStatus.Decided })
            {
                return ClaimOutcome.Decided;
            }

            if (current is { Status: CaseStatus.Claimed } && current.ClaimedBy != analyst)
            {
                return ClaimOutcome.HeldByAnother;
            }

            await SaveAsync(new CaseRecord
            {
                AccountId = key.AccountId, EndUserId = key.EndUserId, Status = CaseStatus.Claimed, ClaimedBy = analyst, UpdatedAt = time.GetUtcNow(),
            }).ConfigureAwait(false);
            return ClaimOutcome.Claimed;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Records a decision on a subject's case (whoever held it), with the override it created and an outcome label.</summary>
    public async Task<CaseRecord> DecideAsync(SubjectKey key, string analyst, long? overrideId, CaseLabel? label, string? note, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Find(key);
            return await SaveAsync(new CaseRecord
            {
                AccountId = key.AccountId,
                EndUserId = key.EndUserId,
                Status = CaseStatus.Decided,
                ClaimedBy = current?.ClaimedBy ?? analyst,
                DecidedBy = analyst,
                OverrideId = overrideId ?? current?.OverrideId,
                Label = label ?? current?.Label,
                Note = note ?? current?.Note,
                UpdatedAt = time.GetUtcNow(),
            }).ConfigureAwait(false);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Reopens a case: the claim and decision go, the label and note stay.</summary>
    public async Task ReleaseAsync(SubjectKey key, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(key) is { } current)
            {
                await SaveAsync(current with { Status = CaseStatus.Open, ClaimedBy = null, DecidedBy = null, UpdatedAt = time.GetUtcNow() }).ConfigureAwait(false);
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    private async Task<CaseRecord> SaveAsync(CaseRecord record)
    {
        // Not cancelled half-way: the store and the book must agree.
        var stored = await store.SaveCaseAsync(record, CancellationToken.None).ConfigureAwait(false);
        _cases[new SubjectKey(stored.AccountId, stored.EndUserId)] = stored;
        return stored;
    }

    public void Dispose() => _changes.Dispose();
}
