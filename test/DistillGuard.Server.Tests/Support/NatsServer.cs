using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DistillGuard.Server.Tests.Support;

/// <summary>
/// A real <c>nats-server</c> with JetStream, on 127.0.0.1 at a free port, its file store in a temporary folder; it can
/// be killed (SIGKILL) and started again on the same port and store. Without <c>nats-server</c> the test is skipped,
/// except under <c>CI=true</c>, where it fails (<c>.ci/run</c> installs Debian's package).
/// </summary>
public sealed class NatsServer : IAsyncDisposable
{
    private readonly string _binary;
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private NatsServer(string binary, string directory, int port)
    {
        _binary = binary;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri Url => new($"nats://127.0.0.1:{Port}");

    public string StoreDirectory => Path.Combine(_directory, "store");

    public static async Task<NatsServer> StartAsync()
    {
        var binary = Find();
        if (binary is null)
        {
            const string Missing = "nats-server is not installed (apt-get install nats-server; .ci/run installs it)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(Missing);
            }

            Assert.Skip(Missing);
        }

        var directory = Path.Combine(Path.GetTempPath(), "dg-nats-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var server = new NatsServer(binary, directory, FreePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and store, and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        Assert.True(_process is null || _process.HasExited, "nats-server is already running");
        _process?.Dispose();
        var info = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-js", "-sd", StoreDirectory })
        {
            info.ArgumentList.Add(argument);
        }

        var from = Output.Length;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        for (var attempt = 0; attempt < 400; attempt++)
        {
            Assert.False(process.HasExited, "nats-server exited: " + Output);
            if (Output.AsSpan(from).Contains("Server is ready", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("nats-server did not start within 10 s: " + Output);
    }

    /// <summary>Kills the server with SIGKILL (no clean shutdown) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder.
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Append("/usr/sbin").Append("/usr/bin"))
        {
            var candidate = Path.Combine(directory, "nats-server");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
