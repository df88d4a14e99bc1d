using DistillGuard.Core.Findings;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>Measures how detection grouped subjects: each found campaign's purity, each labelled campaign's completeness.</summary>
/// <remarks>
/// <para>
/// A found campaign is a campaign of the findings (the subjects whose <c>campaign_id</c> it is, and the end users behind
/// those accounts), or an account flagged <c>suspicious</c> or worse that is in no campaign and has end users in the
/// findings (one verdict covers them all, so detection judged them together). Every subject is in at most one.
/// </para>
/// <para>
/// Purity follows the usual definition for clustering against classes (Manning, Raghavan and Schütze, <i>Introduction to
/// Information Retrieval</i>, 16.3): the share of a found campaign's labelled members that belong to its most common
/// labelled campaign, benign members counting against it. Completeness is its counterpart from the labels' side, taken
/// for the one best found campaign rather than summed over all: the share of a labelled campaign's members in the found
/// campaign that holds most of them.
/// </para>
/// </remarks>
internal static class CampaignGrouping
{
    public static (List<FindingsCampaignMetrics> Found, List<LabelledCampaignMetrics> Labelled, GroupingMetrics Overall) Measure(
        FindingsDocument findings,
        Dictionary<SubjectKey, SubjectLabel> labelsBySubject,
        List<LabelledSubject> attackers,
        EvaluationOptions options)
    {
        var groupOf = AssignGroups(findings);
        var members = groupOf.ToLookup(pair => pair.Value, pair => pair.Key);
        var found = groupOf.Values
            .Concat(findings.Campaigns.Select(campaign => new GroupKey(FoundCampaignKind.Campaign, campaign.Id)))
            .Distinct()
            .Order()
            .ToDictionary(key => key, key => MeasureFound(key, members[key].ToList(), labelsBySubject));
        var labelled = attackers
            .Where(subject => subject.Label.Campaign is not null)
            .GroupBy(subject => subject.Label.Campaign!, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => MeasureLabelled(group.Key, group.ToList(), groupOf, found, options))
            .ToList();

        var pure = found.Values.Where(campaign => campaign.Purity is not null).ToList();
        var grouped = labelled.Where(campaign => campaign.Completeness is not null).ToList();
        var overall = new GroupingMetrics
        {
            FoundCampaigns = pure.Count,
            Purity = pure.Count == 0 ? null : pure.Average(campaign => campaign.Purity!.Value),
            PurityWeighted = Evaluator.Ratio(pure.Sum(campaign => campaign.DominantMembers), pure.Sum(campaign => campaign.LabelledMembers)),
            GroupedCampaigns = grouped.Count,
            Completeness = grouped.Count == 0 ? null : grouped.Average(campaign => campaign.Completeness!.Value),
            CompletenessWeighted = Evaluator.Ratio(grouped.Sum(campaign => campaign.InDominantFindingsCampaign), grouped.Sum(campaign => campaign.Members)),
            LabelledCampaigns = labelled.Count,
            CampaignsFound = labelled.Count(campaign => campaign.Found),
        };
        return ([.. found.Values], labelled, overall);
    }

    private static Dictionary<SubjectKey, GroupKey> AssignGroups(FindingsDocument findings)
    {
        var accounts = findings.Subjects.Where(finding => finding.EndUserId is null).ToDictionary(finding => finding.AccountId, StringComparer.Ordinal);
        string? CampaignOf(SubjectFinding finding) =>
            finding.CampaignId ?? (finding.EndUserId is not null && accounts.TryGetValue(finding.AccountId, out var account) ? account.CampaignId : null);

        var judgedWithEndUsers = findings.Subjects
            .Where(finding => finding.EndUserId is not null && CampaignOf(finding) is null
                && accounts.TryGetValue(finding.AccountId, out var account) && account.Verdict >= Verdict.Suspicious)
            .Select(finding => finding.AccountId)
            .ToHashSet(StringComparer.Ordinal);

        var groups = new Dictionary<SubjectKey, GroupKey>();
        foreach (var finding in findings.Subjects)
        {
            if (CampaignOf(finding) is { } campaign)
            {
                groups[Evaluator.Key(finding)] = new GroupKey(FoundCampaignKind.Campaign, campaign);
            }
            else if (judgedWithEndUsers.Contains(finding.AccountId))
            {
                groups[Evaluator.Key(finding)] = new GroupKey(FoundCampaignKind.Account, finding.AccountId);
            }
        }

        return groups;
    }

    private static FindingsCampaignMetrics MeasureFound(GroupKey key, List<SubjectKey> members, Dictionary<SubjectKey, SubjectLabel> labelsBySubject)
    {
        var labels = members.Select(labelsBySubject.GetValueOrDefault).OfType<SubjectLabel>().ToList();
        var dominant = Evaluator.MostCommon(labels.Select(label => label.IsDistillation ? label.Campaign : null));
        return new FindingsCampaignMetrics
        {
            Id = key.Id,
            Kind = key.Kind,
            Members = members.Count,
            LabelledMembers = labels.Count,
            BenignMembers = labels.Count(label => !label.IsDistillation),
            DominantLabelledCampaign = dominant.Value,
            DominantMembers = dominant.Count,
            Purity = Evaluator.Ratio(dominant.Count, labels.Count),
        };
    }

    private static LabelledCampaignMetrics MeasureLabelled(
        string campaign,
        List<LabelledSubject> members,
        Dictionary<SubjectKey, GroupKey> groupOf,
        Dictionary<GroupKey, FindingsCampaignMetrics> found,
        EvaluationOptions options)
    {
        var flagged = members.Count(subject => subject.IsFlagged);
        var groups = members
            .Where(subject => subject.Finding is not null)
            .Select(subject => groupOf.TryGetValue(subject.Label.Subject, out var group) ? group : (GroupKey?)null)
            .OfType<GroupKey>()
            .ToList();
        var best = groups
            .GroupBy(group => group)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key)
            .Select(group => (Key: (GroupKey?)group.Key, Count: group.Count()))
            .FirstOrDefault();
        var bestPurity = best.Key is { } bestKey ? found[bestKey].Purity : null;
        var purityMet = bestPurity is null || bestPurity >= options.FoundPurity;
        double? completeness = members.Count >= options.MinGroupedMembers ? (double)best.Count / members.Count : null;
        var isFound = completeness is { } share
            ? share >= options.FoundCompleteness && best.Key is not null && purityMet
            : 2 * flagged >= members.Count && purityMet;
        return new LabelledCampaignMetrics
        {
            Campaign = campaign,
            Members = members.Count,
            Flagged = flagged,
            Recall = (double)flagged / members.Count,
            Found = isFound,
            DominantFindingsCampaign = best.Key?.Id,
            InDominantFindingsCampaign = best.Count,
            DominantFindingsCampaignPurity = bestPurity,
            Completeness = completeness,
            FindingsCampaigns = groups.Distinct().Count(),
        };
    }

    /// <summary>A found campaign: a findings campaign's id, or an account's id.</summary>
    private readonly record struct GroupKey(FoundCampaignKind Kind, string Id) : IComparable<GroupKey>
    {
        public int CompareTo(GroupKey other)
        {
            var kind = Kind.CompareTo(other.Kind);
            return kind != 0 ? kind : string.CompareOrdinal(Id, other.Id);
        }
    }
}
