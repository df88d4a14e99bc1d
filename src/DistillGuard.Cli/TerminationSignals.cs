using System.Runtime.InteropServices;

namespace DistillGuard.Cli;

/// <summary>
/// The process's handling of SIGINT (Ctrl+C) and SIGTERM: the first one cancels <see cref="Token"/>, so that the
/// command stops cleanly (a service drains its requests and writes its last checkpoint); a second one keeps the
/// signal's default action and ends the process at once.
/// </summary>
/// <remarks>
/// One owner for both signals, for every command: neither System.CommandLine's handler (whose SIGTERM path waits on
/// process exit) nor the generic host's console lifetime (which swallows every signal, the second too) is used.
/// </remarks>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    /// <summary>Initializes a new instance of the <see cref="TerminationSignals"/> class and starts listening.</summary>
    public TerminationSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Gets the token that the first signal cancels.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _received) > 1)
        {
            // The second signal: the default action ends the process now.
            return;
        }

        context.Cancel = true;

        // The token's callbacks (stopping a host) run off the signal's thread, so that a second signal is seen meanwhile.
        _ = _cancellation.CancelAsync();
    }
}
