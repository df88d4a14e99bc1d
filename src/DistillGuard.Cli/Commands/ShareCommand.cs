using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DistillGuard.Cli.Rendering;
using DistillGuard.Ingest;
using DistillGuard.Ingest.Findings;
using DistillGuard.Server.Sharing;
using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Pseudonymisation;
using DistillGuard.Sharing.Stix;
using DistillGuard.Sharing.Taxii;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard share export|publish|pull</c>: a campaign as a STIX 2.1 bundle (from a findings file and the trust
/// group's key file, or from a running service), publishing a service's campaigns to its TAXII collection, and pulling
/// a peer's TAXII collection (resumable by <c>next</c> and <c>added_after</c>) into a service or a bundle file.
/// </summary>
internal static class ShareCommand
{
    /// <summary>Builds <c>share</c>.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("share", "Share campaign indicators with the providers of a trust group (STIX 2.1 over TAXII 2.1)");
        command.Subcommands.Add(Export(context));
        command.Subcommands.Add(Publish(context));
        command.Subcommands.Add(Pull(context));
        return command;
    }

    private static Option<string?> Service() => new("--service") { Description = "A running DistillGuard service", HelpName = "URL" };

    private static Option<string?> ApiKey() => new("--api-key") { Description = "The service's API key (admin for publish and pull, analyst for export)", HelpName = "KEY" };

    private static Command Export(CliContext context)
    {
        var campaign = new Option<string>("--campaign") { Description = "The campaign's id, for example cmp_0003", Required = true, HelpName = "ID" };
        var tlp = new Option<string?>("--tlp") { Description = "TLP level: clear, green, amber (default), amber+strict; red never leaves", HelpName = "LEVEL" };
        var findings = CliOptions.OptionalPath("--findings", "A findings file written by 'distillguard detect'");
        var keyFile = CliOptions.OptionalPath("--key-file", "The trust group's key file: {\"producer_name\": ..., \"keys\": [{\"epoch\", \"key\" (base64), \"active_from\"}]}");
        var service = Service();
        var apiKey = ApiKey();
        var output = CliOptions.RequiredPath("--out", "Where to write the bundle (application/stix+json)");
        var command = new Command("export", "Write a campaign as a STIX 2.1 bundle of pseudonymised indicators") { campaign, tlp, findings, keyFile, service, apiKey, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var level = ParseTlp(parse.GetValue(tlp));
            var id = parse.GetValue(campaign)!;
            string json;
            if (parse.GetValue(findings) is { } findingsPath)
            {
                if (parse.GetValue(service) is not null)
                {
                    throw new UsageException("give either --findings with --key-file, or --service with --api-key, not both");
                }

                json = await ExportFromFileAsync(context, id, level, findingsPath, parse.GetValue(keyFile) ?? throw new UsageException("--findings needs --key-file (the trust group's keys)"), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var (http, baseUri) = ServiceClient(AbsoluteUri(parse.GetValue(service), "--service"), parse.GetValue(apiKey));
                using (http)
                {
                    var query = level is null ? string.Empty : "?tlp=" + Uri.EscapeDataString(parse.GetValue(tlp)!);
                    json = await SendAsync(http, HttpMethod.Get, new Uri(baseUri, $"v1/share/export/{Uri.EscapeDataString(id)}{query}"), null, cancellationToken).ConfigureAwait(false);
                }
            }

            var path = parse.GetValue(output)!;
            await File.WriteAllTextAsync(path, json, cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"share export: wrote campaign {id} to {path}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Publish(CliContext context)
    {
        var service = Service();
        service.Required = true;
        var apiKey = ApiKey();
        apiKey.Required = true;
        var command = new Command("publish", "Ask a running service to publish its new or changed campaigns to its local TAXII collection") { service, apiKey };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (http, baseUri) = ServiceClient(AbsoluteUri(parse.GetValue(service), "--service"), parse.GetValue(apiKey));
            using (http)
            {
                var answer = await SendAsync(http, HttpMethod.Post, new Uri(baseUri, "v1/share/publish"), null, cancellationToken).ConfigureAwait(false);
                using var document = JsonDocument.Parse(answer);
                var published = document.RootElement.GetProperty("published");
                await context.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"share publish: {published.GetArrayLength()} campaign(s) published to collection {document.RootElement.GetProperty("collection").GetString()}, "
                    + $"{document.RootElement.GetProperty("skipped").GetArrayLength()} skipped")).ConfigureAwait(false);
                foreach (var item in published.EnumerateArray())
                {
                    await context.Out.WriteLineAsync($"  {item.GetProperty("campaign").GetString()}: bundle {item.GetProperty("bundle").GetString()}, {item.GetProperty("objects").GetInt32()} objects").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Pull(CliContext context)
    {
        var peer = new Option<string>("--peer") { Description = "The peer's TAXII API root, for example https://peer.example/taxii2/trust-group/", Required = true, HelpName = "URL" };
        var collection = new Option<string>("--collection") { Description = "The id of the peer's collection", Required = true, HelpName = "ID" };
        var user = new Option<string?>("--user") { Description = "HTTP Basic username at the peer", HelpName = "USER" };
        var password = new Option<string?>("--password") { Description = "HTTP Basic password at the peer", HelpName = "PASSWORD" };
        var token = new Option<string?>("--token") { Description = "Bearer token at the peer", HelpName = "TOKEN" };
        var name = new Option<string?>("--name") { Description = "The peer's name in findings (default: from its host)", HelpName = "NAME" };
        var service = Service();
        var apiKey = ApiKey();
        var output = CliOptions.OptionalPath("--out", "Write what was received as a bundle file instead of storing it in a service");
        var state = CliOptions.OptionalPath("--state", "Where the cursor is kept between pulls (default: the --out file + .state, or ./distillguard-pull-NAME.state)");
        var command = new Command("pull", "Pull the new objects of a peer's TAXII collection, resuming where the last pull stopped")
        {
            peer, collection, user, password, token, name, service, apiKey, output, state,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var apiRoot = AbsoluteUri(parse.GetValue(peer), "--peer");
            var peerName = parse.GetValue(name) ?? PeerName(apiRoot);
            var outPath = parse.GetValue(output);
            var serviceUri = parse.GetValue(service) is { } serviceText ? AbsoluteUri(serviceText, "--service") : null;
            if ((outPath is null) == (serviceUri is null))
            {
                throw new UsageException("give either --out FILE or --service URL with --api-key");
            }

            var options = new TaxiiClientOptions { ApiRoot = apiRoot, Username = parse.GetValue(user), Password = parse.GetValue(password), Token = parse.GetValue(token) };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UsageException("--peer, --user, --password, --token: " + ex.Message);
            }

            var statePath = parse.GetValue(state) ?? (outPath is null ? $"distillguard-pull-{peerName}.state" : outPath + ".state");
            var (serviceHttp, serviceBase) = serviceUri is null ? (null, null) : ServiceClient(serviceUri, parse.GetValue(apiKey));
            using var peerHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            using (serviceHttp)
            {
                var client = new TaxiiClient(peerHttp, options, context.Time);
                var cursor = await ReadStateAsync(statePath, cancellationToken).ConfigureAwait(false);

                // Only a bundle file needs the objects kept until the end; a service gets them page by page.
                var received = outPath is null ? null : new List<string>();
                var count = 0L;
                try
                {
                    await ProgressDisplay.RunWithStatusAsync(context, async status =>
                    {
                        status?.Invoke($"share pull: asking {peerName}");
                        await foreach (var page in client.GetAllObjectsAsync(parse.GetValue(collection)!, cursor, cancellationToken).ConfigureAwait(false))
                        {
                            var objects = page.Objects.Select(o => o.GetRawText()).ToList();
                            if (serviceHttp is not null && objects.Count > 0)
                            {
                                var body = "{\"objects\":[" + string.Join(',', objects) + "]}";
                                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                                await SendAsync(serviceHttp, HttpMethod.Post, new Uri(serviceBase!, $"v1/share/import?peer={Uri.EscapeDataString(peerName)}"), content, cancellationToken).ConfigureAwait(false);
                                await WriteStateAsync(statePath, page.Cursor, cancellationToken).ConfigureAwait(false);
                            }

                            received?.AddRange(objects);
                            count += objects.Count;
                            cursor = page.Cursor;
                            status?.Invoke($"share pull: {Formatting.Count(count)} object(s) from {peerName}");
                        }

                        return count;
                    }).ConfigureAwait(false);
                }
                catch (TaxiiException ex)
                {
                    throw new UsageException(ex.Message, ex);
                }

                if (received is not null)
                {
                    var bundle = $"{{\"type\":\"bundle\",\"id\":\"{StixIdGenerator.CreateCryptographic().NewId(StixBundle.TypeName)}\",\"objects\":[{string.Join(',', received)}]}}";
                    await File.WriteAllTextAsync(outPath!, bundle, cancellationToken).ConfigureAwait(false);
                }

                await WriteStateAsync(statePath, cursor, cancellationToken).ConfigureAwait(false);
                await context.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"share pull: {count} new object(s) from {peerName} {(outPath is null ? "stored in the service" : "written to " + outPath)}; cursor in {statePath}")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<string> ExportFromFileAsync(CliContext context, string campaignId, TrafficLightProtocol? tlp, string findingsPath, string keyPath, CancellationToken cancellationToken)
    {
        var (producer, keys) = await ReadKeyFileAsync(keyPath, cancellationToken).ConfigureAwait(false);
        Core.Findings.FindingsDocument findings;
        var stream = File.OpenRead(findingsPath);
        await using (stream.ConfigureAwait(false))
        {
            findings = await FindingsJson.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        var campaign = findings.Campaigns.FirstOrDefault(c => c.Id == campaignId) ?? throw new UsageException($"--campaign: there is no campaign {campaignId} in {findingsPath}");
        var ids = StixIdGenerator.CreateCryptographic();
        var ring = new PseudonymKeyRing(keys, context.Time);
        var builder = new CampaignBundleBuilder(new SharingPolicy(), ring, ids, context.Time);
        var members = campaign.Subjects.ToHashSet();
        try
        {
            var bundle = builder.Build(new CampaignExportRequest
            {
                Campaign = campaign,
                Subjects = [.. findings.Subjects.Where(s => members.Contains(new Core.Findings.SubjectKey(s.AccountId, s.EndUserId)))],
                Producer = CampaignBundleBuilder.CreateProducerIdentity(producer, ids, context.Time),
                Tlp = tlp,
                LastSeen = findings.Input.LastTimestamp,
            });
            return StixSerializer.Serialize(bundle, indented: true);
        }
        catch (SharingRefusedException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    private static async Task<(string Producer, List<TrustGroupKey> Keys)> ReadKeyFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            var root = document.RootElement;
            var producer = root.GetProperty("producer_name").GetString();
            var keys = root.GetProperty("keys").EnumerateArray().Select(k => new TrustGroupKey
            {
                Epoch = k.GetProperty("epoch").GetInt32(),
                Key = Convert.FromBase64String(k.GetProperty("key").GetString()!),
                ActiveFrom = k.GetProperty("active_from").GetDateTimeOffset(),
            }).ToList();
            if (string.IsNullOrWhiteSpace(producer) || keys.Count == 0 || keys.Any(k => k.Key.Length < TrustGroupKey.MinimumKeyBytes))
            {
                throw new FormatException($"it needs a producer_name and keys of at least {TrustGroupKey.MinimumKeyBytes} bytes");
            }

            return (producer, keys);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UsageException($"--key-file: {path} is not a key file ({ex.Message})", ex);
        }
    }

    private static TrafficLightProtocol? ParseTlp(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!SharingOptions.TryParseTlp(text, out var level))
        {
            throw new UsageException($"--tlp must be clear, green, amber or amber+strict; got '{text}'");
        }

        return level == TrafficLightProtocol.Red ? throw new UsageException("--tlp red: TLP:RED never leaves") : level;
    }

    /// <summary>A client of a running service at <paramref name="service"/> (checked by <see cref="AbsoluteUri"/>).</summary>
    private static (HttpClient Http, Uri BaseUri) ServiceClient(Uri service, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new UsageException("--service needs --api-key");
        }

        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var text = service.ToString();
        return (http, new Uri(text.EndsWith('/') ? text : text + "/"));
    }

    private static async Task<string> SendAsync(HttpClient http, HttpMethod method, Uri uri, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new UsageException($"{uri}: cannot reach the service: {ex.Message}", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{method} {uri}: {(int)response.StatusCode} {body.ReplaceLineEndings(" ")}"));
            }

            return body;
        }
    }

    private static async Task<TaxiiPullCursor> ReadStateAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return TaxiiPullCursor.Start;
        }

        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            var root = document.RootElement;
            DateTimeOffset? after = root.TryGetProperty("added_after", out var a) && a.ValueKind == JsonValueKind.String ? a.GetDateTimeOffset() : null;
            var next = root.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            return new TaxiiPullCursor(after, next);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new UsageException($"--state: {path} is not a pull state file ({ex.Message})", ex);
        }
    }

    private static Task WriteStateAsync(string path, TaxiiPullCursor cursor, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("added_after", cursor.AddedAfter?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("next", cursor.Next);
            writer.WriteEndObject();
        }

        return File.WriteAllBytesAsync(path, buffer.ToArray(), cancellationToken);
    }

    private static Uri AbsoluteUri(string? text, string option) =>
        CliOptions.ParseHttpUrl(text) ?? throw new UsageException($"{option} must be an absolute http or https URL{(text is null ? " (or give --findings and --key-file)" : $"; got '{text}'")}");

    private static string PeerName(Uri apiRoot)
    {
        var name = new string([.. apiRoot.Host.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-')]).Trim('-');
        return name.Length is > 0 and <= 64 ? name : "peer";
    }
}
