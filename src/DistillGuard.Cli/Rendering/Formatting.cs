using System.Globalization;
using DistillGuard.Core.Findings;

namespace DistillGuard.Cli.Rendering;

/// <summary>How numbers and verdicts are written in the CLI's tables: invariant culture throughout.</summary>
internal static class Formatting
{
    /// <summary>Writes a count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Writes a score or a value in [0, 1] with two decimals.</summary>
    public static string Score(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Writes a share as a percentage with one decimal.</summary>
    public static string Percent(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary>Writes a rate per second with thousands separators.</summary>
    public static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Writes a number with the given decimals.</summary>
    public static string Number(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Writes a verdict as <c>dg-findings/1</c> spells it.</summary>
    public static string Verdict(Verdict verdict) => verdict switch
    {
        Core.Findings.Verdict.Distillation => "distillation",
        Core.Findings.Verdict.Suspicious => "suspicious",
        _ => "benign",
    };

    /// <summary>Writes a timestamp in RFC 3339 UTC, or a dash.</summary>
    public static string Timestamp(DateTimeOffset? value) =>
        value is { } ts ? ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";
}
