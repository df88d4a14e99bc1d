using DistillGuard.Cli.Commands;
using DistillGuard.Cli.Rendering;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Ingest;
using DistillGuard.Ingest.Findings;

namespace DistillGuard.Cli.Detection;

/// <summary>What <c>detect</c> does, file to file; <c>demo</c> runs it too.</summary>
internal static class DetectionJob
{
    /// <summary>Reads an exchange log, runs detection and writes the findings (and the rejected lines).</summary>
    /// <param name="context">Where progress is drawn, and the clock for <c>generated_at</c>.</param>
    /// <param name="inputPath">The exchange log, or <c>-</c> for standard input.</param>
    /// <param name="format">Its format.</param>
    /// <param name="outputPath">Where the findings go.</param>
    /// <param name="rejectsPath">Where the rejected lines go, or <see langword="null"/>.</param>
    /// <param name="allowList">The accounts the provider allow-lists (<see cref="DetectionOptions.AllowListedAccounts"/>), or <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops the job.</param>
    /// <returns>The run and its findings.</returns>
    /// <exception cref="InputException">The input cannot be read.</exception>
    /// <exception cref="UsageException">An output cannot be written.</exception>
    public static async Task<(DetectionRun Run, FindingsDocument Findings)> RunAsync(
        CliContext context,
        string inputPath,
        InputFormat format,
        string outputPath,
        string? rejectsPath,
        IReadOnlySet<string>? allowList,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        OutputFiles.EnsureWritable(outputPath, "findings file");
        if (rejectsPath is not null)
        {
            OutputFiles.EnsureWritable(rejectsPath, "reject file");
        }

        var options = allowList is null ? null : new DetectionOptions { AllowListedAccounts = allowList };
        DetectionRun run;
        var input = ExchangeInput.Open(inputPath);
        await using (input.ConfigureAwait(false))
        {
            var rejects = rejectsPath is null ? null : new RejectWriter(new FileStream(rejectsPath, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024));
            try
            {
                var counters = new ExchangeReadCounters();
                Action<RejectedLine>? reject = rejects is null ? null : rejects.Write;
                run = await ProgressDisplay.RunAsync(
                    context,
                    "detect",
                    counters,
                    () => DetectionPipeline.RunAsync(input, format, reject, counters, options, now: context.Time.GetUtcNow(), cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            finally
            {
                if (rejects is not null)
                {
                    await rejects.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        var findings = run.GetFindings(context.Time.GetUtcNow());
        await OutputFiles.WriteAtomicallyAsync(outputPath, (stream, ct) => FindingsJson.WriteAsync(stream, findings, ct), cancellationToken).ConfigureAwait(false);
        return (run, findings);
    }
}
