using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using DistillGuard.Cli.Ingestion;
using DistillGuard.Cli.Rendering;
using DistillGuard.Ingest;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard ingest</c>: an exchange log of any size (plain or gzip, or standard input) to a running service's
/// <c>POST /v1/exchanges</c>, in bodies under the service's limit.
/// </summary>
internal static class IngestCommand
{
    /// <summary>The variable the API key is read from when <c>--key</c> is not given.</summary>
    public const string KeyVariable = "DISTILLGUARD_API_KEY";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Exchange log to send (plain or gzip, recognised by its bytes); '-' reads standard input" };
        var service = CliOptions.HttpUrl(new Option<string?>("--service") { Description = "The service, for example http://127.0.0.1:5080 (a gateway: http://127.0.0.1:5081/distillguard)", Required = true, HelpName = "URL" });
        var key = new Option<string?>("--key", "--api-key") { Description = $"An ingest (or admin) key; {KeyVariable} when not given", HelpName = "KEY" };
        var format = CliOptions.Format();
        var chunk = new Option<long>("--chunk-bytes")
        {
            Description = "Largest body sent, split at line boundaries; at most the service's MaxRequestBodyBytes",
            DefaultValueFactory = _ => IngestSettings.DefaultChunkBytes,
            HelpName = "BYTES",
        };
        chunk.Validators.Add(result =>
        {
            if (CliOptions.TryGetValue<long>(result, out var value) && value is < IngestSettings.MinChunkBytes or > int.MaxValue)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--chunk-bytes must be between {IngestSettings.MinChunkBytes} and {int.MaxValue} (got {value})"));
            }
        });
        var retries = CliOptions.AtLeast(new Option<int>("--retries") { Description = "Times one body is sent again after 429 (honouring Retry-After) or 503", DefaultValueFactory = _ => 5, HelpName = "N" }, 0);
        var command = new Command("ingest", "Send an exchange log of any size to a running service, in bodies under its limit")
        {
            file, service, key, format, chunk, retries,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var apiKey = parseResult.GetValue(key) ?? Environment.GetEnvironmentVariable(KeyVariable);
            if (string.IsNullOrWhiteSpace(apiKey))
            {
                throw new UsageException($"give the service's key with --key or {KeyVariable}");
            }

            var baseText = CliOptions.ParseHttpUrl(parseResult.GetValue(service))!.ToString();
            var baseUri = new Uri(baseText.EndsWith('/') ? baseText : baseText + "/");
            var litellm = CliOptions.ParseFormat(parseResult.GetValue(format)) == InputFormat.LiteLlm;
            var settings = new IngestSettings
            {
                Endpoint = new Uri(baseUri, litellm ? "v1/exchanges/litellm" : "v1/exchanges"),
                ChunkBytes = parseResult.GetValue(chunk),
                Retries = parseResult.GetValue(retries),
            };
            return ExecuteAsync(context, parseResult.GetValue(file)!, apiKey, settings, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, string path, string apiKey, IngestSettings settings, CancellationToken cancellationToken)
    {
        // A share of the file is shown only where the bytes read are the file's: not for standard input or gzip.
        long? size = path != ExchangeInput.StandardInputPath && File.Exists(path) && !IsGzip(path) ? new FileInfo(path).Length : null;
        var input = InputFiles.Open(path, "input file");
        var summary = new IngestSummary();
        await using (input.ConfigureAwait(false))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            var uploader = new ExchangeUploader(http, settings, context.Time);
            long read = 0;
            await ProgressDisplay.RunAsync(
                context,
                () => Describe(summary, Interlocked.Read(ref read), size),
                async () =>
                {
                    await uploader.UploadAsync(input, summary, bytes => Interlocked.Exchange(ref read, bytes), cancellationToken).ConfigureAwait(false);
                    return summary;
                }).ConfigureAwait(false);
        }

        foreach (var (line, reason) in summary.FirstRejections)
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{CliApplication.Name} ingest: line {line} rejected: {reason}")).ConfigureAwait(false);
        }

        if (summary.Rejected > summary.FirstRejections.Count)
        {
            await context.Error.WriteLineAsync($"{CliApplication.Name} ingest: ... and {Formatting.Count(summary.Rejected - summary.FirstRejections.Count)} more rejected lines").ConfigureAwait(false);
        }

        await context.Out.WriteLineAsync(
            $"ingest: {Formatting.Count(summary.Lines)} lines in {Formatting.Count(summary.Bodies)} bodies to {settings.Endpoint}: "
            + $"{Formatting.Count(summary.Accepted)} accepted, {Formatting.Count(summary.Rejected)} rejected, {Formatting.Count(summary.Duplicates)} duplicates"
            + (summary.Retries > 0 ? $", {Formatting.Count(summary.Retries)} retries" : string.Empty)).ConfigureAwait(false);
        if (summary.AllRejected)
        {
            throw new InputException($"the service accepted 0 of {Formatting.Count(summary.Lines)} lines: every line was rejected (is it dg-exchange/1, or --format litellm?)");
        }

        return ExitCodes.Success;
    }

    private static string Describe(IngestSummary summary, long read, long? size)
    {
        var share = size is > 0 ? ": " + Formatting.Percent(Math.Min(1.0, (double)read / size.Value)) : string.Empty;
        return $"ingest: {Formatting.Count(read / (1024 * 1024))} MiB read, {Formatting.Count(summary.Bodies)} bodies answered, "
            + $"{Formatting.Count(summary.Accepted)} accepted, {Formatting.Count(summary.Rejected)} rejected{share}";
    }

    private static bool IsGzip(string path)
    {
        Span<byte> magic = stackalloc byte[2];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
