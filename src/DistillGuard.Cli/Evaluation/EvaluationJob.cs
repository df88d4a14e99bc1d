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
    public static async Task<EvaluationReport> EvaluateFilesAsync(string findingsPath, string labelsPath, EvaluationOptions options, CancellationToken cancellationToken)
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

        return Evaluate(findings, labels, options);
    }

    /// <summary>Evaluates findings against labels.</summary>
    /// <exception cref="InputException">
    /// The labels or the findings name a subject twice, a label is unknown, or an account's labelled end users were
    /// served more than the account.
    /// </exception>
    public static EvaluationReport Evaluate(FindingsDocument findings, IReadOnlyList<SubjectLabel> labels, EvaluationOptions options)
    {
        try
        {
            return Evaluator.Evaluate(findings, labels, options);
        }
        catch (ArgumentException ex)
        {
            // The evaluator's argument errors are faults of the files given: duplicate subjects, unknown labels, counts
            // that do not add up.
            throw new InputException(ex.Message.Split(" (Parameter", 2)[0], ex);
        }
    }

    /// <summary>Checks that every bar given can be judged on the report.</summary>
    /// <exception cref="InputException">A harvest bar is given for findings without harvest counts: unavailable is not zero.</exception>
    public static void EnsureBarsApply(EvaluationReport report, EvaluationThresholds? thresholds)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (thresholds?.MaxHarvestShare is not null && report.Harvest is null)
        {
            throw new InputException("--max-harvest-share needs harvest counts in the findings (output_tokens on every subject); these findings have none");
        }
    }

    /// <summary>Writes the report as JSON, through a temporary file.</summary>
    public static Task WriteJsonAsync(string path, EvaluationReport report, CancellationToken cancellationToken) =>
        OutputFiles.WriteAtomicallyAsync(path, (stream, ct) => EvaluationJson.WriteAsync(stream, report, ct), cancellationToken);
}
