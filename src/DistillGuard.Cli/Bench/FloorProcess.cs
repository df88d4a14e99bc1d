using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using DistillGuard.Cli.Commands;

namespace DistillGuard.Cli.Bench;

/// <summary>
/// Runs the parse floor's passes in a process of their own: <c>distillguard bench --floor-passes</c>, told over its
/// standard input when to run a pass, answering with the pass's figures on its standard output.
/// </summary>
/// <remarks>
/// <para>
/// In one process the floor's speed followed the garbage detection left behind: the runtime's collector (server GC
/// with dynamic adaptation) sizes its budgets from what was allocated before, so a detection pass that allocated more
/// made the next floor pass faster. The floor in its own process sees only its own allocations, and detection in the
/// bench's process only its own, while the two still alternate on the same machine.
/// </para>
/// <para>The protocol is one line each way: <c>run</c> answers <c>seconds cpu-seconds parsed failed</c> (invariant
/// culture); <c>exit</c>, or the end of the input, ends the process.</para>
/// </remarks>
internal sealed class FloorProcess : IDisposable
{
    /// <summary>The hidden option of <c>bench</c> that serves floor passes.</summary>
    public const string ServeOption = "--floor-passes";

    private readonly Process _process;

    // What the process wrote on standard error, read as it comes so that the process never blocks on a full pipe.
    private readonly StringBuilder _errors = new();

    private FloorProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (_errors)
                {
                    _errors.AppendLine(line);
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the floor's process on the same input.</summary>
    /// <param name="settings">The bench's settings (input and format).</param>
    /// <returns>The running process, waiting for its first pass.</returns>
    /// <exception cref="InvalidOperationException">The process cannot be started.</exception>
    public static FloorProcess Start(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = StartInfo();
        foreach (var argument in new[] { "bench", "--input", Path.GetFullPath(settings.Input), "--format", CliOptions.FormatName(settings.Format), ServeOption })
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start the floor's process ({start.FileName})");
        return new FloorProcess(process);
    }

    /// <summary>Runs one floor pass in the process and waits for its figures.</summary>
    /// <returns>The pass's wall time, processor time (the floor's process only) and counts.</returns>
    /// <exception cref="InvalidOperationException">The process ended or answered something else.</exception>
    public (TimeSpan Elapsed, TimeSpan Processor, FloorCount Count) Run()
    {
        string? answer;
        try
        {
            _process.StandardInput.WriteLine("run");
            _process.StandardInput.Flush();
            answer = _process.StandardOutput.ReadLine();
        }
        catch (IOException)
        {
            answer = null; // it ended before it could be told
        }

        var parts = answer?.Split(' ');
        if (parts is not { Length: 4 }
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var cpu)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var failed))
        {
            // Once it has exited, the parameterless wait also waits for the rest of its standard error.
            if (_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                _process.WaitForExit();
            }

            string error;
            lock (_errors)
            {
                error = _errors.ToString().Trim();
            }

            throw new InvalidOperationException(
                $"the floor's process answered '{answer ?? "nothing"}'{(error.Length > 0 ? ": " + error : string.Empty)}");
        }

        return (TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(cpu), new FloorCount { Parsed = parsed, Failed = failed });
    }

    /// <summary>Tells the process to end, and waits a little for it.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine("exit");
                _process.StandardInput.Close();
                if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // It is gone already.
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>Serves floor passes on this process's standard streams, until told to exit.</summary>
    /// <param name="settings">The input and format.</param>
    /// <param name="commands">Where the commands come from.</param>
    /// <param name="answers">Where the figures go.</param>
    public static void Serve(BenchSettings settings, TextReader commands, TextWriter answers)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(answers);
        while (commands.ReadLine() is { } command && command != "exit")
        {
            if (command != "run")
            {
                throw new UsageException($"{ServeOption}: unknown command '{command}' (expected run or exit)");
            }

            var count = BenchRunner.Floor(settings, out var elapsed, out var processor);
            answers.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:R} {processor.TotalSeconds:R} {count.Parsed} {count.Failed}"));
            answers.Flush();
        }
    }

    /// <summary>
    /// This program, as a process to start: its own executable next to its assembly where there is one, else the
    /// <c>dotnet</c> host running the assembly (under <c>dotnet test</c>, or when started as <c>dotnet distillguard.dll</c>).
    /// </summary>
    private static ProcessStartInfo StartInfo()
    {
        var assembly = typeof(FloorProcess).Assembly.Location;
        var executable = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(executable))
        {
            return new ProcessStartInfo(executable);
        }

        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
        var start = new ProcessStartInfo(File.Exists(host) ? host : "dotnet");
        start.ArgumentList.Add(assembly);
        return start;
    }
}
