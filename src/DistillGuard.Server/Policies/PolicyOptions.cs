using DistillGuard.Core.Findings;
using DistillGuard.Core.Policies;
using DistillGuard.Core.Scoring;

namespace DistillGuard.Server.Policies;

/// <summary>
/// The enforcement policy: rules from verdict, score, campaign membership and signals to graduated actions, and what
/// <c>degrade</c> and <c>throttle</c> do. Bound from the <c>DistillGuard:Policies</c> section (appsettings or a
/// <c>--policies</c> JSON file) and validated at start.
/// </summary>
public sealed class PolicyOptions
{
    /// <summary>Gets or sets the rules. When the configuration gives none, <see cref="DefaultRules"/> apply.</summary>
    public List<PolicyRule> Rules { get; set; } = [];

    /// <summary>Gets or sets what <c>degrade</c> does.</summary>
    public DegradeOptions Degrade { get; set; } = new();

    /// <summary>Gets or sets what <c>throttle</c> does.</summary>
    public ThrottleOptions Throttle { get; set; } = new();

    /// <summary>
    /// Gets the rules used when none are configured: suspicious subjects are degraded, distillation is throttled, and
    /// distillation with a score of 0.95 or more inside a campaign is blocked.
    /// </summary>
    public static IReadOnlyList<PolicyRule> DefaultRules { get; } =
    [
        new() { Name = "suspicious-degrade", MinVerdict = Verdict.Suspicious, Action = EnforcementAction.Degrade },
        new() { Name = "distillation-throttle", MinVerdict = Verdict.Distillation, Action = EnforcementAction.Throttle },
        new() { Name = "campaign-block", MinVerdict = Verdict.Distillation, MinScore = 0.95, CampaignMember = true, Action = EnforcementAction.Block },
    ];

    /// <summary>Gets the rules in force: the configured ones, or the defaults.</summary>
    public IReadOnlyList<PolicyRule> EffectiveRules => Rules.Count > 0 ? Rules : DefaultRules;

    /// <summary>Checks the policy, and returns every problem found (empty when it is valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var known = SubjectScorer.DefaultSignals.Select(s => s.Name).Append("campaign").ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var where = $"Policies:Rules:{i} ('{rule.Name}')";
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                errors.Add($"Policies:Rules:{i} has no Name");
            }
            else if (!names.Add(rule.Name))
            {
                errors.Add($"{where}: the name is used by an earlier rule");
            }

            if (rule.MinVerdict is null && rule.MinScore is null && rule.CampaignMember is null && rule.Signals.Count == 0)
            {
                errors.Add($"{where} has no condition: it would apply to every subject (give MinVerdict, MinScore, CampaignMember or Signals)");
            }

            if (rule.MinScore is { } score && (score is < 0 or > 1 || double.IsNaN(score)))
            {
                errors.Add($"{where}: MinScore must be in [0, 1]; it is {score}");
            }

            if (!Enum.IsDefined(rule.Action))
            {
                errors.Add($"{where}: unknown Action {rule.Action}");
            }

            foreach (var (signal, value) in rule.Signals)
            {
                if (!known.Contains(signal))
                {
                    errors.Add($"{where}: unknown signal '{signal}' (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
                }

                if (value is < 0 or > 1 || double.IsNaN(value))
                {
                    errors.Add($"{where}: the threshold of signal '{signal}' must be in [0, 1]; it is {value}");
                }
            }
        }

        if (Degrade.MaxOutputTokens < 1)
        {
            errors.Add($"Policies:Degrade:MaxOutputTokens must be at least 1; it is {Degrade.MaxOutputTokens}");
        }

        if (Degrade.ReasoningEffort is not ("minimal" or "low" or "medium" or "high"))
        {
            errors.Add($"Policies:Degrade:ReasoningEffort must be minimal, low, medium or high; it is '{Degrade.ReasoningEffort}'");
        }

        if (Throttle.Burst < 1 || Throttle.RequestsPerPeriod < 1 || Throttle.Period <= TimeSpan.Zero)
        {
            errors.Add("Policies:Throttle needs Burst and RequestsPerPeriod of at least 1 and a positive Period");
        }

        if (Throttle.MaxTrackedSubjects < 10)
        {
            errors.Add($"Policies:Throttle:MaxTrackedSubjects must be at least 10; it is {Throttle.MaxTrackedSubjects}");
        }

        return errors;
    }
}
