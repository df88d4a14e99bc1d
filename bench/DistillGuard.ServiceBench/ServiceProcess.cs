using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DistillGuard.ServiceBench;

/// <summary>
/// A <c>distillguard serve</c> or <c>gateway</c> started as its own process from a given build of the command (so
/// two builds can be measured by the same clients), on a free 127.0.0.1 port with a fresh SQLite file; stopped by
/// its process id.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private ServiceProcess(Process process, DirectoryInfo folder, Uri baseAddress, string apiPrefix)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
        ApiPrefix = apiPrefix;
    }

    /// <summary>Gets the address the service listens on.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the API's path prefix: <c>/v1</c>, or <c>/distillguard/v1</c> for a gateway.</summary>
    public string ApiPrefix { get; }

    /// <summary>Gets the process's resident set size now, in bytes (Linux <c>/proc/PID/status</c> VmRSS).</summary>
    public long ResidentBytes
    {
        get
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }

            return 0;
        }
    }

    /// <summary>Starts <paramref name="command"/> and waits until <c>/healthz</c> answers.</summary>
    public static async Task<ServiceProcess> StartAsync(string command, Uri? upstream, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("distillguard-requestpath-");
        var settings = Path.Combine(folder.FullName, "settings.json");
        await File.WriteAllTextAsync(settings, """{"DistillGuard":{"Server":{"ApiRequestsPerSecond":1000000,"ApiBurst":1000000}}}""", cancellationToken).ConfigureAwait(false);
        var port = FreePort();
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = folder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(upstream is null ? "serve" : "gateway");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--db");
        start.ArgumentList.Add(Path.Combine(folder.FullName, "service.db"));
        start.ArgumentList.Add("--settings");
        start.ArgumentList.Add(settings);
        if (upstream is not null)
        {
            start.ArgumentList.Add("--upstream");
            start.ArgumentList.Add(upstream.ToString());
        }

        start.Environment["DISTILLGUARD_ADMIN_KEY"] = ServiceHost.AdminKey;
        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");

        // Drained as they come, so a chatty service never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, folder, new Uri($"http://127.0.0.1:{port}"), upstream is null ? "/v1" : "/distillguard/v1");
        await service.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _process.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is not worth failing the bench for.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var client = BenchHttp.CreateClient(BaseAddress, bearer: null);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the service ended with exit code {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"the service at {BaseAddress} did not become ready");
    }
}
