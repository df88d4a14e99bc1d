using Microsoft.Extensions.Hosting;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>Loads the analysts' cases at start, after the store is initialised (registered after the store's start).</summary>
internal sealed class ConsoleStartupService(CaseBook cases) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => cases.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
