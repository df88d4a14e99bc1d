using System.CommandLine;
using DistillGuard.Cli.Commands;
using DistillGuard.Simulation.Evaluation;

namespace DistillGuard.Cli.Evaluation;

/// <summary>The bar options of <c>evaluate</c> and <c>demo</c>: each optional, and no bar means nothing to miss.</summary>
internal sealed class EvaluationBars
{
    private readonly Option<double?> _minRecall = CliOptions.Fraction(new Option<double?>("--min-recall")
    {
        Description = "Fail (exit 1) when fewer labelled attackers than this are flagged suspicious or worse, in [0, 1]",
        HelpName = "X",
    });

    private readonly Option<double?> _maxFpr = CliOptions.Fraction(new Option<double?>("--max-fpr")
    {
        Description = "Fail (exit 1) when more benign subjects than this get a distillation verdict, overall or in any population, in [0, 1]",
        HelpName = "Y",
    });

    private readonly Option<double?> _minPrecision = CliOptions.Fraction(new Option<double?>("--min-precision")
    {
        Description = "Fail (exit 1) when fewer distillation verdicts than this are right, in [0, 1]",
        HelpName = "Z",
    });

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(_minRecall);
        command.Add(_maxFpr);
        command.Add(_minPrecision);
    }

    /// <summary>Gets the thresholds given, or <see langword="null"/> when no bar was given.</summary>
    public EvaluationThresholds? GetThresholds(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var minRecall = parseResult.GetValue(_minRecall);
        var maxFpr = parseResult.GetValue(_maxFpr);
        var minPrecision = parseResult.GetValue(_minPrecision);
        if (minRecall is null && maxFpr is null && minPrecision is null)
        {
            return null;
        }

        // A bar not given cannot be missed: recall ≥ 0 and a rate ≤ 1 always hold.
        return new EvaluationThresholds { MinRecall = minRecall ?? 0, MaxFpr = maxFpr ?? 1, MinPrecision = minPrecision };
    }
}
