using DistillGuard.Simulation.Simulator;

namespace DistillGuard.Simulation.Tests.Simulator;

public sealed class ScenarioTests
{
    // The adaptive families live in data/scenarios/adaptive-*.json; the default scenario keeps its bytes without them.
    private static readonly string[] AdaptivePopulationKinds = [TutoringPopulationSpec.KindName, LicensedSyntheticPopulationSpec.KindName];

    private static readonly string[] AdaptiveCampaignKinds = [ParaphraseHydraCampaignSpec.KindName, RouterResoldCampaignSpec.KindName];

    private const string Minimal = """
        {
          "start": "2026-11-02T00:00:00Z",
          "days": 3,
          "models": [ { "name": "m1", "tier": "flagship", "reasoning": true } ],
          "populations": [ { "kind": "chat", "count": 10 } ],
          "campaigns": [ { "kind": "hydra", "id": "hydra-1", "accounts": 20 } ]
        }
        """;

    [Fact]
    public void Default_EmbeddedFile_HasEveryPopulationAndCampaignKindAndANewModel()
    {
        var scenario = Scenario.Default;

        Assert.Equal(PopulationSpec.Kinds.Except(AdaptivePopulationKinds).Order(), scenario.Populations.Select(p => p.Kind).Distinct().Order());
        Assert.Equal(CampaignSpec.Kinds.Except(AdaptiveCampaignKinds).Order(), scenario.Campaigns.Select(c => c.Kind).Distinct().Order());
        Assert.Contains(scenario.Models, m => m.ReleaseDay > 0 && m.Tier == ModelTier.Flagship);
        Assert.Equal(PhrasingSet.Dev, scenario.Phrasings);
        Assert.Empty(scenario.FindProblems());
    }

    [Fact]
    public void AdaptiveFiles_Together_HaveEveryKindTheDefaultLacks()
    {
        var train = TestScenarios.File("adaptive-train.json");
        var holdout = TestScenarios.File("adaptive-holdout.json");

        Assert.Empty(train.FindProblems());
        Assert.Empty(holdout.FindProblems());
        Assert.Equal(AdaptivePopulationKinds.Order(), train.Populations.Concat(holdout.Populations).Select(p => p.Kind).Where(AdaptivePopulationKinds.Contains).Distinct().Order());
        Assert.Equal(AdaptiveCampaignKinds.Order(), train.Campaigns.Concat(holdout.Campaigns).Select(c => c.Kind).Where(AdaptiveCampaignKinds.Contains).Distinct().Order());
    }

    [Fact]
    public void Default_EachAccess_ReturnsAnIndependentCopy()
    {
        var first = Scenario.Default;
        first.Days = 2;

        Assert.Equal(14, Scenario.Default.Days);
    }

    [Fact]
    public void Parse_MinimalFile_AppliesDocumentedDefaults()
    {
        var scenario = Scenario.Parse(Minimal);

        var chat = Assert.IsType<ChatPopulationSpec>(Assert.Single(scenario.Populations));
        var hydra = Assert.IsType<HydraCampaignSpec>(Assert.Single(scenario.Campaigns));
        Assert.Equal(0.05, chat.PowerUserShare);
        Assert.Equal(IntRange.Of(1, 6), chat.TurnsPerSession);
        Assert.Equal(IntRange.Of(10, 80), hydra.ExchangesPerAccount);
        Assert.Equal(DoubleRange.Of(3, 44), hydra.PivotDelayHours);
        Assert.Equal(0.6, hydra.CoercionShare);
        Assert.True(hydra.PivotToNewModel);
        Assert.Equal(16, scenario.Models[0].ReleaseHour);
    }

    [Fact]
    public void Parse_ToJsonOutput_RoundTrips()
    {
        var scenario = Scenario.Default;

        var again = Scenario.Parse(scenario.ToJson());

        Assert.Equal(scenario.ToJson(), again.ToJson());
    }

    [Fact]
    public void Parse_UnknownPopulationKind_NamesTheEntryAndTheKnownKinds()
    {
        var json = Minimal.Replace("\"kind\": \"chat\"", "\"kind\": \"chatt\"", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json, "my.json"));

        Assert.Contains("my.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("populations[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown population kind 'chatt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("eval-harness", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownCampaignKind_NamesTheEntry()
    {
        var json = Minimal.Replace("\"kind\": \"hydra\"", "\"kind\": \"swarm\"", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Contains("campaigns[0]: unknown campaign kind 'swarm'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingKind_SaysKindIsRequired()
    {
        var json = Minimal.Replace("\"kind\": \"chat\", ", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Contains("populations[0]: kind is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NegativeCounts_ListsEveryProblem()
    {
        var json = Minimal
            .Replace("\"count\": 10", "\"count\": -1", StringComparison.Ordinal)
            .Replace("\"accounts\": 20", "\"accounts\": -5", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("populations[0] (chat): count must not be negative (got -1)", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("campaigns[0] (hydra-1): accounts must not be negative (got -5)", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_InvertedRange_NamesTheField()
    {
        var json = Minimal.Replace("\"count\": 10", "\"count\": 10, \"turns_per_session\": { \"min\": 5, \"max\": 2 }", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Contains("turns_per_session.max (2) must not be less than turns_per_session.min (5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ProbabilityAboveOne_NamesTheField()
    {
        var json = Minimal.Replace("\"accounts\": 20", "\"accounts\": 20, \"coercion_share\": 1.5", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Contains("coercion_share must be between 0 and 1 (got 1.5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownProperty_IsRejectedWithItsPath()
    {
        var json = Minimal.Replace("\"count\": 10", "\"count\": 10, \"cuont\": 3", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Contains("cuont", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.populations[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedJson_ReportsTheLine()
    {
        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse("{\n  \"start\": \"2026-11-02T00:00:00Z\",\n  \"days\": 3,,\n}", "broken.json"));

        Assert.StartsWith("broken.json: line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingStart_SaysItIsRequired()
    {
        var json = Minimal.Replace("\"start\": \"2026-11-02T00:00:00Z\",", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Contains("start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownPhrasingSetAndTier_NameTheAllowedValues()
    {
        var json = Minimal
            .Replace("\"days\": 3,", "\"days\": 3, \"phrasings\": \"test\",", StringComparison.Ordinal)
            .Replace("\"tier\": \"flagship\"", "\"tier\": \"huge\"", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Contains(error.Problems, p => p.Contains("unknown phrasing set 'test'; expected one of: dev, holdout, all", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("models[0].tier: unknown model tier 'huge'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LaunderingWithoutRouter_NamesTheHostPopulation()
    {
        var json = Minimal.Replace("\"campaigns\": [", "\"campaigns\": [ { \"kind\": \"router-laundered\", \"id\": \"laundered-1\" },", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Contains("host_population 'router' must name a router population", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateCampaignIdsAndModelNames_AreRejected()
    {
        var json = Minimal
            .Replace("\"campaigns\": [", "\"campaigns\": [ { \"kind\": \"overt\", \"id\": \"hydra-1\" },", StringComparison.Ordinal)
            .Replace("\"models\": [", "\"models\": [ { \"name\": \"m1\" },", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Contains(error.Problems, p => p.Contains("the campaign id 'hydra-1' is used twice", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("the model name 'm1' is used twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_CampaignOutsideTheWindow_IsRejected()
    {
        var json = Minimal.Replace("\"accounts\": 20", "\"accounts\": 20, \"start_day\": 5", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Contains("start_day must be between 0 and 2 (got 5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoModelOnDayZero_IsRejected()
    {
        var json = Minimal.Replace("\"reasoning\": true }", "\"reasoning\": true, \"release_day\": 1 }", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Contains("at least one model must be released on day 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_NamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var error = await Assert.ThrowsAsync<ScenarioException>(() => Scenario.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_DefaultTemplateCopiedToDisk_LoadsTheDefaultScenario()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Scenario.DefaultTemplate, TestContext.Current.CancellationToken);
        try
        {
            var scenario = await Scenario.LoadAsync(path, TestContext.Current.CancellationToken);

            Assert.Equal(Scenario.Default.ToJson(), scenario.ToJson());
            Assert.Equal(Scenario.Default.ToJson(), Scenario.Load(path).ToJson());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
