using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using DistillGuard.Cli.Ingestion;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard dossier</c>: a campaign's evidence dossier (HTML, or the PDF the service prints from it) from a
/// running service's <c>GET /v1/campaigns/{id}/dossier</c>, written whole to a file or to standard output.
/// </summary>
internal static class DossierCommand
{
    private const string Html = "html";
    private const string Pdf = "pdf";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var campaign = new Option<string>("--campaign") { Description = "The campaign's id, for example cmp_0003", Required = true, HelpName = "ID" };
        var service = CliOptions.HttpUrl(new Option<string?>("--service") { Description = "The service, for example http://127.0.0.1:5080 (a gateway: http://127.0.0.1:5081/distillguard)", Required = true, HelpName = "URL" });
        var key = new Option<string?>("--key", "--api-key") { Description = $"An analyst (or admin) key; {IngestCommand.KeyVariable} when not given", HelpName = "KEY" };
        var output = CliOptions.RequiredPath("--out", "Where to write the dossier; '-' writes standard output");
        var format = new Option<string?>("--format")
        {
            Description = "pdf or html; by default html when --out ends in .html or .htm, otherwise pdf",
            HelpName = "pdf|html",
        }.AcceptOnlyFromAmong(Pdf, Html);
        var command = new Command("dossier", "Write a campaign's evidence dossier (PDF or HTML) from a running service") { campaign, service, key, output, format };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var apiKey = parseResult.GetValue(key) ?? Environment.GetEnvironmentVariable(IngestCommand.KeyVariable);
            if (string.IsNullOrWhiteSpace(apiKey))
            {
                throw new UsageException($"give the service's key with --key or {IngestCommand.KeyVariable}");
            }

            var id = parseResult.GetValue(campaign)!;
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new UsageException("--campaign must name a campaign");
            }

            var path = parseResult.GetValue(output)!;
            OutputFiles.EnsureWritable(path, "dossier file");
            var kind = parseResult.GetValue(format)
                ?? (path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase) ? Html : Pdf);
            var baseText = CliOptions.ParseHttpUrl(parseResult.GetValue(service))!.ToString();
            var endpoint = new Uri(new Uri(baseText.EndsWith('/') ? baseText : baseText + "/"), $"v1/campaigns/{Uri.EscapeDataString(id)}/dossier?format={kind}");
            return ExecuteAsync(context, endpoint, apiKey, id, kind, path, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, Uri endpoint, string apiKey, string id, string kind, string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(endpoint, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new UsageException($"{endpoint}: cannot reach the service: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var message = string.Create(CultureInfo.InvariantCulture, $"GET {endpoint}: {(int)response.StatusCode} {ErrorMessage(text)}");
                throw (int)response.StatusCode is >= 400 and < 500 ? new UsageException(message) : new IngestServiceException(message);
            }

            var expected = kind == Pdf ? "application/pdf" : "text/html";
            if (response.Content.Headers.ContentType?.MediaType != expected)
            {
                throw new IngestServiceException($"GET {endpoint}: the service answered {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not {expected}");
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            await OutputFiles.WriteAtomicallyAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken).ConfigureAwait(false);
            var hash = response.Headers.TryGetValues("X-DistillGuard-Content-Hash", out var values) ? values.FirstOrDefault() : null;
            var line = $"dossier: campaign {id} ({kind}, {bytes.Length.ToString("#,0", CultureInfo.InvariantCulture)} bytes, content hash {hash ?? "not given"}) to {path}";

            // With the dossier on standard output, the summary goes to standard error.
            await (path == OutputFiles.StandardOutputPath ? context.Error : context.Out).WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not the API's error body: the text itself is shown.
        }

        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length > 300 ? line[..300] : line;
    }
}
