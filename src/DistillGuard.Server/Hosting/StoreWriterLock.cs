using DistillGuard.Core.Storage;

namespace DistillGuard.Server.Hosting;

/// <summary>
/// Holds the store's single-writer lock (<see cref="IServiceStore.AcquireWriterLockAsync"/>) from the start of the
/// service until the service is disposed, after every hosted service has stopped (the engine's last checkpoint
/// included). The container owns it, so a service that is disposed without a clean stop releases it too.
/// </summary>
internal sealed class StoreWriterLock(IServiceStore store) : IAsyncDisposable
{
    private IAsyncDisposable? _lease;

    /// <summary>Takes the lock; throws <see cref="InvalidOperationException"/> when another process holds it.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken) =>
        _lease ??= await store.AcquireWriterLockAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _lease, null) is { } lease)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }
}
