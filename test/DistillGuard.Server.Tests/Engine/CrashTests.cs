using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Engine;

/// <summary>
/// The service as operators run it (<c>distillguard serve</c>, its own process), killed with SIGKILL right after it
/// answered: after a restart, the findings account for every exchange it had accepted.
/// </summary>
public sealed class CrashTests
{
    private const string AdminKey = "crash-test-admin-key-0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillDash9AfterAnswers_Restart_FindingsAccountForEveryAcceptedExchange()
    {
        await using var store = StoreLocation.Sqlite();
        var settings = Path.Combine(Path.GetDirectoryName(store.SqlitePath)!, "settings.json");
        // A checkpoint part-way, so the restart is a checkpoint plus a replay of what came after it.
        await File.WriteAllTextAsync(settings, """{"DistillGuard":{"Engine":{"CheckpointEveryExchanges":3000}}}""", Ct);
        var port = FreePort();
        long accepted = 0;

        using (var first = Start(store.SqlitePath!, settings, port))
        {
            using var client = await ConnectAsync(port, first);
            foreach (var chunk in SimulatedTraffic.Lines.Chunk(1500))
            {
                using var response = await client.PostAsync("/v1/exchanges", ExchangeLines.Ndjson(string.Join('\n', chunk) + "\n"), Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                accepted += JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["accepted"]!.GetValue<long>();
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(Ct);
            Assert.Equal(137, first.ExitCode);
        }

        using var second = Start(store.SqlitePath!, settings, port);
        try
        {
            using var client = await ConnectAsync(port, second);
            using var response = await client.GetAsync("/v1/findings", Ct);
            var findings = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

            Assert.Equal(SimulatedTraffic.Lines.Count, accepted);
            Assert.Equal(accepted, findings["input"]!["accepted"]!.GetValue<long>());
            Assert.Equal(accepted, findings["subjects"]!.AsArray().Where(s => s!["end_user_id"] is null).Sum(s => s!["exchanges"]!.GetValue<long>()));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static Process Start(string database, string settings, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "distillguard.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--db", database, "--settings", settings })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DISTILLGUARD_ADMIN_KEY"] = AdminKey;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<HttpClient> ConnectAsync(int port, Process process)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            Assert.False(process.HasExited, $"distillguard serve exited with {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                using var health = await client.GetAsync("/healthz", Ct);
                if (health.IsSuccessStatusCode)
                {
                    return client;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, Ct);
        }

        client.Dispose();
        throw new TimeoutException("distillguard serve did not become healthy within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
