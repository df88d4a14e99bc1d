using System.Text.Json;

namespace DistillGuard.Server.Dossier;

/// <summary>
/// The detector's measured quality on the held-out evaluation, as shipped with this build
/// (<c>Dossier/measured-quality.json</c>, embedded; the figures of the README's "Measured quality and speed").
/// </summary>
internal sealed record MeasuredQuality(string Source, IReadOnlyList<KeyValuePair<string, string>> Figures)
{
    private const string ResourceName = "DistillGuard.Server.Dossier.measured-quality.json";

    private static readonly Lazy<MeasuredQuality> Shipped = new(Read);

    /// <summary>Gets the shipped figures (read once).</summary>
    public static MeasuredQuality Load() => Shipped.Value;

    private static MeasuredQuality Read()
    {
        using var stream = typeof(MeasuredQuality).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the resource {ResourceName} is missing from the build");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var figures = root.GetProperty("figures").EnumerateArray()
            .Select(f => new KeyValuePair<string, string>(f[0].GetString()!, f[1].GetString()!))
            .ToList();
        return new MeasuredQuality(root.GetProperty("source").GetString()!, figures);
    }
}
