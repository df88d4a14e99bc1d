using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Classification and scoring users of <c>logprobs</c> (<c>kind: "logprobs"</c>): templated classification prompts,
/// one-token outputs with <c>top_logprobs</c>, moderate to high volume. <see cref="PopulationSpec.Count"/> is the
/// number of accounts.
/// </summary>
public sealed record LogprobsPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "logprobs";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range of exchanges per account on an active day.</summary>
    /// <value>Defaults to 100 to 600.</value>
    public IntRange ExchangesPerDay { get; set; } = IntRange.Of(100, 600);

    /// <summary>Gets or sets the range of <c>top_logprobs</c> asked for.</summary>
    /// <value>Defaults to 5 to 20.</value>
    public IntRange TopLogprobs { get; set; } = IntRange.Of(5, 20);

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "exchanges_per_day", ExchangesPerDay, 0);
        problems.Range(where, "top_logprobs", TopLogprobs, 0);
        if (TopLogprobs is { Max: > 20 })
        {
            problems.Add(where, "top_logprobs.max must be at most 20, the API's limit");
        }
    }
}
