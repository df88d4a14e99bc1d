using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Journal;

namespace DistillGuard.Server.Ingestion;

/// <summary>
/// Makes an ingest request's accepted exchanges durable, as <see cref="IngestOptions.Mode"/> says: in the embedded
/// journal through the engine host (journalled and observed in one step), or appended to the ingest stream, from which
/// <see cref="IngestPump"/> applies them.
/// </summary>
/// <remarks>
/// Through a stream the answer comes once the stream has the exchanges, before the engine observed them: each is
/// reported stored, and one whose id the journal already holds is dropped when the pump applies it (counted then among
/// the findings' duplicates, not in the answer).
/// </remarks>
/// <param name="host">The engine host (the embedded journal).</param>
/// <param name="stream">The ingest stream, or <see langword="null"/> for the embedded journal.</param>
/// <param name="storePromptText">Whether prompt text is stored (<see cref="EngineHostOptions.StorePromptText"/>).</param>
internal sealed class IngestWriter(EngineHost host, IIngestLog? stream, bool storePromptText)
{
    private readonly IIngestLog? _stream = stream;
    private readonly bool _storePromptText = storePromptText;

    /// <summary>Gets whether exchanges go through a stream rather than straight into the journal.</summary>
    public bool Streamed => _stream is not null;

    /// <summary>Makes the exchanges durable; see <see cref="EngineHost.IngestAsync"/> for the statuses. Runs on the ingest scheduler and stays there (ConfigureAwait(true)).</summary>
    /// <exception cref="IngestUnavailableException">The stream cannot be reached: nothing is known to be durable.</exception>
    public async Task<IngestStatus[]> WriteAsync(IReadOnlyList<(Exchange Exchange, ExchangeFeatures Features)> batch, long rejected, CancellationToken cancellationToken)
    {
        if (_stream is null)
        {
            return await host.IngestAsync(batch, rejected, cancellationToken).ConfigureAwait(true);
        }

        var entries = new JournalEntry[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            entries[i] = JournalEntries.Of(batch[i].Exchange, batch[i].Features, _storePromptText);
        }

        var positions = await _stream.AppendAsync(entries, cancellationToken).ConfigureAwait(true);
        if (rejected > 0)
        {
            // The lines the reader rejected are counted now (the pump counts what it applies).
            await host.IngestAsync([], rejected, cancellationToken).ConfigureAwait(true);
        }

        return [.. positions.Select(p => p == 0 ? IngestStatus.Duplicate : IngestStatus.Stored)];
    }
}
