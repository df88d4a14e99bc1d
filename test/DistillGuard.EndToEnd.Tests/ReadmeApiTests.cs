using System.Diagnostics;
using System.Text.Json.Nodes;
using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;

namespace DistillGuard.EndToEnd.Tests;

/// <summary>
/// Every command of the README's "The API, with curl" block, read from README.md at test time and run with bash
/// against a running <c>serve</c>, so that an example that stops working, or that the README changes into one that
/// does not work, is a failing test.
/// </summary>
public sealed class ReadmeApiTests(SimulatedTraffic traffic) : IDisposable
{
    private const string Heading = "### The API, with curl";
    private const string DocumentedAddress = "http://127.0.0.1:5080";
    private readonly TempFolder _folder = new();

    [Fact]
    public void ReadmeApiBlock_ServiceSection_HasItsExamples()
    {
        var commands = Readme.ShellCommands(Readme.Section(Heading));

        Assert.StartsWith($"DG={DocumentedAddress};", commands[0], StringComparison.Ordinal);
        Assert.True(commands.Count(c => c.StartsWith("curl ", StringComparison.Ordinal)) >= 10, string.Join('\n', commands));
        Assert.Contains(commands, c => c.StartsWith("distillguard ingest ", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.Contains("@traffic.jsonl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadmeApiBlock_AgainstServe_EveryCommandSucceeds()
    {
        var commands = Readme.ShellCommands(Readme.Section(Heading));
        using var service = await ServiceProcess.StartAsync(_folder.File("dg.db"), "serve");
        await PrepareFilesAsync();
        var variables = commands[0].Replace(DocumentedAddress, service.Address.ToString().TrimEnd('/'), StringComparison.Ordinal);

        foreach (var command in commands.Skip(1))
        {
            var (exitCode, output, error) = await BashAsync(variables, command);

            Assert.True(exitCode == 0, $"'{command}' exited {exitCode}: {output} {error}");
            if (command.StartsWith("curl ", StringComparison.Ordinal))
            {
                var status = output.Trim();
                var answer = await File.ReadAllTextAsync(_folder.File("answer"), TestContext.Current.CancellationToken);
                Assert.True(status.StartsWith('2'), $"'{command}' answered {status}: {answer}");

                // The README names the key a create call answered $KEY_ID, as a user would copy it from the answer.
                if (command.Contains("/v1/keys -d", StringComparison.Ordinal))
                {
                    variables += $"; KEY_ID={JsonNode.Parse(answer)!["key_id"]!.GetValue<string>()}";
                }
            }
        }

        Assert.Equal("ok\n", await HealthAnswerAsync(variables, commands));
        Assert.Equal(0, await service.StopAsync());
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The files the examples name: the traffic, a few exchanges of the example's subject, LiteLLM payloads.</summary>
    private async Task PrepareFilesAsync()
    {
        File.Copy(traffic.TrafficPath, _folder.File("traffic.jsonl"));
        var lines = traffic.Lines.Take(3).Select((line, i) =>
        {
            var exchange = JsonNode.Parse(line)!;
            exchange["id"] = $"ex_readme_{i}";
            exchange["account_id"] = "acct_7f3a";
            exchange["end_user_id"] = "u_55";
            return exchange.ToJsonString();
        });
        await File.WriteAllLinesAsync(_folder.File("exchanges.jsonl"), lines, TestContext.Current.CancellationToken);
        var payload = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "standard_logging_payload.json"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_folder.File("payloads.json"), "[" + payload + "]", TestContext.Current.CancellationToken);
    }

    private async Task<string> HealthAnswerAsync(string variables, IReadOnlyList<string> commands)
    {
        var health = commands.First(c => c.Contains("/healthz", StringComparison.Ordinal));
        await BashAsync(variables, health);
        return await File.ReadAllTextAsync(_folder.File("answer"), TestContext.Current.CancellationToken);
    }

    /// <summary>Runs one README line with bash: curl writes its answer to a file and prints the status; distillguard is the built command.</summary>
    private async Task<(int ExitCode, string Out, string Error)> BashAsync(string variables, string command)
    {
        var script = $$"""
            set -e
            curl() { command curl -sS -o '{{_folder.File("answer")}}' -w '%{http_code}' "$@"; }
            distillguard() { dotnet '{{CliProcess.Dll}}' "$@"; }
            {{variables}}
            {{command}}
            """;
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder.Path };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.Environment["DISTILLGUARD_ADMIN_KEY"] = ServiceProcess.AdminKey;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output, await error);
    }
}
