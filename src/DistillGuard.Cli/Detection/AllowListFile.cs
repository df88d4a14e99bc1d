using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using DistillGuard.Cli.Commands;
using DistillGuard.Ingest;
using DistillGuard.Simulation.Simulator;

namespace DistillGuard.Cli.Detection;

/// <summary>
/// Reads the provider's allow-list for <c>detect --allow-list</c>: a <c>dg-sim-allowlist/1</c> JSON document, as
/// <c>simulate</c> writes it (<c>allowlist.json</c>).
/// </summary>
/// <remarks>
/// <code>
/// { "format": "dg-sim-allowlist/1", "accounts": [ { "account_id": "acct_7f3a", "population": "...", "reason": "..." } ] }
/// </code>
/// Only <c>format</c>, <c>accounts</c> and each entry's <c>account_id</c> (a non-empty string) are required; other
/// fields are read past, so a provider's own list needs no simulator fields. An id listed twice counts once.
/// </remarks>
internal static class AllowListFile
{
    private const string What = "allow-list file";

    /// <summary>Reads the allow-listed account ids.</summary>
    /// <param name="path">The file (plain or gzip).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The account ids, compared ordinally.</returns>
    /// <exception cref="InputException">The file is missing, is not JSON, or is not a <c>dg-sim-allowlist/1</c> document.</exception>
    public static async Task<FrozenSet<string>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = InputFiles.Open(path, What);
        await using (stream.ConfigureAwait(false))
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                var line = ex.LineNumber is { } number ? string.Create(CultureInfo.InvariantCulture, $" (line {number + 1})") : string.Empty;
                throw new InputException($"{What} '{path}' is not valid JSON{line}; expected a {AllowListDocument.FormatName} document", ex);
            }
            catch (IOException ex)
            {
                throw new InputException($"{What} '{path}' cannot be read: {ex.Message}", ex);
            }

            using (document)
            {
                return Parse(document.RootElement, path);
            }
        }
    }

    private static FrozenSet<string> Parse(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad(path, $"is a JSON {Kind(root)}, not a {AllowListDocument.FormatName} document");
        }

        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String)
        {
            throw Bad(path, $"has no 'format'; expected \"{AllowListDocument.FormatName}\"");
        }

        if (!string.Equals(format.GetString(), AllowListDocument.FormatName, StringComparison.Ordinal))
        {
            throw Bad(path, $"has format \"{format.GetString()}\"; expected \"{AllowListDocument.FormatName}\"");
        }

        if (!root.TryGetProperty("accounts", out var accounts) || accounts.ValueKind != JsonValueKind.Array)
        {
            throw Bad(path, "has no 'accounts' list");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in accounts.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object
                || !entry.TryGetProperty("account_id", out var id)
                || id.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(id.GetString()))
            {
                throw Bad(path, string.Create(CultureInfo.InvariantCulture, $"accounts[{index}] has no 'account_id' (a non-empty string)"));
            }

            ids.Add(id.GetString()!);
            index++;
        }

        return ids.ToFrozenSet(StringComparer.Ordinal);
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static InputException Bad(string path, string problem) => new($"{What} '{path}' {problem}");
}
