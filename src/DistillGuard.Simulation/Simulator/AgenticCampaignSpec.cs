using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Tool-use harvesting (<c>kind: "agentic"</c>): fronts that run an open-source coding agent (the same agents, system
/// prompts and settings developers use) over public coding tasks, each task swept across programming languages, in
/// trajectories of tool calls whose results never vary the way a real repository's do: write the file, run the tests,
/// everything passes. Only the programming items of <see cref="AdaptiveCampaignSpec.Corpora"/> are swept.
/// </summary>
public sealed record AgenticCampaignSpec : AdaptiveCampaignSpec
{
    /// <summary>The value of <c>kind</c> for this campaign.</summary>
    public const string KindName = "agentic";

    /// <summary>Initialises the spec; by default the tasks are HumanEval's.</summary>
    public AgenticCampaignSpec()
    {
        Corpora = [CorpusSource.HumanEval];
        ExchangesPerActiveDay = IntRange.Of(12, 40);
    }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the number of accounts at scale 1.</summary>
    /// <value>Defaults to 30.</value>
    public int Accounts { get; set; } = 30;

    /// <summary>Gets or sets the programming languages each task is swept across (Python, TypeScript, JavaScript, Go, Rust, Java, C++, C#).</summary>
    /// <value>Defaults to Python, TypeScript, Go, Rust and Java.</value>
    public IReadOnlyList<string> CodeLanguages { get; set; } = ["Python", "TypeScript", "Go", "Rust", "Java"];

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        problems.NonNegative(where, "accounts", Accounts);
        var known = Text.AgentTranscripts.Languages.Select(l => l.Language).ToList();
        if (CodeLanguages is null || CodeLanguages.Count == 0)
        {
            problems.Add(where, "code_languages must name at least one language");
        }
        else
        {
            foreach (var language in CodeLanguages.Where(l => !known.Contains(l, StringComparer.Ordinal)))
            {
                problems.Add(where, $"unknown code language '{language}'; expected one of: {string.Join(", ", known)}");
            }
        }
    }
}
