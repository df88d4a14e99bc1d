using DistillGuard.Ingest;
using Spectre.Console;

namespace DistillGuard.Cli.Rendering;

/// <summary>Shows how far a long run has got, on standard error, and only when standard error is a terminal.</summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs <paramref name="work"/>, showing the reader's counts while it runs.</summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="context">Where to draw, and the clock.</param>
    /// <param name="label">What is being done, for example <c>detect</c>.</param>
    /// <param name="counters">The reader's counters, read from the display's thread.</param>
    /// <param name="work">The work.</param>
    /// <returns>What the work returned.</returns>
    public static async Task<T> RunAsync<T>(CliContext context, string label, ExchangeReadCounters counters, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(work);
        if (!context.ErrorIsTerminal)
        {
            return await work().ConfigureAwait(false);
        }

        var console = CliConsole.Create(context.Error, isTerminal: true);
        var start = context.Time.GetTimestamp();
        return await console.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(label).IsIndeterminate();
                var running = work();
                while (!running.IsCompleted)
                {
                    var seconds = context.Time.GetElapsedTime(start).TotalSeconds;
                    var lines = counters.Lines;
                    var rate = seconds > 0 ? lines / seconds : 0;
                    task.Description = $"{label}: {Formatting.Count(lines)} lines ({Formatting.Count(counters.Rejected)} rejected), {Formatting.Rate(rate)} lines/s";
                    await Task.WhenAny(running, Task.Delay(Refresh, context.Time)).ConfigureAwait(false);
                }

                return await running.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> with a status line that it updates, on standard error when it is a terminal.</summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="context">Where to draw.</param>
    /// <param name="work">The work; it reports each phase through the callback it is given.</param>
    /// <returns>What the work returned.</returns>
    public static async Task<T> RunWithStatusAsync<T>(CliContext context, Func<Action<string>?, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        if (!context.ErrorIsTerminal)
        {
            return await work(null).ConfigureAwait(false);
        }

        var console = CliConsole.Create(context.Error, isTerminal: true);
        return await console.Status().StartAsync("starting", status => work(phase => status.Status(Markup.Escape(phase)))).ConfigureAwait(false);
    }
}
