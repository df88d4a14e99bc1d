using System.Text.Json;

namespace DistillGuard.Simulation.Simulator;

/// <summary>Writes and reads a simulation's allow-list output (<see cref="AllowListDocument"/>).</summary>
public static class AllowListJson
{
    /// <summary>Writes the allow-list.</summary>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="entries">The allow-listed accounts.</param>
    public static void Write(Stream stream, IReadOnlyList<AllowListEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(entries);
        JsonSerializer.Serialize(stream, new AllowListDocument { Accounts = entries }, AllowListJsonContext.Default.AllowListDocument);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Reads an allow-list.</summary>
    /// <param name="stream">The document.</param>
    /// <returns>The allow-listed accounts.</returns>
    /// <exception cref="JsonException">The stream does not hold an allow-list document.</exception>
    public static IReadOnlyList<AllowListEntry> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var document = JsonSerializer.Deserialize(stream, AllowListJsonContext.Default.AllowListDocument)
            ?? throw new JsonException("the allow-list file holds null");
        if (!string.Equals(document.Format, AllowListDocument.FormatName, StringComparison.Ordinal))
        {
            throw new JsonException($"the allow-list format is '{document.Format}', expected '{AllowListDocument.FormatName}'");
        }

        return document.Accounts;
    }
}
