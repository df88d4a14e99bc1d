using Microsoft.Extensions.Hosting;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// The host's lifetime under <c>serve</c> and <c>gateway</c>: it watches no signal, since <see cref="TerminationSignals"/>
/// owns SIGINT and SIGTERM for the whole process and stops the host through the command's cancellation token.
/// </summary>
/// <remarks>
/// It replaces the generic host's console lifetime, which cancels every SIGINT and SIGTERM it receives, the second
/// one too, so that a service stuck in its stop could not be ended by a second signal.
/// </remarks>
internal sealed class CommandLifetime : IHostLifetime
{
    /// <inheritdoc/>
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
