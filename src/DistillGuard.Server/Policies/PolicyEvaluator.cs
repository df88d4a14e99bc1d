using System.Globalization;
using DistillGuard.Core.Policies;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Policies;

/// <summary>Applies the policy's rules to a subject's standing: the most severe matching rule's action, and why.</summary>
internal sealed class PolicyEvaluator(IOptions<PolicyOptions> options)
{
    private readonly IReadOnlyList<PolicyRule> _rules = options.Value.EffectiveRules;

    /// <summary>Gets whether any rule looks at signal values (so signal values must be kept current).</summary>
    public bool UsesSignals => _rules.Any(r => r.Signals.Count > 0);

    /// <summary>Evaluates the rules; <paramref name="reasons"/> gets one line for the winning rule.</summary>
    public EnforcementAction Evaluate(SubjectStanding standing, List<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(reasons);
        PolicyRule? winner = null;
        foreach (var rule in _rules)
        {
            if (Matches(rule, standing) && (winner is null || rule.Action > winner.Action))
            {
                winner = rule;
            }
        }

        if (winner is null)
        {
            return EnforcementAction.Allow;
        }

        var who = standing.Key.EndUserId is null ? $"account {standing.Key.AccountId}" : $"end user {standing.Key}";
        var campaign = standing.CampaignId is null ? string.Empty : $", campaign {standing.CampaignId}";
        reasons.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"policy '{winner.Name}': {who} is {standing.Verdict.ToString().ToLowerInvariant()} (score {standing.Score:0.00}{campaign})"));
        return winner.Action;
    }

    private static bool Matches(PolicyRule rule, SubjectStanding standing)
    {
        if (rule.MinVerdict is { } verdict && standing.Verdict < verdict)
        {
            return false;
        }

        if (rule.MinScore is { } score && standing.Score < score)
        {
            return false;
        }

        if (rule.CampaignMember is { } member && member != (standing.CampaignId is not null))
        {
            return false;
        }

        foreach (var (signal, threshold) in rule.Signals)
        {
            if (!standing.Signals.TryGetValue(signal, out var value) || value < threshold)
            {
                return false;
            }
        }

        return true;
    }
}
