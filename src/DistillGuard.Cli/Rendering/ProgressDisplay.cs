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
    public static Task<T> RunAsync<T>(CliContext context, string label, ExchangeReadCounters counters, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(counters);
        var start = context.Time.GetTimestamp();
        return RunAsync(context, () => DescribeLines(label, counters, context.Time.GetElapsedTime(start)), work);
    }

    /// <summary>
    /// Runs <paramref name="work"/>, showing <paramref name="describe"/>'s line on standard error, refreshed four
    /// times a second and cleared at the end, when standard error is a terminal.
    /// </summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="context">Where to draw, and the clock.</param>
    /// <param name="describe">Says how far the work has got; called from the display's loop.</param>
    /// <param name="work">The work; started on the thread pool, so that the display draws from its first moment.</param>
    /// <returns>What the work returned.</returns>
    public static async Task<T> RunAsync<T>(CliContext context, Func<string> describe, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(work);
        if (!context.ErrorIsTerminal)
        {
            return await work().ConfigureAwait(false);
        }

        var console = CliConsole.Create(context.Error, isTerminal: true);
        return await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(describe())).IsIndeterminate();
                var running = Task.Run(work);
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(Refresh, context.Time)).ConfigureAwait(false);
                    task.Description = Markup.Escape(describe());
                    progress.Refresh();
                }

                task.StopTask();
                return await running.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>Writes the progress line of a run that reads exchanges: lines, rejected, rate.</summary>
    /// <param name="label">What is being done.</param>
    /// <param name="counters">The reader's counters.</param>
    /// <param name="elapsed">Time since the start.</param>
    /// <returns>The line.</returns>
    public static string DescribeLines(string label, ExchangeReadCounters counters, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var seconds = elapsed.TotalSeconds;
        var lines = counters.Lines;
        var rate = seconds > 0 ? lines / seconds : 0;
        return $"{label}: {Formatting.Count(lines)} lines ({Formatting.Count(counters.Rejected)} rejected), {Formatting.Rate(rate)} lines/s";
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
