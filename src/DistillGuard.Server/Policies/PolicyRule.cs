using DistillGuard.Core.Findings;
using DistillGuard.Core.Policies;

namespace DistillGuard.Server.Policies;

/// <summary>
/// One policy rule: when a subject meets every condition given, the rule asks for <see cref="Action"/>. Of all the
/// rules that match, the most severe action wins; overrides win over all of them.
/// </summary>
public sealed class PolicyRule
{
    /// <summary>Gets or sets the rule's name, quoted in decisions' reasons; unique.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the least verdict that matches, or null for any.</summary>
    public Verdict? MinVerdict { get; set; }

    /// <summary>Gets or sets the least score that matches, or null for any.</summary>
    public double? MinScore { get; set; }

    /// <summary>Gets or sets whether the subject must (true) or must not (false) be a member of a campaign, or null for either.</summary>
    public bool? CampaignMember { get; set; }

    /// <summary>Gets or sets the least value each named signal must have (all of them), or empty for none.</summary>
    public Dictionary<string, double> Signals { get; set; } = [];

    /// <summary>Gets or sets the action the rule asks for.</summary>
    public EnforcementAction Action { get; set; } = EnforcementAction.Degrade;
}
