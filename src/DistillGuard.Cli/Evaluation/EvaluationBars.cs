using System.CommandLine;
using DistillGuard.Cli.Commands;
using DistillGuard.Simulation.Evaluation;

namespace DistillGuard.Cli.Evaluation;

/// <summary>
/// The evaluation options of <c>evaluate</c> and <c>demo</c>: the bars, each optional (no bar means nothing to miss),
/// and the definition of a found campaign.
/// </summary>
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

    private readonly Option<double?> _minPurity = CliOptions.Fraction(new Option<double?>("--min-purity")
    {
        Description = "Fail (exit 1) when the mean purity of found campaigns is below this, in [0, 1]",
        HelpName = "P",
    });

    private readonly Option<double?> _minCompleteness = CliOptions.Fraction(new Option<double?>("--min-completeness")
    {
        Description = "Fail (exit 1) when the mean completeness of labelled campaigns (3 or more members) is below this, in [0, 1]",
        HelpName = "C",
    });

    private readonly Option<double?> _maxHarvestShare = CliOptions.Fraction(new Option<double?>("--max-harvest-share")
    {
        Description = "Fail (exit 1) when attackers were served more than this share of their visible output tokens before distillation, overall or in any labelled campaign, in [0, 1]",
        HelpName = "H",
    });

    private readonly Option<double?> _foundPurity = CliOptions.Fraction(new Option<double?>("--found-purity")
    {
        Description = "A labelled campaign counts as found only in a found campaign at least this pure, in [0, 1] (default 0.95)",
        HelpName = "P",
    });

    private readonly Option<double?> _foundCompleteness = CliOptions.Fraction(new Option<double?>("--found-completeness")
    {
        Description = "A labelled campaign counts as found only with at least this share of its members in one found campaign, in [0, 1] (default 0.8)",
        HelpName = "C",
    });

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(_minRecall);
        command.Add(_maxFpr);
        command.Add(_minPrecision);
        command.Add(_minPurity);
        command.Add(_minCompleteness);
        command.Add(_maxHarvestShare);
        command.Add(_foundPurity);
        command.Add(_foundCompleteness);
    }

    /// <summary>Gets the thresholds given, or <see langword="null"/> when no bar was given.</summary>
    public EvaluationThresholds? GetThresholds(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var minRecall = parseResult.GetValue(_minRecall);
        var maxFpr = parseResult.GetValue(_maxFpr);
        var minPrecision = parseResult.GetValue(_minPrecision);
        var minPurity = parseResult.GetValue(_minPurity);
        var minCompleteness = parseResult.GetValue(_minCompleteness);
        var maxHarvestShare = parseResult.GetValue(_maxHarvestShare);
        if (minRecall is null && maxFpr is null && minPrecision is null && minPurity is null && minCompleteness is null && maxHarvestShare is null)
        {
            return null;
        }

        // A bar not given cannot be missed: recall ≥ 0 and a rate ≤ 1 always hold.
        return new EvaluationThresholds
        {
            MinRecall = minRecall ?? 0,
            MaxFpr = maxFpr ?? 1,
            MinPrecision = minPrecision,
            MinPurity = minPurity,
            MinCompleteness = minCompleteness,
            MaxHarvestShare = maxHarvestShare,
        };
    }

    /// <summary>Gets the definitions to measure by: the defaults, with the thresholds of a found campaign given.</summary>
    public EvaluationOptions GetOptions(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var options = new EvaluationOptions();
        options.FoundPurity = parseResult.GetValue(_foundPurity) ?? options.FoundPurity;
        options.FoundCompleteness = parseResult.GetValue(_foundCompleteness) ?? options.FoundCompleteness;
        return options;
    }
}
