using System.Text.Json;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>Reads and writes <see cref="EvaluationReport"/> as indented snake_case JSON (what <c>distillguard evaluate --json</c> writes).</summary>
public static class EvaluationJson
{
    /// <summary>Serialises a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, EvaluationJsonContext.Default.EvaluationReport);
    }

    /// <summary>Writes a report to a stream.</summary>
    /// <param name="stream">The stream; left open.</param>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the report is written.</returns>
    public static Task WriteAsync(Stream stream, EvaluationReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.SerializeAsync(stream, report, EvaluationJsonContext.Default.EvaluationReport, cancellationToken);
    }

    /// <summary>Parses a report written by <see cref="Serialize"/> or <see cref="WriteAsync"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The report.</returns>
    /// <exception cref="JsonException">The text is not a report.</exception>
    public static EvaluationReport Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, EvaluationJsonContext.Default.EvaluationReport)
            ?? throw new JsonException("The JSON holds null, not an evaluation report.");
    }
}
