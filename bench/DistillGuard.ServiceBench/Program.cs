using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace DistillGuard.ServiceBench;

/// <summary>
/// The service bench: HTTP ingest against in-process batch detection, <c>POST /v1/decisions</c> latency, and the
/// gateway's added latency, in one run:
/// <c>dotnet run -c Release --project bench/DistillGuard.ServiceBench -- [--input FILE] [--seed 11] [--scale 0.5]</c>.
/// </summary>
public static class Program
{
    /// <summary>Parses the command line and runs the bench.</summary>
    public static async Task<int> Main(string[] args)
    {
        var input = new Option<string?>("--input") { Description = "dg-exchange/1 file (plain or gzip); simulated when absent", HelpName = "FILE" };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulation and of the request mixes", DefaultValueFactory = _ => 11, HelpName = "N" };
        var scale = new Option<double>("--scale") { Description = "Scale of the simulation (0.5 is about 100k exchanges)", DefaultValueFactory = _ => 0.5, HelpName = "F" };
        var rounds = Positive(new Option<int>("--rounds") { Description = "How many times (a) and (b) each run, alternately; medians are reported", DefaultValueFactory = _ => 3 });
        var warmupLines = new Option<int>("--warmup-lines") { Description = "Lines (a) and (b) each run once, unmeasured, before the rounds; 0 = the whole traffic", DefaultValueFactory = _ => 0, HelpName = "N" };
        var linesPerBody = Positive(new Option<int>("--lines-per-body") { Description = "Lines per POST /v1/exchanges body", DefaultValueFactory = _ => 5_000 });
        var senders = Positive(new Option<int>("--senders") { Description = "Ingest bodies in flight at once", DefaultValueFactory = _ => 2 });
        var decisions = Positive(new Option<int>("--decisions") { Description = "Decision requests measured", DefaultValueFactory = _ => 20_000 });
        var callers = Positive(new Option<int>("--callers") { Description = "Concurrent decision callers (closed loop)", DefaultValueFactory = _ => 4 });
        var rate = Positive(new Option<int>("--rate") { Description = "Open-loop requests per second on each gateway path", DefaultValueFactory = _ => 300 });
        var seconds = Positive(new Option<int>("--seconds") { Description = "Length of the gateway's measured open loop", DefaultValueFactory = _ => 20 });
        var output = new Option<string?>("--out") { Description = "Where to write the JSON report", HelpName = "FILE" };
        scale.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var value && (!(value > 0) || double.IsInfinity(value)))
            {
                result.AddError("--scale must be a number greater than 0");
            }
        });

        var root = new RootCommand("DistillGuard service bench: HTTP ingest vs batch detection, decision latency, gateway added latency")
        {
            input, seed, scale, rounds, warmupLines, linesPerBody, senders, decisions, callers, rate, seconds, output,
        };
        root.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = new ServiceBenchSettings
            {
                Input = parsed.GetValue(input) is { } file ? Path.GetFullPath(file) : null,
                Seed = parsed.GetValue(seed),
                Scale = parsed.GetValue(scale),
                Rounds = parsed.GetValue(rounds),
                WarmupLines = Math.Max(0, parsed.GetValue(warmupLines)),
                LinesPerBody = parsed.GetValue(linesPerBody),
                Senders = parsed.GetValue(senders),
                Decisions = parsed.GetValue(decisions),
                DecisionCallers = parsed.GetValue(callers),
                Rate = parsed.GetValue(rate),
                Duration = TimeSpan.FromSeconds(parsed.GetValue(seconds)),
                Out = parsed.GetValue(output) is { } report ? Path.GetFullPath(report) : null,
            };
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(Console.Out),
                Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
                ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            });
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = 200;
            }

            // The services take the working directory as their content root and watch it for configuration changes,
            // recursively: an empty folder keeps a busy checkout (or /tmp) from costing the services a watcher thread.
            var contentRoot = Directory.CreateTempSubdirectory("distillguard-servicebench-root-");
            var workingDirectory = Environment.CurrentDirectory;
            Environment.CurrentDirectory = contentRoot.FullName;
            try
            {
                await ServiceBenchRunner.RunAsync(settings, console, Console.Error, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Environment.CurrentDirectory = workingDirectory;
                contentRoot.Delete(recursive: true);
            }

            return 0;
        });

        root.Subcommands.Add(RequestPath());
        root.Subcommands.Add(IngestStream());
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// <c>request-path --build base=PATH --build branch=PATH --phase decisions|gateway|memory</c>: two builds of the
    /// command measured alternately (see <see cref="RequestPathBench"/>).
    /// </summary>
    private static Command RequestPath()
    {
        var builds = new Option<string[]>("--build") { Description = "NAME=PATH of a built distillguard command; give two", Required = true, AllowMultipleArgumentsPerToken = false };
        var phase = new Option<string>("--phase") { Description = "decisions, gateway or memory", Required = true };
        var rounds = Positive(new Option<int>("--rounds") { Description = "Rounds; builds run a, b then b, a", DefaultValueFactory = _ => 2 });
        var seconds = Positive(new Option<int>("--seconds") { Description = "Measured seconds of the decisions and gateway phases", DefaultValueFactory = _ => 15 });
        var rate = Positive(new Option<int>("--rate") { Description = "Open-loop requests per second on each gateway path", DefaultValueFactory = _ => 300 });
        var callers = Positive(new Option<int>("--callers") { Description = "Concurrent decision callers (closed loop)", DefaultValueFactory = _ => 2 });
        var endUsers = Positive(new Option<int>("--end-users") { Description = "Distinct end users of the memory phase", DefaultValueFactory = _ => 200_000 });
        var scale = new Option<double>("--scale") { Description = "Scale of the simulated traffic the decisions phase ingests", DefaultValueFactory = _ => 0.1 };
        var senders = new Option<int>("--senders") { Description = "Ingest clients during the decisions phase (0: decisions alone, the floor)", DefaultValueFactory = _ => 2 };
        senders.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--senders must not be negative");
            }
        });
        var command = new Command("request-path", "Two builds' request path, alternately: decisions under ingest, gateway added latency, memory under rotating end users")
        {
            builds, phase, rounds, seconds, rate, callers, endUsers, scale, senders,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var named = parsed.GetValue(builds)!.Select(b => b.Split('=', 2)).Select(p => (p[0], Path.GetFullPath(p[1]))).ToList();
            await RequestPathBench.RunAsync(
                named, parsed.GetValue(phase)!, parsed.GetValue(rounds), TimeSpan.FromSeconds(parsed.GetValue(seconds)), parsed.GetValue(rate),
                parsed.GetValue(callers), parsed.GetValue(endUsers), parsed.GetValue(scale), parsed.GetValue(senders), Console.Out, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>ingest-stream [--scale 0.2] [--partitions 4] [--nats-url URL]</c>: HTTP ingest through the embedded journal
    /// against NATS JetStream, alternately, with the stream's lag (see <see cref="IngestStreamBench"/>).
    /// </summary>
    private static Command IngestStream()
    {
        var scale = new Option<double>("--scale") { Description = "Scale of the simulated traffic", DefaultValueFactory = _ => 0.2 };
        var rounds = Positive(new Option<int>("--rounds") { Description = "Rounds; journal then NATS, then NATS then journal", DefaultValueFactory = _ => 2 });
        var linesPerBody = Positive(new Option<int>("--lines-per-body") { Description = "Lines per POST /v1/exchanges body", DefaultValueFactory = _ => 5_000 });
        var senders = Positive(new Option<int>("--senders") { Description = "Ingest bodies in flight at once", DefaultValueFactory = _ => 2 });
        var partitions = Positive(new Option<int>("--partitions") { Description = "NATS partitions (subjects dg.ingest.{p}, one pump each)", DefaultValueFactory = _ => 4 });
        var natsUrl = new Option<string?>("--nats-url") { Description = "A running NATS server with JetStream; without it the bench starts /usr/sbin/nats-server on a free port", HelpName = "URL" };
        var command = new Command("ingest-stream", "HTTP ingest through the embedded journal against NATS JetStream, with the stream's lag under load")
        {
            scale, rounds, linesPerBody, senders, partitions, natsUrl,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var contentRoot = Directory.CreateTempSubdirectory("distillguard-servicebench-root-");
            var workingDirectory = Environment.CurrentDirectory;
            Environment.CurrentDirectory = contentRoot.FullName;
            try
            {
                await IngestStreamBench.RunAsync(
                    parsed.GetValue(scale), parsed.GetValue(linesPerBody), parsed.GetValue(senders), parsed.GetValue(rounds), parsed.GetValue(partitions),
                    parsed.GetValue(natsUrl), Console.Out, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Environment.CurrentDirectory = workingDirectory;
                contentRoot.Delete(recursive: true);
            }

            return 0;
        });
        return command;
    }

    private static Option<int> Positive(Option<int> option)
    {
        option.HelpName ??= "N";
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be at least 1"));
            }
        });
        return option;
    }
}
