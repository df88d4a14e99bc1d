using System.CommandLine;
using DistillGuard.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard serve</c> (the service: ingest, findings, decisions, overrides, audit) and <c>distillguard gateway</c>
/// (the same service as an enforcing reverse proxy in front of an OpenAI-compatible upstream).
/// </summary>
internal static class ServeCommand
{
    /// <summary>How long a stop may take unless <c>--shutdown-timeout</c> says otherwise, in seconds.</summary>
    public const double DefaultShutdownSeconds = 10;

    /// <summary>Builds <c>serve</c>.</summary>
    public static Command CreateServe(CliContext context) => Create(context, gateway: false);

    /// <summary>Builds <c>gateway</c>.</summary>
    public static Command CreateGateway(CliContext context) => Create(context, gateway: true);

    private static Command Create(CliContext context, bool gateway)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';'",
            DefaultValueFactory = _ => gateway ? "http://127.0.0.1:5081" : "http://127.0.0.1:5080",
            HelpName = "URLS",
        };
        var db = new Option<string>("--db")
        {
            Description = "SQLite file for the journal, checkpoints, overrides, audit and keys (the embedded default)",
            DefaultValueFactory = _ => "./distillguard.db",
            HelpName = "FILE",
        };
        var postgres = new Option<string?>("--postgres") { Description = "Use PostgreSQL instead of SQLite (an Npgsql connection string)", HelpName = "CONNSTRING" };
        var policies = CliOptions.OptionalPath("--policies", "JSON file with the enforcement policy (rules, degrade, throttle); validated at start");
        var settings = CliOptions.OptionalPath("--settings", "JSON settings file (appsettings shape, section 'DistillGuard')");
        var upstream = CliOptions.HttpUrl(new Option<string?>("--upstream") { Description = "The OpenAI-compatible API to forward to (an absolute http or https URL)", HelpName = "URL", Required = gateway });
        var shutdownTimeout = CliOptions.Positive(new Option<double>("--shutdown-timeout")
        {
            Description = "Seconds a stop (SIGTERM, Ctrl+C) may take to finish in-flight requests and write the last checkpoint; a second signal ends the process at once",
            DefaultValueFactory = _ => DefaultShutdownSeconds,
            HelpName = "SECONDS",
        });
        var ingest = new Option<string?>("--ingest")
        {
            Description = "Where accepted exchanges go before the engine applies them: 'journal' (the embedded default) or 'nats' (a NATS JetStream stream; settings DistillGuard:Ingest)",
            HelpName = "journal|nats",
        }.AcceptOnlyFromAmong("journal", "nats");
        var natsUrl = new Option<string?>("--nats-url") { Description = "The NATS server for --ingest nats (default nats://127.0.0.1:4222)", HelpName = "URL" };
        var command = gateway
            ? new Command("gateway", "Run DistillGuard as a reverse proxy in front of an OpenAI-compatible API: decide and enforce on every request, and learn from every exchange it serves")
            : new Command("serve", "Run the DistillGuard service: ingest exchanges, detect in real time, answer decisions");
        command.Options.Add(urls);
        command.Options.Add(db);
        command.Options.Add(postgres);
        command.Options.Add(policies);
        command.Options.Add(settings);
        command.Options.Add(shutdownTimeout);
        command.Options.Add(ingest);
        command.Options.Add(natsUrl);
        if (gateway)
        {
            command.Options.Add(upstream);
        }

        command.SetAction((parseResult, cancellationToken) =>
        {
            var target = gateway && parseResult.GetValue(upstream) is { } text ? CliOptions.ParseHttpUrl(text) : null;
            var serverSettings = new ServerSettings
            {
                Urls = parseResult.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                SqlitePath = parseResult.GetValue(db)!,
                PostgresConnectionString = parseResult.GetValue(postgres),
                PoliciesFile = CheckFile(parseResult.GetValue(policies), "--policies"),
                SettingsFile = CheckFile(parseResult.GetValue(settings), "--settings"),
                Upstream = target,
                AdminKeyFromEnvironment = Environment.GetEnvironmentVariable("DISTILLGUARD_ADMIN_KEY"),
                Console = context.Out,
                Time = context.Time,
                Configuration = IngestSettings(parseResult.GetValue(ingest), parseResult.GetValue(natsUrl)),
            };
            return RunAsync(context, serverSettings, TimeSpan.FromSeconds(parseResult.GetValue(shutdownTimeout)), cancellationToken);
        });
        return command;
    }

    /// <summary>The <c>--ingest</c> and <c>--nats-url</c> options as settings (applied over the settings file's).</summary>
    private static Dictionary<string, string?> IngestSettings(string? mode, string? natsUrl)
    {
        if (natsUrl is not null && mode != "nats")
        {
            throw new UsageException("--nats-url needs --ingest nats");
        }

        if (natsUrl is not null && (!Uri.TryCreate(natsUrl, UriKind.Absolute, out var url) || url.Scheme is not ("nats" or "tls")))
        {
            throw new UsageException($"--nats-url: not a nats:// or tls:// URL: {natsUrl}");
        }

        var values = new Dictionary<string, string?>();
        if (mode is not null)
        {
            values["DistillGuard:Ingest:Mode"] = mode;
        }

        if (natsUrl is not null)
        {
            values["DistillGuard:Ingest:Nats:Url"] = natsUrl;
        }

        return values;
    }

    private static string? CheckFile(string? path, string option) =>
        path is null || File.Exists(path) ? path : throw new UsageException($"{option}: file not found: {path}");

    private static async Task<int> RunAsync(CliContext context, ServerSettings settings, TimeSpan shutdownTimeout, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = DistillGuardServer.Build(settings, builder =>
            {
                // The command's token (TerminationSignals) stops the host; the host bounds the stop.
                builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
                builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = shutdownTimeout);
            });
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException("the settings or policies file is not valid JSON: " + ex.Message);
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OptionsValidationException ex)
            {
                foreach (var failure in ex.Failures)
                {
                    await context.Error.WriteLineAsync($"distillguard: invalid configuration: {failure}").ConfigureAwait(false);
                }

                return ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or IOException)
            {
                await context.Error.WriteLineAsync($"distillguard: cannot start: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await context.Out.WriteLineAsync($"distillguard: listening on {string.Join(", ", settings.Urls)}"
                + (settings.Upstream is null ? string.Empty : $", forwarding to {settings.Upstream}")).ConfigureAwait(false);

            // Until Ctrl+C or SIGTERM (the token) or the host stops itself; then the host stops within its
            // ShutdownTimeout: Kestrel drains in-flight requests, the engine writes its last checkpoint.
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync("distillguard: stopped").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
