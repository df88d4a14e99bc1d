using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using DistillGuard.Server.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Ingestion;

/// <summary>
/// Runs the bulk work of ingestion (parsing a body, journalling it, observing it in the engine, checkpoints it
/// triggers, the gateway's recording) on threads of its own, at a lower operating-system priority than the request
/// path, so that a decision never waits for a core behind an ingest body.
/// </summary>
/// <remarks>
/// <para>
/// Decisions take tens of microseconds; ingest at full speed keeps every core busy. With both at the same priority a
/// decision's thread waits for the scheduler's next slice behind the ingest threads (milliseconds at the 99th
/// percentile on two cores). On Linux each thread of this scheduler lowers its own nice value to
/// <see cref="EngineHostOptions.IngestNiceness"/>, so the kernel runs a woken request thread first and ingest takes
/// every cycle the request path leaves; ingest loses nothing when no request waits. Elsewhere a niceness above zero
/// means <see cref="ThreadPriority.BelowNormal"/>.
/// </para>
/// <para>
/// Work stays here across its awaits only where it awaits with <c>ConfigureAwait(true)</c> (the service has no
/// synchronisation context, so that resumes on the current task scheduler, this one). The ingest path does so; code
/// that runs on it and awaits with <c>ConfigureAwait(false)</c> resumes on the thread pool at normal priority, which
/// is correct, only not deprioritised.
/// </para>
/// </remarks>
internal sealed partial class IngestScheduler : TaskScheduler, IDisposable
{
    private const int PrioProcess = 0;
    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;
    private readonly int _niceness;
    private readonly ILogger<IngestScheduler> _logger;
    private int _priorityFailures;

    public IngestScheduler(IOptions<EngineHostOptions> options, ILogger<IngestScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _niceness = options.Value.IngestNiceness;
        _logger = logger;

        // One more thread than cores: a journal write blocks its thread in the disk's flush meanwhile.
        _threads = new Thread[Environment.ProcessorCount + 1];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = "dg-ingest" };
            _threads[i].Start();
        }
    }

    /// <inheritdoc/>
    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Runs <paramref name="work"/> on this scheduler; it stays here across the awaits that keep the context.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <summary>Runs <paramref name="work"/> on this scheduler; it stays here across the awaits that keep the context.</summary>
    public Task RunAsync(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <inheritdoc/>
    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _queue.Dispose();
    }

    /// <inheritdoc/>
    protected override void QueueTask(Task task) => _queue.Add(task);

    /// <inheritdoc/>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread.Name == "dg-ingest" && !taskWasPreviouslyQueued && TryExecuteTask(task);

    /// <inheritdoc/>
    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest threads keep their normal priority: setting the nice value {Niceness} failed with error {Error}")]
    private static partial void LogPriorityFailed(ILogger logger, int niceness, int error);

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetThreadId();

    private void Work()
    {
        LowerPriority();
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    private void LowerPriority()
    {
        if (_niceness == 0)
        {
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            return;
        }

        // Linux keeps a nice value per thread: setpriority(PRIO_PROCESS, tid) sets this thread's only. Lowering it
        // needs no privilege.
        if (SetPriority(PrioProcess, GetThreadId(), _niceness) != 0 && Interlocked.Increment(ref _priorityFailures) == 1)
        {
            LogPriorityFailed(_logger, _niceness, Marshal.GetLastPInvokeError());
        }
    }
}
