using DistillGuard.Cli.Commands;
using DistillGuard.Core.Findings;
using DistillGuard.Ingest;
using DistillGuard.Ingest.Findings;
using DistillGuard.Ingest.Labels;
using DistillGuard.Simulation.Evaluation;

namespace DistillGuard.Cli.Evaluation;

/// <summary>What <c>evaluate</c> does, files to report; <c>demo</c> runs it too.</summary>
internal static class EvaluationJob
{
    /// <summary>Reads the findings and the labels, and evaluates the one against the other.</summary>
    /// <exception cref="InputException">A file is missing or not valid, or the labels or findings name a subject twice.</exception>
    public static async Task<EvaluationReport> EvaluateFilesAsync(string findingsPath, string labelsPath, CancellationToken cancellationToken)
    {
        FindingsDocument findings;
        var findingsStream = InputFiles.Open(findingsPath, "findings file");
        await using (findingsStream.ConfigureAwait(false))
        {
            findings = await FindingsJson.ReadAsync(findingsStream, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<SubjectLabel> labels;
        var labelsStream = InputFiles.Open(labelsPath, "labels file");
        await using (labelsStream.ConfigureAwait(false))
        {
            labels = await LabelsJson.ReadAsync(labelsStream, cancellationToken).ConfigureAwait(false);
        }

        return Evaluate(findings, labels);
    }

    /// <summary>Evaluates findings against labels.</summary>
    /// <exception cref="InputException">The labels or the findings name a subject twice, or a label is unknown.</exception>
    public static EvaluationReport Evaluate(FindingsDocument findings, IReadOnlyList<SubjectLabel> labels)
    {
        try
        {
            return Evaluator.Evaluate(findings, labels);
        }
        catch (ArgumentException ex)
        {
            // The evaluator's argument errors are faults of the files given: duplicate subjects, unknown labels.
            throw new InputException(ex.Message.Split(" (Parameter", 2)[0], ex);
        }
    }

    /// <summary>Writes the report as JSON, through a temporary file.</summary>
    public static Task WriteJsonAsync(string path, EvaluationReport report, CancellationToken cancellationToken) =>
        OutputFiles.WriteAtomicallyAsync(path, (stream, ct) => EvaluationJson.WriteAsync(stream, report, ct), cancellationToken);
}
