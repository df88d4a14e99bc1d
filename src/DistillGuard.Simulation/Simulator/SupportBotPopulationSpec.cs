using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A support-bot vendor (<c>kind: "support-bot"</c>): the bots it runs for many businesses send one template (the
/// business's name and knowledge snippet around the customer's message) and draw long, detailed answers, in business
/// hours across time zones. <see cref="PopulationSpec.Count"/> is the number of accounts.
/// </summary>
public sealed record SupportBotPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "support-bot";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range of exchanges per account per day.</summary>
    /// <value>Defaults to 600 to 1,800.</value>
    public IntRange ExchangesPerDay { get; set; } = IntRange.Of(600, 1800);

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "exchanges_per_day", ExchangesPerDay, 0);
    }
}
