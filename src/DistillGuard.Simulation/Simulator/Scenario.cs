using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// What a simulation generates: the time window, the models served, the phrasing catalogue, and the benign populations
/// and distillation campaigns with their sizes at scale 1. Read from a JSON scenario file (snake_case, comments
/// allowed); <see cref="Default"/> is the embedded <c>default-scenario.json</c>, which also serves as a documented
/// template (<see cref="DefaultTemplate"/>).
/// </summary>
public sealed record Scenario
{
    private const string DefaultResourceName = "DistillGuard.Simulation.Simulator.default-scenario.json";
    private const string DefaultSourceName = "default-scenario.json";
    private const int MaxDays = 366;

    private static readonly Lazy<string> DefaultText = new(ReadDefaultTemplate);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] PhrasingNames = ["dev", "holdout", "all"];
    private static readonly string[] TierNames = ["flagship", "mini", "fast"];

    /// <summary>Gets when the simulated traffic starts; the simulation covers <see cref="Days"/> whole days from here.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Gets or sets how many days the simulation covers.</summary>
    /// <value>Defaults to 14.</value>
    public int Days { get; set; } = 14;

    /// <summary>Gets or sets which catalogue of attacker phrasings the campaigns draw from.</summary>
    /// <value>Defaults to <see cref="PhrasingSet.Dev"/>.</value>
    public PhrasingSet Phrasings { get; set; } = PhrasingSet.Dev;

    /// <summary>Gets the models the simulated provider serves, with the day each one is released.</summary>
    public required IReadOnlyList<ModelRelease> Models { get; init; }

    /// <summary>Gets or sets the benign populations.</summary>
    public IReadOnlyList<PopulationSpec> Populations { get; set; } = [];

    /// <summary>Gets or sets the distillation campaigns.</summary>
    public IReadOnlyList<CampaignSpec> Campaigns { get; set; } = [];

    /// <summary>Gets the default scenario: 14 days, a new flagship on day 9, every population and every kind of campaign.</summary>
    /// <remarks>Each access parses the embedded file again, so callers may change the returned scenario freely.</remarks>
    public static Scenario Default => Parse(DefaultText.Value, DefaultSourceName);

    /// <summary>Gets the text of the default scenario file, with comments that document every field; copy it to start a scenario of your own.</summary>
    public static string DefaultTemplate => DefaultText.Value;

    /// <summary>Reads and validates a scenario file.</summary>
    /// <param name="path">The path of the JSON scenario file.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The file cannot be read, is not valid JSON, or does not describe a valid scenario.</exception>
    public static Scenario Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{path}: cannot read the scenario file: {ex.Message}", ex);
        }

        return Parse(json, path);
    }

    /// <summary>Reads and validates a scenario file.</summary>
    /// <param name="path">The path of the JSON scenario file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The file cannot be read, is not valid JSON, or does not describe a valid scenario.</exception>
    public static async Task<Scenario> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{path}: cannot read the scenario file: {ex.Message}", ex);
        }

        return Parse(json, path);
    }

    /// <summary>Parses and validates the text of a scenario file.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">How error messages name the scenario, usually its path.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The text is not valid JSON or does not describe a valid scenario.</exception>
    public static Scenario Parse(string json, string source = "scenario")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        CheckShape(json, source);

        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize(json, ScenarioJsonContext.Default.Scenario);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException(DescribeJsonError(source, ex), ex);
        }

        if (scenario is null)
        {
            throw new ScenarioException($"{source}: the file holds null instead of a scenario object");
        }

        scenario.Validate(source);
        return scenario;
    }

    /// <summary>Writes the scenario as scenario-file JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, ScenarioJsonContext.Default.Scenario);

    /// <summary>Checks that the scenario describes a valid simulation.</summary>
    /// <param name="source">How error messages name the scenario.</param>
    /// <exception cref="ScenarioException">One or more problems were found; <see cref="ScenarioException.Problems"/> lists them all.</exception>
    public void Validate(string source = "scenario")
    {
        var problems = FindProblems();
        if (problems.Count > 0)
        {
            throw new ScenarioException(source, problems);
        }
    }

    /// <summary>Finds every problem in the scenario.</summary>
    /// <returns>The problems, each naming the offending entry; empty when the scenario is valid.</returns>
    public IReadOnlyList<string> FindProblems()
    {
        var problems = new ScenarioProblems();
        if (Days < 1 || Days > MaxDays)
        {
            problems.Add("days", string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {MaxDays} (got {Days})"));
        }

        if (!Enum.IsDefined(Phrasings))
        {
            problems.Add("phrasings", "must be one of dev, holdout, all");
        }

        ValidateModels(problems);
        ValidatePopulations(problems);
        ValidateCampaigns(problems);
        return problems.Items;
    }

    private void ValidateModels(ScenarioProblems problems)
    {
        if (Models is null || Models.Count == 0)
        {
            problems.Add("models", "at least one model is required");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Models.Count; i++)
        {
            var model = Models[i];
            var where = string.Create(CultureInfo.InvariantCulture, $"models[{i}]");
            if (model is null)
            {
                problems.Add(where, "must be an object");
                continue;
            }

            if (string.IsNullOrWhiteSpace(model.Name))
            {
                problems.Add(where, "name must not be empty");
            }
            else if (!names.Add(model.Name))
            {
                problems.Add(where, $"the model name '{model.Name}' is used twice");
            }

            if (model.ReleaseDay < 0 || model.ReleaseDay >= Math.Max(Days, 1))
            {
                problems.Add(where, string.Create(CultureInfo.InvariantCulture, $"release_day must be between 0 and {Days - 1} (got {model.ReleaseDay})"));
            }

            if (model.ReleaseHour is < 0 or > 23)
            {
                problems.Add(where, string.Create(CultureInfo.InvariantCulture, $"release_hour must be between 0 and 23 (got {model.ReleaseHour})"));
            }
        }

        if (!Models.Any(m => m is { ReleaseDay: 0 }))
        {
            problems.Add("models", "at least one model must be released on day 0");
        }
    }

    private void ValidatePopulations(ScenarioProblems problems)
    {
        if (Populations is null)
        {
            problems.Add("populations", "must be a list");
            return;
        }

        for (var i = 0; i < Populations.Count; i++)
        {
            var population = Populations[i];
            if (population is null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"populations[{i}]"), "must be an object");
                continue;
            }

            population.Validate(string.Create(CultureInfo.InvariantCulture, $"populations[{i}] ({population.PopulationName})"), problems);
        }
    }

    private void ValidateCampaigns(ScenarioProblems problems)
    {
        if (Campaigns is null)
        {
            problems.Add("campaigns", "must be a list");
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Campaigns.Count; i++)
        {
            var campaign = Campaigns[i];
            if (campaign is null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"campaigns[{i}]"), "must be an object");
                continue;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"campaigns[{i}] ({campaign.Id})");
            campaign.Validate(where, Math.Max(Days, 1), problems);
            if (!string.IsNullOrWhiteSpace(campaign.Id) && !ids.Add(campaign.Id))
            {
                problems.Add(where, $"the campaign id '{campaign.Id}' is used twice");
            }

            var host = campaign switch
            {
                RouterLaunderedCampaignSpec laundered => laundered.HostPopulation,
                RouterResoldCampaignSpec resold => resold.HostPopulation,
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(host)
                && !(Populations ?? []).Any(p => p is RouterPopulationSpec { Count: > 0 } router
                    && string.Equals(router.PopulationName, host, StringComparison.Ordinal)))
            {
                problems.Add(where, $"host_population '{host}' must name a router population with a count above 0");
            }
        }
    }

    private static void CheckShape(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException(DescribeJsonError(source, ex), ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ScenarioException($"{source}: the scenario must be a JSON object, not {Describe(root.ValueKind)}");
            }

            var problems = new ScenarioProblems();
            CheckKinds(root, "populations", "population", PopulationSpec.Kinds, problems);
            CheckKinds(root, "campaigns", "campaign", CampaignSpec.Kinds, problems);
            if (root.TryGetProperty("phrasings", out var phrasings) && !IsOneOf(phrasings, PhrasingNames))
            {
                problems.Add("phrasings", $"unknown phrasing set {Quote(phrasings)}; expected one of: {string.Join(", ", PhrasingNames)}");
            }

            if (root.TryGetProperty("models", out var models) && models.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var model in models.EnumerateArray())
                {
                    if (model.ValueKind == JsonValueKind.Object && model.TryGetProperty("tier", out var tier) && !IsOneOf(tier, TierNames))
                    {
                        problems.Add(string.Create(CultureInfo.InvariantCulture, $"models[{index}].tier"), $"unknown model tier {Quote(tier)}; expected one of: {string.Join(", ", TierNames)}");
                    }

                    index++;
                }
            }

            if (problems.Items.Count > 0)
            {
                throw new ScenarioException(source, problems.Items);
            }
        }
    }

    private static void CheckKinds(JsonElement root, string property, string noun, IReadOnlyList<string> kinds, ScenarioProblems problems)
    {
        if (!root.TryGetProperty(property, out var list))
        {
            return;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add(property, $"must be a list, not {Describe(list.ValueKind)}");
            return;
        }

        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"{property}[{index}]");
            if (entry.ValueKind != JsonValueKind.Object)
            {
                problems.Add(where, $"must be an object, not {Describe(entry.ValueKind)}");
            }
            else if (!entry.TryGetProperty("kind", out var kind))
            {
                problems.Add(where, $"kind is required; expected one of: {string.Join(", ", kinds)}");
            }
            else if (!IsOneOf(kind, kinds))
            {
                problems.Add(where, $"unknown {noun} kind {Quote(kind)}; expected one of: {string.Join(", ", kinds)}");
            }

            index++;
        }
    }

    private static bool IsOneOf(JsonElement value, IReadOnlyList<string> names) =>
        value.ValueKind == JsonValueKind.String && names.Contains(value.GetString(), StringComparer.Ordinal);

    private static string Quote(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : Describe(value.ValueKind);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string DescribeJsonError(string source, JsonException ex)
    {
        // JsonException messages already carry the path and position; lead with the file and line for editors.
        var line = ex.LineNumber is { } number ? string.Create(CultureInfo.InvariantCulture, $" line {number + 1}") : string.Empty;
        var path = string.IsNullOrEmpty(ex.Path) ? string.Empty : $" at {ex.Path}";
        return $"{source}:{line}{path}: {ex.Message}";
    }

    private static string ReadDefaultTemplate()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
