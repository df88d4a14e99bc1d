using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace DistillGuard.EndToEnd.Tests.Support;

/// <summary>
/// <c>distillguard serve</c> or <c>gateway</c> as a process on 127.0.0.1 and a free port, with its database in a
/// folder the test owns and the admin key from <c>DISTILLGUARD_ADMIN_KEY</c>, as the README starts it.
/// </summary>
public sealed partial class ServiceProcess : IDisposable
{
    /// <summary>The admin key every service of the tests starts with.</summary>
    public const string AdminKey = "end-to-end-admin-key-0123456789abcdef";

    /// <summary>How long a stop may take in the tests: the command's default bound.</summary>
    public static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);

    private ServiceProcess(CliProcess process, Uri address, string database, HttpClient client)
    {
        Process = process;
        Address = address;
        Database = database;
        Client = client;
    }

    /// <summary>Gets the process.</summary>
    public CliProcess Process { get; }

    /// <summary>Gets the address it listens on, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Gets the SQLite file.</summary>
    public string Database { get; }

    /// <summary>Gets a client with the admin key, based at <see cref="Address"/>.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the command and waits until <c>/healthz</c> answers 200.</summary>
    /// <param name="database">The SQLite file (a restart passes the same one).</param>
    /// <param name="arguments">The command and its options before <c>--urls</c> and <c>--db</c>, for example <c>serve</c>.</param>
    public static async Task<ServiceProcess> StartAsync(string database, params string[] arguments)
    {
        // Port 0, and the address read from the service's own "Now listening on" line: a port picked free beforehand can
        // be taken by another test's process before this one binds it, and /healthz would then answer from that one.
        var process = CliProcess.Start(
            [.. arguments, "--urls", "http://127.0.0.1:0", "--db", database],
            new Dictionary<string, string?> { ["DISTILLGUARD_ADMIN_KEY"] = AdminKey });
        Uri address;
        try
        {
            address = await ListeningAddressAsync(process);
        }
        catch
        {
            process.Dispose();
            throw;
        }

        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var service = new ServiceProcess(process, address, database, client);
        try
        {
            await service.WaitHealthyAsync();
        }
        catch
        {
            service.Dispose();
            throw;
        }

        return service;
    }

    /// <summary>Sends <paramref name="signal"/> and waits for the process to end within <see cref="StopBound"/> and a margin for a loaded machine.</summary>
    /// <param name="signal"><c>TERM</c> or <c>INT</c>.</param>
    /// <returns>The exit code.</returns>
    public async Task<int> StopAsync(string signal = "TERM")
    {
        await Process.SignalAsync(signal);
        return await Process.WaitForExitAsync(StopBound + TimeSpan.FromSeconds(5));
    }

    /// <summary>Kills the process with SIGKILL and waits for it.</summary>
    /// <returns>The exit code (137).</returns>
    public async Task<int> KillAsync()
    {
        await Process.SignalAsync("KILL");
        return await Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        Client.Dispose();
        Process.Dispose();
    }

    private static async Task<Uri> ListeningAddressAsync(CliProcess process)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            if (ListeningLine().Match(process.Out) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value + "/");
            }

            Assert.False(process.HasExited, $"distillguard ended before it listened; stdout: {process.Out}; stderr: {process.Error}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"distillguard did not say where it listens within a minute; stdout: {process.Out}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial System.Text.RegularExpressions.Regex ListeningLine();

    private async Task WaitHealthyAsync()
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            Assert.False(Process.HasExited, $"distillguard ended before it was healthy; stdout: {Process.Out}; stderr: {Process.Error}");
            try
            {
                using var health = await Client.GetAsync("/healthz", TestContext.Current.CancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"distillguard was not healthy within 60 s; stdout: {Process.Out}; stderr: {Process.Error}");
    }
}
