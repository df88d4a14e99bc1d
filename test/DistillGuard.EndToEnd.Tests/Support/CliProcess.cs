using System.Diagnostics;
using System.Text;

namespace DistillGuard.EndToEnd.Tests.Support;

/// <summary>
/// The built <c>distillguard</c> (the CLI project's <c>distillguard.dll</c>, copied beside the tests by the project
/// reference) run as its users run it: a child process, its standard output and error captured as they come.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource _outClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(Process process) => _process = process;

    /// <summary>Gets the path of the command's assembly.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "distillguard.dll");

    /// <summary>Gets the process id.</summary>
    public int Id => _process.Id;

    /// <summary>Gets whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Gets what the process wrote to standard output so far.</summary>
    public string Out
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    /// <summary>Gets what the process wrote to standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Gets the process's standard input (only when started with <c>redirectInput</c>).</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>Starts <c>dotnet distillguard.dll</c> with <paramref name="arguments"/>.</summary>
    /// <param name="arguments">The command line after the program.</param>
    /// <param name="environment">Variables to set (a null value removes one).</param>
    /// <param name="redirectInput">Whether the test writes the process's standard input.</param>
    /// <param name="workingDirectory">The working folder, or the tests' when null.</param>
    public static CliProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, bool redirectInput = false, string? workingDirectory = null)
    {
        Assert.True(File.Exists(Dll), $"the built command is missing: {Dll}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The key the service would otherwise take from the developer's shell; a test passes its own.
        info.Environment.Remove("DISTILLGUARD_ADMIN_KEY");
        info.Environment.Remove("DISTILLGUARD_API_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info };
        var self = new CliProcess(process);
        process.OutputDataReceived += (_, e) => self.Append(self._out, self._outClosed, e.Data);
        process.ErrorDataReceived += (_, e) => self.Append(self._error, self._errorClosed, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return self;
    }

    /// <summary>Runs the command to its end and answers what it wrote and its exit code.</summary>
    /// <param name="arguments">The command line after the program.</param>
    public static Task<CliResult> RunAsync(params string[] arguments) => RunAsync(arguments, input: null);

    /// <summary>Runs the command to its end, writing <paramref name="input"/> (a file's bytes) to its standard input.</summary>
    /// <param name="arguments">The command line after the program.</param>
    /// <param name="input">A file to copy to standard input, or null for none.</param>
    /// <param name="environment">Variables to set.</param>
    /// <param name="timeout">How long it may run; 90 s when null.</param>
    public static async Task<CliResult> RunAsync(IEnumerable<string> arguments, string? input, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(arguments, environment, redirectInput: input is not null);
        if (input is not null)
        {
            await using (var file = File.OpenRead(input))
            {
                await file.CopyToAsync(process.Input, TestContext.Current.CancellationToken);
            }

            process.Input.Close();
        }

        var exitCode = await process.WaitForExitAsync(timeout ?? DefaultTimeout);
        return new CliResult(exitCode, process.Out, process.Error);
    }

    /// <summary>Sends a signal with <c>kill</c>: <c>TERM</c>, <c>INT</c>, <c>KILL</c>.</summary>
    /// <param name="signal">The signal's name without <c>SIG</c>.</param>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to end and its output to be read; fails the test (and kills it) after <paramref name="timeout"/>.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            await Task.WhenAll(_outClosed.Task, _errorClosed.Task).WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"distillguard did not end within {timeout.TotalSeconds} s; stdout: {Out}; stderr: {Error}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void Append(StringBuilder buffer, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }
}
