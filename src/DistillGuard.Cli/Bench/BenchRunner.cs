using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using DistillGuard.Cli.Commands;
using DistillGuard.Cli.Detection;
using DistillGuard.Ingest;

namespace DistillGuard.Cli.Bench;

/// <summary>
/// Runs <c>bench</c>: the parse floor and the full detection pipeline over the same file, alternately, and the
/// memory probe.
/// </summary>
/// <remarks>
/// <para>Both passes read the file the same way (<see cref="ExchangeInput.Open(string)"/>, so gzip is decompressed in
/// both) and are timed from opening the file to the last exchange: detection includes building the findings, not
/// writing them. One warm-up pass of each runs first (JIT, tiered compilation, page cache); then floor and detect
/// alternate, so that drift in the machine's state affects both alike. A full collection precedes every pass. The
/// median of the runs is reported.</para>
/// <para>The floor's passes run in a process of their own (<see cref="FloorProcess"/>), so that neither pass inherits
/// the collector's state from the other's garbage; their processor time is that process's.</para>
/// <para>The floor is single-threaded by definition; detection uses the parallel reader, as <c>detect</c> does. The
/// ratio therefore says what detection costs on this machine relative to merely parsing the log.</para>
/// </remarks>
internal static class BenchRunner
{
    /// <summary>Runs the bench.</summary>
    /// <param name="settings">What to measure.</param>
    /// <param name="time">The clock, for the report's time stamp.</param>
    /// <param name="phase">Told which phase starts, for a progress display; or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the bench.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InputException">The input cannot be read.</exception>
    public static async Task<BenchReport> RunAsync(BenchSettings settings, TimeProvider time, Action<string>? phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        var inputBytes = new FileInfo(settings.Input).Length;

        phase?.Invoke("warm-up: floor");
        using var floorProcess = FloorProcess.Start(settings);
        var (_, _, floorCount) = floorProcess.Run();
        phase?.Invoke("warm-up: detect");
        var (lines, parsed, _, _) = await DetectAsync(settings, cancellationToken).ConfigureAwait(false);

        var floorSeconds = new List<double>(settings.Runs);
        var detectSeconds = new List<double>(settings.Runs);
        var floorCpu = new List<double>(settings.Runs);
        var detectCpu = new List<double>(settings.Runs);
        for (var run = 1; run <= settings.Runs; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            phase?.Invoke($"run {run}/{settings.Runs}: floor");
            var (floorElapsed, floorProcessor, _) = floorProcess.Run();
            floorSeconds.Add(floorElapsed.TotalSeconds);
            floorCpu.Add(floorProcessor.TotalSeconds);
            phase?.Invoke($"run {run}/{settings.Runs}: detect");
            var (_, _, detectElapsed, detectProcessor) = await DetectAsync(settings, cancellationToken).ConfigureAwait(false);
            detectSeconds.Add(detectElapsed.TotalSeconds);
            detectCpu.Add(detectProcessor.TotalSeconds);
        }

        MemoryReport? memory = null;
        if (settings.Subjects > 0)
        {
            phase?.Invoke($"memory: {settings.Subjects:N0} subjects × {settings.ExchangesPerSubject} exchanges");
            var measured = MemoryProbe.Run(settings.Subjects, settings.ExchangesPerSubject, settings.Seed, cancellationToken);
            memory = new MemoryReport
            {
                Subjects = measured.Subjects,
                ExchangesPerSubject = measured.ExchangesPerSubject,
                HeapBytes = measured.HeapBytes,
                BytesPerSubject = measured.BytesPerSubject,
                Seconds = measured.Elapsed.TotalSeconds,
                Seed = settings.Seed,
            };
        }

        var floor = Timings(floorSeconds, floorCpu, floorCount.Parsed);
        var detect = Timings(detectSeconds, detectCpu, parsed);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new BenchReport
        {
            Input = settings.Input,
            Format = CliOptions.FormatName(settings.Format),
            InputBytes = inputBytes,
            Lines = lines,
            Exchanges = parsed,
            Runs = settings.Runs,
            Floor = floor,
            Detect = detect,
            DetectToFloorRatio = floor.MedianSeconds > 0 ? detect.MedianSeconds / floor.MedianSeconds : double.NaN,
            DetectToFloorCpuRatio = floor.MedianCpuSeconds > 0 ? detect.MedianCpuSeconds / floor.MedianCpuSeconds : double.NaN,
            Memory = memory,
            PeakWorkingSetBytes = process.PeakWorkingSet64,
            Environment = new BenchEnvironment
            {
                ProcessId = Environment.ProcessId,
                Processors = Environment.ProcessorCount,
                Os = RuntimeInformation.OSDescription,
                Runtime = RuntimeInformation.FrameworkDescription,
                ServerGc = GCSettings.IsServerGC,
                Optimized = IsOptimized(),
                MeasuredAt = time.GetUtcNow(),
            },
        };
    }

    /// <summary>Gets whether this assembly was compiled with optimisations (a Release build).</summary>
    public static bool IsOptimized() =>
        typeof(BenchRunner).Assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };

    /// <summary>Runs one floor pass in this process; <see cref="FloorProcess"/> calls it in the floor's own process.</summary>
    internal static FloorCount Floor(BenchSettings settings, out TimeSpan elapsed, out TimeSpan processor)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var processorStart = ProcessorTime();
        var stopwatch = Stopwatch.StartNew();
        using var input = ExchangeInput.Open(settings.Input);
        var count = ParseFloor.Run(input, settings.Format);
        elapsed = stopwatch.Elapsed;
        processor = ProcessorTime() - processorStart;
        return count;
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static async Task<(long Lines, long Parsed, TimeSpan Elapsed, TimeSpan Processor)> DetectAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var processorStart = ProcessorTime();
        var stopwatch = Stopwatch.StartNew();
        var counters = new ExchangeReadCounters();
        var input = ExchangeInput.Open(settings.Input);
        await using (input.ConfigureAwait(false))
        {
            var run = await DetectionPipeline.RunAsync(input, settings.Format, counters: counters, cancellationToken: cancellationToken).ConfigureAwait(false);
            _ = run.GetFindings(run.Engine.Now);
        }

        var elapsed = stopwatch.Elapsed;
        return (counters.Lines, counters.Parsed, elapsed, ProcessorTime() - processorStart);
    }

    private static PassTimings Timings(List<double> seconds, List<double> cpuSeconds, long exchanges)
    {
        var median = Median(seconds);
        return new PassTimings
        {
            Seconds = seconds,
            MedianSeconds = median,
            CpuSeconds = cpuSeconds,
            MedianCpuSeconds = Median(cpuSeconds),
            ExchangesPerSecond = median > 0 ? exchanges / median : double.NaN,
        };
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
