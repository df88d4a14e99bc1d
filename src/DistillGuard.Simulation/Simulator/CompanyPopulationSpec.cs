using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Small companies (<c>kind: "company"</c>): several accounts on one payment fingerprint and one company e-mail domain,
/// office and cloud-backend addresses, business hours, app-style prompts. <see cref="PopulationSpec.Count"/> is the
/// number of companies.
/// </summary>
public sealed record CompanyPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "company";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range of accounts per company.</summary>
    /// <value>Defaults to 2 to 6.</value>
    public IntRange AccountsPerCompany { get; set; } = IntRange.Of(2, 6);

    /// <summary>Gets or sets the range of exchanges per account on a working day.</summary>
    /// <value>Defaults to 8 to 40.</value>
    public IntRange ExchangesPerWorkingDay { get; set; } = IntRange.Of(8, 40);

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "accounts_per_company", AccountsPerCompany, 1);
        problems.Range(where, "exchanges_per_working_day", ExchangesPerWorkingDay, 0);
    }
}
