using System.Globalization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>Collects what is wrong with a scenario, each problem naming the entry and field it is about.</summary>
internal sealed class ScenarioProblems
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Items => _problems;

    public void Add(string where, string message) => _problems.Add($"{where}: {message}");

    public void NonNegative(string where, string field, int value)
    {
        if (value < 0)
        {
            Add(where, string.Create(CultureInfo.InvariantCulture, $"{field} must not be negative (got {value})"));
        }
    }

    public void Positive(string where, string field, int value)
    {
        if (value <= 0)
        {
            Add(where, string.Create(CultureInfo.InvariantCulture, $"{field} must be at least 1 (got {value})"));
        }
    }

    public void Probability(string where, string field, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            Add(where, string.Create(CultureInfo.InvariantCulture, $"{field} must be between 0 and 1 (got {value})"));
        }
    }

    public void Range(string where, string field, IntRange? range, int lowest)
    {
        if (range is null)
        {
            Add(where, $"{field} is required");
            return;
        }

        if (range.Min < lowest)
        {
            Add(where, string.Create(CultureInfo.InvariantCulture, $"{field}.min must be at least {lowest} (got {range.Min})"));
        }

        if (range.Max < range.Min)
        {
            Add(where, string.Create(CultureInfo.InvariantCulture, $"{field}.max ({range.Max}) must not be less than {field}.min ({range.Min})"));
        }
    }

    public void Range(string where, string field, DoubleRange? range, double lowest, double highest)
    {
        if (range is null)
        {
            Add(where, $"{field} is required");
            return;
        }

        if (!(range.Min >= lowest && range.Max <= highest))
        {
            Add(where, string.Create(CultureInfo.InvariantCulture, $"{field} must lie between {lowest} and {highest} (got {range.Min} to {range.Max})"));
        }

        if (range.Max < range.Min)
        {
            Add(where, string.Create(CultureInfo.InvariantCulture, $"{field}.max ({range.Max}) must not be less than {field}.min ({range.Min})"));
        }
    }
}
